"""The site's columns (栏目) and when each last had something new.

A column is a section page below the home page (each domain's SectionIndexPage) or
any page given a ColumnProfile. Its content is what it lists to the public: its
``listing_queryset()`` (public child pages, or records such as published Q&As),
else its public descendants; a column's last update is the newest first
publication (or the record's first date of the search registry) of that content.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.core.pages import ChildListingMixin
from cms.core.selectors import public_pages

from .models import ColumnKind, ColumnProfile

# Section keys checked as 政策文件类 by default; the office may set any column's kind.
DEFAULT_KINDS = {"policies": ColumnKind.POLICY}
DEFAULT_DEPARTMENT = "办公室"


@dataclass(frozen=True)
class Column:
    page: Page
    kind: str
    department: str
    count: int
    last_updated: datetime.date | None

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_explore", args=[self.page.pk])

    def days_since(self, today: datetime.date) -> int | None:
        return None if self.last_updated is None else (today - self.last_updated).days


def _content(page: Page, today: datetime.date):
    """(count, newest date) of what the column shows the public, counting what was
    published by the end of ``today`` (so that a past day measures as it was)."""
    specific = page.specific
    if isinstance(specific, ChildListingMixin):
        queryset = specific.listing_queryset()
    else:
        queryset = public_pages().descendant_of(page)
    model = queryset.model
    if issubclass(model, Page):
        date_field = "first_published_at"
    else:
        from search.registry import record_type_for

        search_type = record_type_for(model)
        date_field = search_type.dates[0] if search_type and search_type.dates else None
    if date_field is None:
        return queryset.count(), None
    field = model._meta.get_field(date_field.split("__")[0])
    if field.get_internal_type() == "DateTimeField":
        end = timezone.make_aware(
            datetime.datetime.combine(
                today + datetime.timedelta(days=1), datetime.time()
            )
        )
        until = Q(**{f"{date_field}__lt": end})
    else:
        until = Q(**{f"{date_field}__lte": today})
    # Content without a date (never stamped) counts, but cannot date the column.
    queryset = queryset.filter(until | Q(**{f"{date_field}__isnull": True}))
    found = queryset.order_by().aggregate(count=Count("pk"), latest=Max(date_field))
    latest = found["latest"]
    if isinstance(latest, datetime.datetime):
        latest = timezone.localdate(latest)
    return found["count"], latest


# Within one measuring round (every indicator on one dashboard or daily digest)
# the columns are read once, not once per indicator that looks at them.
_round: ContextVar[dict[datetime.date, list[Column]] | None] = ContextVar(
    "compliance_columns_round", default=None
)


@contextmanager
def one_round():
    """Read the site's columns once for everything measured inside the block."""
    token = _round.set({})
    try:
        yield
    finally:
        _round.reset(token)


def site_columns(today: datetime.date) -> list[Column]:
    """Every checked column (profiles marked 不检查更新 left out), in tree order,
    as of ``today``."""
    memo = _round.get()
    if memo is None:
        return _site_columns(today)
    if today not in memo:
        memo[today] = _site_columns(today)
    return memo[today]


def _site_columns(today: datetime.date) -> list[Column]:
    from cms.home.sections import declared_sections

    section_keys = {section.model_class: section.key for section in declared_sections()}
    profiles = {
        profile.page_id: profile
        for profile in ColumnProfile.objects.select_related("department")
    }
    pages = {}
    for model, key in section_keys.items():
        for page in public_pages(model=model):
            pages[page.pk] = (page, key)
    for page in public_pages().filter(pk__in=list(profiles)).specific():
        pages.setdefault(page.pk, (page, ""))
    columns = []
    for page, key in sorted(pages.values(), key=lambda pair: pair[0].path):
        profile = profiles.get(page.pk)
        kind = profile.kind if profile else DEFAULT_KINDS.get(key, ColumnKind.OTHER)
        if kind == ColumnKind.EXEMPT:
            continue
        department = (
            profile.department.name
            if profile and profile.department_id
            else DEFAULT_DEPARTMENT
        )
        count, latest = _content(page, today)
        columns.append(Column(page, kind, department, count, latest))
    return columns
