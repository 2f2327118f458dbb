"""Reads of 双公示 decisions shared by the API, the search, the admin and the tasks."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth, TruncDate
from django.utils import timezone

from . import grams
from .models import (
    CreditDecision,
    DecisionKind,
    DecisionStatus,
    Severity,
)

NO_PENALTIES_STATEMENT = "本月无行政处罚案件"
# Every public identifier (a 统一社会信用代码, or a masked ID number such as
# 110***********123X) is ASCII letters, digits and *: no other keyword can equal
# one. Leaving that alternative out of the others' condition keeps it a plain
# "id among these", which PostgreSQL drives from a rare keyword's few ids (with
# the OR it walked the whole list in order, ~45 ms at 50,000 decisions).
IDENTIFIER_CHARS = re.compile(r"[0-9A-Za-z*]+")


def local_today() -> datetime.date:
    """Today in Asia/Shanghai: what "within the period" is measured against."""
    return timezone.localdate()


def public_decisions(*, today: datetime.date | None = None) -> QuerySet[CreditDecision]:
    """What the public may see: published, in force, not withdrawn, and — for a
    行政处罚 — of a published severity and within its maximum publicity period
    on ``today`` (by date, so nothing shows a day late whether or not the
    withdrawal task has run). Newest decision first."""
    today = today or local_today()
    # listed_until is derived from all of that on every write (models.py).
    return CreditDecision.objects.filter(listed_until__gte=today).order_by(
        "-decision_date", "-pk"
    )


def filter_decisions(
    queryset: QuerySet[CreditDecision],
    *,
    kind: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    authority: str | None = None,
    keyword: str | None = None,
) -> QuerySet[CreditDecision]:
    """The public list's filters. The keyword looks only at public (masked) text:
    typing a person's real name finds nothing. It is an exact case-insensitive
    substring of the 文书号, the public party name or the public content, or the
    whole public identifier; grams.keyword_match finds the substrings through
    the keyword index (its bigrams and one narrow text row per decision), so
    that neither the page nor its exact count reads the wide decision rows."""
    if kind:
        queryset = queryset.filter(kind=kind)
    if date_from:
        queryset = queryset.filter(decision_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(decision_date__lte=date_to)
    if authority:
        queryset = queryset.filter(authority=authority)
    if keyword:
        condition = grams.keyword_match(keyword)
        if IDENTIFIER_CHARS.fullmatch(keyword):
            # The identifier through its own index, as ids: a test on the column
            # would read the wide row of every decision the filter goes through.
            identified = CreditDecision.objects.filter(public_identifier=keyword)
            condition |= Q(pk__in=identified.values("pk"))
        queryset = queryset.filter(condition)
    return queryset


def expired_decisions(*, today: datetime.date) -> QuerySet[CreditDecision]:
    """Published 行政处罚 whose maximum publicity period ended before ``today`` and
    that are not yet marked withdrawn."""
    return CreditDecision.objects.filter(
        kind=DecisionKind.PENALTY,
        withdrawn_on__isnull=True,
        publicity_end__lt=today,
    )


def overdue_condition(today: datetime.date) -> Q:
    """Published later than 7 working days after the decision, or still unpublished
    after them; for a queryset annotated by ``with_published_on``. The publicity of
    a 轻微失信 penalty not found necessary to publish is withheld:
    never overdue."""
    late = Q(published_on__isnull=False, published_on__gt=F("due_date"))
    waiting = Q(published_at__isnull=True, due_date__lt=today)
    withheld = Q(
        kind=DecisionKind.PENALTY, severity=Severity.MINOR, minor_published=False
    )
    return (late | waiting) & ~withheld


def with_published_on(queryset: QuerySet[CreditDecision]) -> QuerySet:
    """``published_on``: the local date of ``published_at``."""
    return queryset.annotate(
        published_on=TruncDate("published_at", tzinfo=timezone.get_current_timezone())
    )


def overdue_decisions(*, today: datetime.date | None = None) -> QuerySet:
    today = today or local_today()
    return with_published_on(CreditDecision.objects.all()).filter(
        overdue_condition(today)
    )


@dataclass(frozen=True)
class MonthStatement:
    year: int
    month: int
    penalty_count: int

    @property
    def has_penalties(self) -> bool:
        return self.penalty_count > 0

    @property
    def statement(self) -> str | None:
        """本月无行政处罚案件, for a month without any 行政处罚 decision."""
        if self.has_penalties:
            return None
        return f"{self.year}年{self.month}月{NO_PENALTIES_STATEMENT}"


def month_statements(
    *, year: int, today: datetime.date | None = None
) -> list[MonthStatement]:
    """Each month of ``year`` that has ended by ``today``, with how many 行政处罚
    decisions (in force, whatever their publicity) were made in it; one query.

    A month with none publishes "本月无行政处罚案件". A month still running has
    no statement yet: a decision may still come."""
    today = today or local_today()
    months = [m for m in range(1, 13) if (year, m) < (today.year, today.month)]
    if not months:
        return []
    counts = dict(
        CreditDecision.objects.filter(
            kind=DecisionKind.PENALTY,
            decision_date__gte=datetime.date(year, 1, 1),
            decision_date__lte=datetime.date(year, 12, 31),
        )
        .exclude(status=DecisionStatus.REVOKED)
        .annotate(month=ExtractMonth("decision_date"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [MonthStatement(year, month, counts.get(month, 0)) for month in months]
