"""Reads of policies that the API, search and reports share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail.models import Site

from cms.core.selectors import listed, public_pages

from .doc_numbers import normalize_doc_number
from .models import PolicyPage, PolicyServiceItem, Validity


def validity_expression(prefix: str = "", today: datetime.date | None = None) -> Case:
    """有效性 as a database expression: the explicit override, else the 失效日期
    decides (``derive_validity``). ``prefix`` reaches the policy's fields from
    another model ("policypage__" from Page)."""
    today = today or timezone.localdate()
    return Case(
        When(
            ~Q(**{f"{prefix}validity_override": ""}), then=f"{prefix}validity_override"
        ),
        When(**{f"{prefix}expiry_date__lte": today}, then=Value(Validity.EXPIRED)),
        default=Value(Validity.VALID),
        output_field=CharField(),
    )


def with_validity(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate ``validity_value``: the explicit override, else the 失效日期 decides."""
    return queryset.annotate(validity_value=validity_expression(today=today))


@dataclass(frozen=True)
class PolicyCriteria:
    # None: no filter; an empty tuple: a filter nothing matches (ids that were asked
    # for but cannot exist).
    topic_ids: tuple[int, ...] | None = None
    organization_ids: tuple[int, ...] | None = None
    audience_ids: tuple[int, ...] | None = None
    validity: tuple[str, ...] = ()
    doc_number: str | None = None
    written_from: datetime.date | None = None
    written_to: datetime.date | None = None
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    year: int | None = None
    has_service_items: bool | None = None


def policy_by_reference(text: str) -> PolicyPage | None:
    """The policy a row of an import names: by its 发文字号 in any bracket and
    spacing form (``normalize_doc_number``), or by its exact title. None when no
    policy, or more than one, answers to ``text``."""
    match = Q(title=text)
    if normalized := normalize_doc_number(text):
        match |= Q(doc_number_normalized=normalized)
    found = list(PolicyPage.objects.filter(match)[:2])
    return found[0] if len(found) == 1 else None


def public_policies(site: Site | None = None) -> QuerySet:
    """Public policies of a site (all validities: 失效 stays public, marked)."""
    return public_pages(site, model=PolicyPage)


def listed_policies(site: Site | None = None) -> QuerySet:
    """The policies the list shows: public ones, less the archived (定期清理)."""
    return listed(public_policies(site))


def filter_policies(queryset: QuerySet, criteria: PolicyCriteria) -> QuerySet:
    if criteria.topic_ids is not None:
        # A top-level topic also finds policies filed under its sub-topics.
        queryset = queryset.filter(
            Q(topics__in=criteria.topic_ids) | Q(topics__parent__in=criteria.topic_ids)
        )
    if criteria.organization_ids is not None:
        queryset = queryset.filter(issuers__organization__in=criteria.organization_ids)
    if criteria.audience_ids is not None:
        queryset = queryset.filter(audiences__in=criteria.audience_ids)
    if criteria.doc_number:
        queryset = queryset.filter(
            doc_number_normalized=normalize_doc_number(criteria.doc_number)
        )
    if criteria.written_from:
        queryset = queryset.filter(written_date__gte=criteria.written_from)
    if criteria.written_to:
        queryset = queryset.filter(written_date__lte=criteria.written_to)
    if criteria.published_from:
        queryset = queryset.filter(publish_date__gte=criteria.published_from)
    if criteria.published_to:
        queryset = queryset.filter(publish_date__lte=criteria.published_to)
    if criteria.year:
        queryset = queryset.filter(publish_date__year=criteria.year)
    if criteria.has_service_items is not None:
        linked = Exists(PolicyServiceItem.objects.filter(page=OuterRef("pk")))
        queryset = queryset.filter(linked if criteria.has_service_items else ~linked)
    if criteria.validity:
        queryset = with_validity(queryset).filter(validity_value__in=criteria.validity)
    if any(
        ids
        for ids in (
            criteria.topic_ids,
            criteria.organization_ids,
            criteria.audience_ids,
        )
    ):
        queryset = queryset.distinct()
    return queryset
