"""Hooks of the home app: the 前端预览 button and its view; serving only 主动公开."""

from __future__ import annotations

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .selectors import is_publicly_disclosed
from .views import preview_token_redirect


@hooks.register("before_serve_page")
def refuse_pages_not_for_active_disclosure(page, request, serve_args, serve_kwargs):
    """依申请公开 and 不予公开 never reach the public site, whatever the row says.

    政府信息公开条例 第十三条: information is disclosed 主动 or 依申请; only the first
    is published. 第二十七条 (依申请) and 第十四至十六条 (不予公开) keep the others off.
    """
    if not is_publicly_disclosed(page.specific):
        raise Http404


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
