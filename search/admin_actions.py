"""Admin action: re-segment the whole index after the dictionary changed.

Registered from SearchConfig.ready() (wagtail_hooks.py holds the snippets and reports).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import DictionaryTerm, SynonymGroup

PERMISSION = "cms_search.change_dictionaryterm"


def resegment_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        from .tasks import rebuild_index_task

        rebuild_index_task.enqueue()
        messages.success(request, _("已开始按当前词典重新切词并重建搜索索引。"))
        return redirect("search_resegment")
    return TemplateResponse(
        request,
        "search/admin/resegment.html",
        {
            "page_title": _("重建搜索索引"),
            "term_count": DictionaryTerm.objects.count(),
            "synonym_count": SynonymGroup.objects.filter(is_active=True).count(),
        },
    )


class ResegmentMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("search/resegment/", resegment_view, name="search_resegment")]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return ResegmentMenuItem(
        _("重建搜索索引"), reverse("search_resegment"), icon_name="search", order=900
    )
