"""Index pages list their live, public (主动公开) children, newest first."""

from __future__ import annotations

from django.core.paginator import Paginator

from .selectors import public_pages


class ChildListingMixin:
    """Paginated ``children`` in the template context of an index page."""

    listing_per_page = 20
    # "app_label.ModelName" of the children, so they can be ordered by their own fields.
    listing_model: str = ""
    listing_order: tuple[str, ...] = ("-first_published_at", "-pk")

    def listing_queryset(self):
        from django.apps import apps

        model = apps.get_model(self.listing_model)
        return public_pages(model=model).child_of(self).order_by(*self.listing_order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listing_queryset(), self.listing_per_page)
        context["children"] = paginator.get_page(request.GET.get("page"))
        return context
