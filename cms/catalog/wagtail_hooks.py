"""The catalog in the admin: items with their bindings and status, XLSX export."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CatalogItem
from .views import CatalogStatusView, export_catalog_view


class CatalogItemViewSet(SnippetViewSet):
    model = CatalogItem
    icon = "list-ul"
    menu_label = _("政务公开标准目录")
    menu_order = 830
    add_to_admin_menu = True
    list_display = ["path", "area", "source", "time_limit_kind", "department"]
    list_filter = ["area", "source", "department"]
    search_fields = ["level1", "level2", "level3", "elements"]
    ordering = ["area", "sequence", "path"]


register_snippet(CatalogItemViewSet)


@hooks.register("register_admin_urls")
def register_catalog_urls():
    return [
        path("catalog/status/", CatalogStatusView.as_view(), name="catalog_status"),
        path("catalog/export.xlsx", export_catalog_view, name="catalog_export"),
    ]


@hooks.register("register_reports_menu_item")
def register_catalog_status_item():
    return MenuItem(
        _("标准目录落实情况"), reverse("catalog_status"), icon_name="list-ul", order=720
    )
