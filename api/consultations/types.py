"""Consultations (征求意见) as GraphQL types: the pages, their public comments and the
意见采纳情况. Contact data and moderation never appear here."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Count, Prefetch, Q

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.content.context import content_context
from api.content.documents import DocumentType
from api.content.rich_text import MAX_LENGTH_ARGUMENT, render_rich_text
from api.context import Info
from api.pages.types import PageInterface
from api.policies.blocks import PolicyBodyBlock, policy_body
from api.taxonomy.types import OrganizationType
from cms.consultations.models import (
    CommenterType,
    ConsultationAttachment,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    Decision,
    DraftKind,
    EnterpriseSize,
    Industry,
    ModerationStatus,
)
from cms.participation.masking import mask_name

DraftKindEnum = strawberry.enum(DraftKind, name="DraftKind", description="草案类型")
ConsultationStatusEnum = strawberry.enum(
    ConsultationStatus,
    name="ConsultationStatus",
    description="征求意见状态，按当前日期（北京时间）计算",
)
CommenterTypeEnum = strawberry.enum(
    CommenterType, name="CommenterType", description="意见人类型：个人或企业"
)
EnterpriseSizeEnum = strawberry.enum(
    EnterpriseSize,
    name="EnterpriseSize",
    description="企业规模（大型、中型、小型、微型）",
)
IndustryEnum = strawberry.enum(
    Industry, name="IndustryCategory", description="国民经济行业门类（GB/T 4754-2017）"
)
CommentDecisionEnum = strawberry.enum(
    Decision,
    name="CommentDecision",
    description="意见处理结果：采纳、部分采纳、不予采纳",
)

_STATUS_FIELDS = ["open_date", "close_date", "adoption_report"]
APPROVED_COMMENTS_ATTR = "public_comments"
MAX_COMMENTS = 100


def _approved_comments() -> Prefetch:
    return Prefetch(
        "consultation_comments",
        queryset=ConsultationComment.objects.filter(
            moderation_status=ModerationStatus.APPROVED
        ).order_by("created_at", "pk"),
        to_attr=APPROVED_COMMENTS_ATTR,
    )


ATTACHMENTS_PREFETCH = Prefetch(
    "attachments",
    queryset=ConsultationAttachment.objects.select_related("document").order_by(
        "sort_order", "pk"
    ),
)
APPROVED_COUNT = Count(
    "consultation_comments",
    filter=Q(consultation_comments__moderation_status=ModerationStatus.APPROVED),
)


@strawberry_django.type(ConsultationIndexPage, name="ConsultationIndexPage")
class ConsultationIndexPageType(PageInterface):
    intro: str


@strawberry.type(name="ConsultationAttachment", description="征求意见附件")
class ConsultationAttachmentType:
    id: strawberry.ID
    title: str = strawberry.field(description="显示名称：未填写时为文件标题")
    document: DocumentType


@strawberry.type(
    name="ConsultationComment",
    description="经审核公开的一条意见（不含联系方式；姓名只显示姓氏）",
)
class ConsultationCommentType:
    id: strawberry.ID
    commenter_type: CommenterTypeEnum
    industry: IndustryEnum | None
    enterprise_size: EnterpriseSizeEnum | None
    name: str = strawberry.field(
        description="姓名或企业名称，只显示首字，其余以 * 代替"
    )
    content: str
    submitted_at: datetime.datetime
    decision: CommentDecisionEnum | None = strawberry.field(
        description="处理结果；意见采纳情况公布后才有"
    )
    decision_reason: str | None = strawberry.field(
        description="处理理由；意见采纳情况公布后才有"
    )

    @classmethod
    def from_comment(
        cls, comment: ConsultationComment, *, report_published: bool
    ) -> ConsultationCommentType:
        enterprise = comment.commenter_type == CommenterType.ENTERPRISE
        decided = report_published and bool(comment.decision)
        return cls(
            id=strawberry.ID(str(comment.pk)),
            commenter_type=CommenterType(comment.commenter_type),
            industry=Industry(comment.industry)
            if enterprise and comment.industry
            else None,
            enterprise_size=EnterpriseSize(comment.enterprise_size)
            if enterprise and comment.enterprise_size
            else None,
            name=mask_name(comment.name),
            content=comment.content,
            submitted_at=comment.created_at,
            decision=Decision(comment.decision) if decided else None,
            decision_reason=(comment.decision_reason or None) if decided else None,
        )


@strawberry.type(name="AdoptionReport", description="意见采纳情况（公布后才有）")
class AdoptionReportType:
    page: strawberry.Private[ConsultationPage]
    generated_at: datetime.datetime | None = strawberry.field(description="生成时间")
    received: int = strawberry.field(description="收到的有效意见数")
    enterprise: int = strawberry.field(description="其中企业意见数")
    individual: int = strawberry.field(description="其中个人意见数")
    adopted: int = strawberry.field(description="采纳")
    partly_adopted: int = strawberry.field(description="部分采纳")
    not_adopted: int = strawberry.field(description="不予采纳")

    @strawberry.field(description="意见采纳情况全文")
    def text(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
        max_length: Annotated[
            int | None, strawberry.argument(description=MAX_LENGTH_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.page.adoption_report, info, channel, max_length)

    @classmethod
    def of(cls, page: ConsultationPage) -> AdoptionReportType | None:
        if page.status != ConsultationStatus.REPORT_PUBLISHED:
            return None
        stats = page.adoption_stats or {}
        return cls(
            page=page,
            generated_at=page.adoption_report_generated_at,
            received=int(stats.get("received", 0)),
            enterprise=int(stats.get("enterprise", 0)),
            individual=int(stats.get("individual", 0)),
            adopted=int(stats.get("adopted", 0)),
            partly_adopted=int(stats.get("partly_adopted", 0)),
            not_adopted=int(stats.get("not_adopted", 0)),
        )


@strawberry.type(
    name="ConsultationWindow",
    description=(
        "征求意见期：自开始日期起算；页面晚于开始日期发布的，自实际发布之日起算。"
        "均含首尾两日（北京时间）。"
    ),
)
class ConsultationWindowType:
    published_on: datetime.date | None = strawberry.field(
        description="实际发布日期：页面首次上线之日；预览未发布的页面时为 null"
    )
    start_date: datetime.date = strawberry.field(
        description="起算日：开始日期与实际发布日期中较晚的一天"
    )
    close_date: datetime.date = strawberry.field(description="截止日期（含当日）")
    days: int = strawberry.field(description="征求意见期日数，含首尾两日")
    working_days: int = strawberry.field(
        description="其中工作日数（国家法定节假日和调休；安排未公布的年份按周一至周五估算）"
    )
    minimum: str | None = strawberry.field(
        description=(
            "法定一般期限，如“一般不少于 7 个工作日”“一般不少于 30 日”；"
            "无法定期限的草案为 null"
        )
    )
    is_shortened: bool = strawberry.field(
        description="短于法定一般期限（须说明缩短理由）"
    )
    shortened_reason: str | None = strawberry.field(
        description="缩短征求意见期的理由（如情况紧急）；未缩短时为 null"
    )

    @classmethod
    def of(cls, page: ConsultationPage) -> ConsultationWindowType:
        window = page.window
        shortened = window.is_shortened
        reason = page.short_window_reason.strip()
        return cls(
            published_on=page.published_on,
            start_date=window.start,
            close_date=window.close_date,
            days=window.days,
            working_days=window.working_days,
            minimum=window.rule.describe() or None,
            is_shortened=shortened,
            shortened_reason=(reason or None) if shortened else None,
        )


_WINDOW_FIELDS = [
    "kind",
    "is_market_related",
    "open_date",
    "close_date",
    "first_published_at",
    "go_live_at",
    "short_window_reason",
]


def approved_comments(page: ConsultationPage) -> list[ConsultationComment]:
    prefetched = getattr(page, APPROVED_COMMENTS_ATTR, None)
    if prefetched is not None:
        return prefetched
    return list(
        page.consultation_comments.filter(
            moderation_status=ModerationStatus.APPROVED
        ).order_by("created_at", "pk")
    )


@strawberry_django.type(
    ConsultationPage,
    name="ConsultationPage",
    description="征求意见（政策文件或决策草案）",
)
class ConsultationPageType(PageInterface):
    kind: DraftKindEnum
    open_date: datetime.date = strawberry_django.field(description="开始日期（含）")
    close_date: datetime.date = strawberry_django.field(
        description="截止日期（含当日，北京时间 24 时止）"
    )
    summary: str
    is_enterprise_related: bool = strawberry_django.field(description="是否惠企政策")
    is_market_related: bool = strawberry_django.field(description="是否涉及市场主体")
    department: OrganizationType | None = strawberry_django.field(
        description="起草科室"
    )
    contact_phone: str = strawberry_django.field(description="意见反馈电话")
    contact_email: str = strawberry_django.field(description="意见反馈邮箱")
    contact_address: str = strawberry_django.field(description="信函寄送地址")

    @strawberry_django.field(only=_STATUS_FIELDS)
    def status(self) -> ConsultationStatusEnum:
        return ConsultationStatus(self.status)

    @strawberry_django.field(only=_STATUS_FIELDS, description="当前可以提交意见")
    def is_open(self) -> bool:
        return self.is_open

    @strawberry_django.field(
        only=_WINDOW_FIELDS,
        description="征求意见期：实际发布日期、起算日、日数，缩短时的理由",
    )
    def window(self) -> ConsultationWindowType:
        return ConsultationWindowType.of(self)

    @strawberry_django.field(only=["body"], description="草案全文内容块")
    def body(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> list[PolicyBodyBlock]:
        return policy_body(self.body, info, channel)

    @strawberry_django.field(only=["explanation"], description="起草说明")
    def explanation(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
        max_length: Annotated[
            int | None, strawberry.argument(description=MAX_LENGTH_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.explanation, info, channel, max_length)

    @strawberry_django.field(
        prefetch_related=[ATTACHMENTS_PREFETCH],
        description="附件（PDF、OFD、Word、Excel），按顺序；受限的文件不列出",
    )
    def attachments(self, info: Info) -> list[ConsultationAttachmentType]:
        if "attachments" in getattr(self, "_prefetched_objects_cache", {}):
            rows = self.attachments.all()
        else:
            rows = self.attachments.select_related("document").order_by("sort_order")
        context = content_context(info, Channel.WEB)
        attachments = []
        for row in rows:
            document = DocumentType.from_document(row.document, context)
            if document is not None:
                attachments.append(
                    ConsultationAttachmentType(
                        id=strawberry.ID(str(row.pk)),
                        title=row.title or document.title,
                        document=document,
                    )
                )
        return attachments

    @strawberry_django.field(
        annotate={"approved_comment_count": APPROVED_COUNT},
        description="经审核公开的意见数",
    )
    def comment_count(self) -> int:
        annotated = getattr(self, "approved_comment_count", None)
        if annotated is not None:
            return annotated
        return self.consultation_comments.filter(
            moderation_status=ModerationStatus.APPROVED
        ).count()

    @strawberry_django.field(
        only=_STATUS_FIELDS,
        prefetch_related=[lambda info: _approved_comments()],
        description=f"经审核公开的意见，按提交时间，最多 {MAX_COMMENTS} 条",
    )
    def comments(self, first: int = 20) -> list[ConsultationCommentType]:
        first = max(0, min(first, MAX_COMMENTS))
        published = self.status == ConsultationStatus.REPORT_PUBLISHED
        return [
            ConsultationCommentType.from_comment(comment, report_published=published)
            for comment in approved_comments(self)[:first]
        ]

    @strawberry_django.field(
        only=[
            *_STATUS_FIELDS,
            "adoption_stats",
            "adoption_report_generated_at",
        ],
        description="意见采纳情况：截止并经审查公布后才有，之前为 null",
    )
    def adoption_report(self) -> AdoptionReportType | None:
        return AdoptionReportType.of(self)


@strawberry.input(
    name="ConsultationFilter", description="征求意见列表筛选条件，各条件同时满足。"
)
class ConsultationFilterInput:
    status: list[ConsultationStatusEnum] | None = strawberry.field(
        default=None, description="状态，任一匹配"
    )
    kind: list[DraftKindEnum] | None = None
    is_enterprise_related: bool | None = strawberry.field(
        default=None, description="true：只要惠企政策"
    )


@strawberry.enum(name="ConsultationOrder", description="征求意见列表排序")
class ConsultationOrder(enum.Enum):
    OPEN_DATE_DESC = "desc"
    OPEN_DATE_ASC = "asc"


TYPES = (ConsultationIndexPageType, ConsultationPageType)
