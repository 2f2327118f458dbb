"""What the index pages (栏目) of every domain share: an intro and their public
children, listed and paged."""

from __future__ import annotations

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .selectors import public_children


class ChildListingMixin:
    """Paginated public ``children`` in the template context of a page."""

    listing_per_page = 20
    # "app_label.ModelName" of the children, so they can be ordered by their own
    # fields. A page listing something else overrides ``listing_queryset``.
    listing_model: str = ""
    listing_order: tuple[str, ...] = ("-first_published_at", "-pk")

    def listing_queryset(self) -> QuerySet:
        model = apps.get_model(self.listing_model)
        return public_children(self, model=model).order_by(*self.listing_order)

    def listing_page(self, number):
        """One page of the listing; a missing or bad number gives the first or last."""
        return Paginator(self.listing_queryset(), self.listing_per_page).get_page(
            number
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.listing_page(request.GET.get("page"))
        return context


class SectionIndexPage(ChildListingMixin, Page):
    """A column below the home page (政策文件库, 政策解读 ...), one per site; edited by
    the office. A concrete column names its children in ``listing_model`` and
    ``subpage_types``."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
