"""Policies in the public search (registry: search/registry.py)."""

from __future__ import annotations

from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, other_page, register

from .models import PolicyIndexPage, PolicyPage, Validity


def validity(prefix: str):
    """有效性 as a database expression, as ``derive_validity`` computes it: an
    explicit 废止/已修订/失效 wins, else a 失效日期 that has passed."""
    return Case(
        When(
            ~Q(**{f"{prefix}validity_override": ""}),
            then=F(f"{prefix}validity_override"),
        ),
        When(
            **{f"{prefix}expiry_date__lte": timezone.localdate()},
            then=Value(Validity.EXPIRED.value),
        ),
        default=Value(Validity.VALID.value),
        output_field=CharField(),
    )


register(
    SearchType(
        key="policy",
        label=_("政策文件"),
        model=PolicyPage,
        topics=("topics",),
        organizations=("issuers__organization",),
        dates=("publish_date", "first_published_at"),
        validity=validity,
    )
)
register(other_page(PolicyIndexPage))
