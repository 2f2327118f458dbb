"""Reads of consultations, their comments and decisions that the API and admin share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import Site

from cms.core.selectors import public_pages

from .models import (
    CommenterType,
    ConsultationComment,
    ConsultationPage,
    ConsultationStatus,
    Decision,
    DecisionMeeting,
    FollowUpStatus,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
    ModerationStatus,
    RepresentativeSuggestion,
)

# 普惠性惠企政策原则上听取相关领域企业意见占比不低于 50%.
ENTERPRISE_SHARE_TARGET = 0.5


# --- consultations -----------------------------------------------------------------
def public_consultations(*, site: Site | None) -> QuerySet:
    return public_pages(site, model=ConsultationPage)


def status_q(status: str, *, today: datetime.date) -> Q:
    """The pages whose derived status (ConsultationPage.status_on) is ``status``."""
    if status == ConsultationStatus.NOT_STARTED:
        return Q(open_date__gt=today)
    if status == ConsultationStatus.OPEN:
        return Q(open_date__lte=today, close_date__gte=today)
    if status == ConsultationStatus.CLOSED:
        return Q(close_date__lt=today, adoption_report="")
    if status == ConsultationStatus.REPORT_PUBLISHED:
        return Q(close_date__lt=today) & ~Q(adoption_report="")
    return Q(pk__in=[])


@dataclass(frozen=True)
class ConsultationCriteria:
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    enterprise_related: bool | None = None


def filter_consultations(
    queryset: QuerySet,
    *,
    criteria: ConsultationCriteria,
    today: datetime.date | None = None,
) -> QuerySet:
    today = today or timezone.localdate()
    if criteria.statuses:
        condition = Q(pk__in=[])
        for status in criteria.statuses:
            condition |= status_q(status, today=today)
        queryset = queryset.filter(condition)
    if criteria.kinds:
        queryset = queryset.filter(kind__in=criteria.kinds)
    if criteria.enterprise_related is not None:
        queryset = queryset.filter(is_enterprise_related=criteria.enterprise_related)
    return queryset


def ordered_consultations(queryset: QuerySet, *, newest_first: bool = True):
    if newest_first:
        return queryset.order_by("-open_date", "-pk")
    return queryset.order_by("open_date", "pk")


# --- comments ----------------------------------------------------------------------
@dataclass(frozen=True)
class CommentStats:
    """What staff see about a consultation's comments.

    The enterprise share counts every comment received except those hidden as
    abuse or spam (不予展示), moderated or not.
    """

    total: int
    pending: int
    approved: int
    hidden: int
    enterprise: int
    individual: int
    undecided: int
    adopted: int
    partly_adopted: int
    not_adopted: int

    @property
    def counted(self) -> int:
        return self.enterprise + self.individual

    @property
    def enterprise_share(self) -> float | None:
        return self.enterprise / self.counted if self.counted else None

    @property
    def enterprise_share_percent(self) -> str:
        share = self.enterprise_share
        return "—" if share is None else f"{share * 100:.1f}%"

    @property
    def below_enterprise_target(self) -> bool:
        share = self.enterprise_share
        return share is None or share < ENTERPRISE_SHARE_TARGET


def _stats_aggregates(prefix: str = "") -> dict:
    def q(**kwargs) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in kwargs.items()})

    shown = ~q(moderation_status=ModerationStatus.HIDDEN)
    return {
        "total": Count(f"{prefix}pk"),
        "pending": Count(f"{prefix}pk", filter=q(moderation_status="pending")),
        "approved": Count(f"{prefix}pk", filter=q(moderation_status="approved")),
        "hidden": Count(f"{prefix}pk", filter=q(moderation_status="hidden")),
        "enterprise": Count(
            f"{prefix}pk",
            filter=shown & q(commenter_type=CommenterType.ENTERPRISE),
        ),
        "individual": Count(
            f"{prefix}pk",
            filter=shown & q(commenter_type=CommenterType.INDIVIDUAL),
        ),
        "undecided": Count(f"{prefix}pk", filter=shown & q(decision="")),
        "adopted": Count(f"{prefix}pk", filter=q(decision=Decision.ADOPTED)),
        "partly_adopted": Count(
            f"{prefix}pk", filter=q(decision=Decision.PARTLY_ADOPTED)
        ),
        "not_adopted": Count(f"{prefix}pk", filter=q(decision=Decision.NOT_ADOPTED)),
    }


def comment_stats(consultation: ConsultationPage) -> CommentStats:
    values = ConsultationComment.objects.filter(consultation=consultation).aggregate(
        **_stats_aggregates()
    )
    return CommentStats(**values)


def enterprise_share_rows() -> list[tuple[ConsultationPage, CommentStats]]:
    """Every 惠企 consultation with its comment figures, newest first (one query)."""
    fields = list(_stats_aggregates())
    pages = (
        ConsultationPage.objects.filter(is_enterprise_related=True)
        .annotate(
            **{
                f"stat_{name}": aggregate
                for name, aggregate in _stats_aggregates(
                    "consultation_comments__"
                ).items()
            }
        )
        .select_related("department")
        .order_by("-open_date", "-pk")
    )
    return [
        (page, CommentStats(**{name: getattr(page, f"stat_{name}") for name in fields}))
        for page in pages
    ]


# --- major decisions ---------------------------------------------------------------
def public_catalogs(*, site: Site | None) -> QuerySet:
    return public_pages(site, model=MajorDecisionCatalogPage)


def public_decisions(*, site: Site | None) -> QuerySet:
    return public_pages(site, model=MajorDecisionPage)


def public_meetings() -> QuerySet:
    return DecisionMeeting.objects.filter(is_public=True).order_by("date", "pk")


def open_follow_ups() -> QuerySet:
    """Suggestions not yet closed, oldest meeting first (the office's to-do list)."""
    return (
        RepresentativeSuggestion.objects.exclude(status=FollowUpStatus.CLOSED)
        .select_related("meeting__decision", "handling_department")
        .order_by("meeting__date", "pk")
    )
