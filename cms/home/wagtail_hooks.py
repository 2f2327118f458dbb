"""Admin hooks of the home app: the 前端预览 button and its view."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .views import preview_token_redirect


@hooks.register("register_admin_urls")
def register_preview_token_url():
    return [
        path(
            "preview-token/<int:page_id>/",
            preview_token_redirect,
            name="cms_preview_token",
        )
    ]


@hooks.register("register_page_header_buttons")
def frontend_preview_button(page, user, view_name, next_url=None):
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("前端预览"),
        reverse("cms_preview_token", args=[page.pk]),
        icon_name="view",
        attrs={
            "target": "_blank",
            "rel": "noopener",
            "title": _("用最近保存的版本在前端打开预览；链接限时有效"),
        },
        priority=25,
    )
