"""重大行政决策 as GraphQL types: the annual catalog, its decisions, their results and
the meetings public representatives attended (categories and counts only)."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Prefetch

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.content.context import content_context
from api.content.documents import DocumentType
from api.content.rich_text import render_rich_text
from api.context import Info
from api.pages.types import PageInterface
from api.taxonomy.types import OrganizationType
from cms.consultations.models import (
    DecisionMeeting,
    DecisionStage,
    FollowUpStatus,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
    MeetingKind,
    RepresentativeCategory,
)
from cms.consultations.selectors import public_consultations, public_decisions

from .types import AdoptionReportType, ConsultationPageType

DecisionStageEnum = strawberry.enum(
    DecisionStage,
    name="DecisionStage",
    description="决策阶段：拟决策、征求意见、已决策",
)
MeetingKindEnum = strawberry.enum(
    MeetingKind, name="DecisionMeetingKind", description="会议类型"
)
RepresentativeCategoryEnum = strawberry.enum(
    RepresentativeCategory,
    name="RepresentativeCategory",
    description="公众代表类别",
)
FollowUpStatusEnum = strawberry.enum(
    FollowUpStatus, name="FollowUpStatus", description="代表建议办理状态"
)

MEETINGS_ATTR = "public_meetings"


def _public(selector, info: Info):
    """Live, public pages of the site the root field asked for."""
    site = info.context.site
    return selector(site=site) if site is not None else selector(site=None).none()


def _public_meetings() -> Prefetch:
    return Prefetch(
        "meetings",
        queryset=DecisionMeeting.objects.filter(is_public=True)
        .prefetch_related("attendees", "suggestions")
        .order_by("date", "pk"),
        to_attr=MEETINGS_ATTR,
    )


@strawberry.type(name="RepresentativeCount", description="某一类别列席代表的人数")
class RepresentativeCountType:
    category: RepresentativeCategoryEnum
    count: int


@strawberry.type(
    name="RepresentativeSuggestion",
    description="列席代表的建议及办理反馈（不含代表个人信息）",
)
class RepresentativeSuggestionType:
    id: strawberry.ID
    category: RepresentativeCategoryEnum = strawberry.field(description="提出人类别")
    content: str
    status: FollowUpStatusEnum
    response: str = strawberry.field(description="办理情况及反馈")
    responded_on: datetime.date | None


@strawberry.type(
    name="DecisionMeeting",
    description="研究决策事项的会议（局长办公会议、决策专题会）及公众代表列席情况",
)
class DecisionMeetingType:
    meeting: strawberry.Private[DecisionMeeting]
    id: strawberry.ID
    kind: MeetingKindEnum
    date: datetime.date
    topic: str

    @strawberry.field(description="列席的公众代表人数")
    def representative_count(self) -> int:
        return len(self.meeting.attendees.all())

    @strawberry.field(description="按类别统计的列席代表人数（只列有代表的类别）")
    def representatives(self) -> list[RepresentativeCountType]:
        counts = Counter(a.category for a in self.meeting.attendees.all())
        return [
            RepresentativeCountType(category=category, count=counts[category.value])
            for category in RepresentativeCategory
            if counts[category.value]
        ]

    @strawberry.field(description="代表建议及办理情况")
    def suggestions(self) -> list[RepresentativeSuggestionType]:
        return [
            RepresentativeSuggestionType(
                id=strawberry.ID(str(s.pk)),
                category=RepresentativeCategory(s.category),
                content=s.content,
                status=FollowUpStatus(s.status),
                response=s.response,
                responded_on=s.responded_on,
            )
            for s in self.meeting.suggestions.all()
        ]

    @classmethod
    def of(cls, meeting: DecisionMeeting) -> DecisionMeetingType:
        return cls(
            meeting=meeting,
            id=strawberry.ID(str(meeting.pk)),
            kind=MeetingKind(meeting.kind),
            date=meeting.date,
            topic=meeting.topic,
        )


@strawberry_django.type(
    MajorDecisionPage, name="MajorDecisionPage", description="重大行政决策事项"
)
class MajorDecisionPageType(PageInterface):
    stage: DecisionStageEnum
    summary: str = strawberry_django.field(description="事项概述")
    legal_basis: str = strawberry_django.field(description="决策依据")
    planned_date: str = strawberry_django.field(description="计划完成时间")
    decision_date: datetime.date | None = strawberry_django.field(
        description="决策日期"
    )
    result_url: str = strawberry_django.field(description="决策文件链接")
    department: OrganizationType | None = strawberry_django.field(
        description="承办科室"
    )

    @strawberry_django.field(only=["result"], description="决策结果")
    def result(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.result, info, channel)

    @strawberry_django.field(
        select_related=["result_document"], description="决策文件（可公开下载时）"
    )
    def result_document(self, info: Info) -> DocumentType | None:
        return DocumentType.from_document(
            self.result_document, content_context(info, Channel.WEB)
        )

    @strawberry_django.field(
        only=["consultation_id"],
        description="公开征求意见的页面（已发布时）",
    )
    def consultation(self, info: Info) -> ConsultationPageType | None:
        return _consultation(self, info)

    @strawberry_django.field(
        only=["consultation_id"],
        description="公众意见采纳情况（征求意见页面公布后）",
    )
    def adoption_report(self, info: Info) -> AdoptionReportType | None:
        page = _consultation(self, info)
        return AdoptionReportType.of(page) if page is not None else None

    @strawberry_django.field(
        prefetch_related=[lambda info: _public_meetings()],
        description="研究本事项的会议（对外公开的），按日期",
    )
    def meetings(self) -> list[DecisionMeetingType]:
        meetings = getattr(self, MEETINGS_ATTR, None)
        if meetings is None:
            meetings = list(
                self.meetings.filter(is_public=True)
                .prefetch_related("attendees", "suggestions")
                .order_by("date", "pk")
            )
        return [DecisionMeetingType.of(meeting) for meeting in meetings]


def _consultation(decision: MajorDecisionPage, info: Info):
    """The decision's public consultation page, fetched once per request for all."""
    if not decision.consultation_id:
        return None
    key = "consultations:by-id"
    found = info.context.loaders.get(key)
    if found is None:
        found = info.context.loaders[key] = {}
    if decision.consultation_id not in found:
        pending = {
            decision.consultation_id,
            *info.context.loaders.get("consultations:wanted", set()),
        } - set(found)
        pages = _public(public_consultations, info).filter(pk__in=pending)
        for page in pages:
            found[page.pk] = page
        for pk in pending:
            found.setdefault(pk, None)
    return found[decision.consultation_id]


@strawberry_django.type(
    MajorDecisionCatalogPage,
    name="MajorDecisionCatalogPage",
    description="重大行政决策事项目录（年度）",
)
class MajorDecisionCatalogPageType(PageInterface):
    year: int

    @strawberry_django.field(only=["intro"], description="说明")
    def intro(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.intro, info, channel)

    @strawberry_django.field(
        only=["path", "depth"], description="目录中的决策事项（已发布的），按栏目顺序"
    )
    def decisions(self, info: Info) -> list[MajorDecisionPageType]:
        from strawberry_django.optimizer import optimize

        queryset = (
            _public(public_decisions, info)
            .filter(path__startswith=self.path, depth=self.depth + 1)
            .order_by("path")
        )
        decisions = list(optimize(queryset, info))
        # One query for all the consultations these decisions link to.
        info.context.loaders["consultations:wanted"] = {
            d.consultation_id for d in decisions if d.consultation_id
        }
        return decisions


TYPES = (MajorDecisionCatalogPageType, MajorDecisionPageType)
