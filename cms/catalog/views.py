"""Admin views of the catalog: how each item is fulfilled, and the XLSX export."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importing import export_catalog_xlsx
from .selectors import catalog_items
from .status import item_statuses


class CatalogStatusView(WagtailAdminTemplateMixin, View):
    template_name = "catalog/status.html"
    page_title = "标准目录落实情况"
    header_icon = "list-ul"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(catalog_items())
        statuses = item_statuses(items)
        context["rows"] = [(item, statuses[item.pk]) for item in items]
        context["today"] = timezone.localdate()
        return context


def export_catalog_view(request):
    body = export_catalog_xlsx(list(catalog_items()))
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''catalog-{stamp}.xlsx"
    )
    return response
