"""Writes with rules: taking a comment, moderating and deciding it, and generating the
意见采纳情况 report from the decisions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Revision, Site

from cms.core.submissions import SubmissionRefused, submit_once
from cms.participation import codes
from cms.participation.notifications import notify_staff, staff_emails

from .models import (
    CommenterType,
    ConsultationComment,
    ConsultationPage,
    ConsultationStatus,
    Decision,
    ModerationStatus,
)
from .selectors import comment_stats, public_consultations

NOTIFY_PERMISSION = "consultations.change_consultationcomment"
MSG_NOT_STARTED = "征求意见尚未开始（{open_date} 开始），暂不受理意见。"
MSG_CLOSED = "征求意见已于 {close_date} 截止，不再受理意见。"
MSG_NOT_FOUND = "找不到该征求意见，或其尚未发布。"


class ConsultationNotOpen(SubmissionRefused):
    """A comment arrived outside the consultation window; ``status`` says which side."""

    def __init__(self, consultation: ConsultationPage, status: str, message: str):
        self.consultation = consultation
        self.status = status
        super().__init__(message, code=status)


class ReportNotReady(Exception):
    """The 意见采纳情况 cannot be generated yet; ``message`` says why (Chinese)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CommentReceipt:
    comment: ConsultationComment
    created: bool


def _receipt_number(now: datetime.datetime) -> str:
    suffix = codes.random_code(6)
    return f"YJ{timezone.localtime(now):%Y%m%d}{suffix}"


def ensure_open(consultation: ConsultationPage, *, now: datetime.datetime) -> None:
    status = consultation.status_on(timezone.localdate(now))
    if status == ConsultationStatus.NOT_STARTED:
        raise ConsultationNotOpen(
            consultation,
            status,
            MSG_NOT_STARTED.format(open_date=consultation.open_date.isoformat()),
        )
    if status != ConsultationStatus.OPEN:
        raise ConsultationNotOpen(
            consultation,
            status,
            MSG_CLOSED.format(close_date=consultation.close_date.isoformat()),
        )


def comment_submit(
    *,
    site: Site | None,
    consultation_id: int | None,
    commenter_type: str,
    content: str,
    industry: str = "",
    enterprise_size: str = "",
    name: str = "",
    contact: str = "",
    idempotency_key: str = "",
    now: datetime.datetime | None = None,
) -> CommentReceipt:
    """Store a public comment on a consultation public on ``site`` while it is open,
    then notify staff.

    Raises ``ValidationError`` (these arguments' names; ``consultation_id`` when no
    such consultation is public) for bad input and ``ConsultationNotOpen`` outside
    the window. A retry with the same ``idempotency_key`` returns the first receipt.
    """
    consultation = None
    if site is not None and consultation_id is not None:
        consultation = (
            public_consultations(site=site).filter(pk=consultation_id).first()
        )
    if consultation is None:
        raise ValidationError({"consultation_id": MSG_NOT_FOUND})
    now = now or timezone.now()
    key = (idempotency_key or "").strip()

    def create() -> ConsultationComment:
        ensure_open(consultation, now=now)
        enterprise = commenter_type == CommenterType.ENTERPRISE
        comment = ConsultationComment(
            consultation=consultation,
            commenter_type=commenter_type,
            industry=(industry or "") if enterprise else "",
            enterprise_size=(enterprise_size or "") if enterprise else "",
            name=(name or "").strip(),
            content=(content or "").strip(),
            contact=(contact or "").strip(),
            idempotency_key=key,
            created_at=now,
            receipt_number=_receipt_number(now),
        )
        if len(key) > 64:
            raise ValidationError({"idempotency_key": "幂等键不能超过 64 个字符。"})
        comment.full_clean(
            exclude=["consultation", "receipt_number", "idempotency_key"]
        )
        comment.save()
        _notify_staff_of(comment)
        return comment

    submitted = submit_once(
        key=key,
        find=lambda: ConsultationComment.objects.filter(
            consultation=consultation, idempotency_key=key
        ).first(),
        create=create,
    )
    return CommentReceipt(submitted.record, created=submitted.created)


def _notify_staff_of(comment: ConsultationComment) -> None:
    consultation = comment.consultation
    notify_staff(
        kind="consultation_comment",
        subject=f"收到征求意见：《{consultation.title}》",
        body=(
            f"《{consultation.title}》收到一条{comment.get_commenter_type_display()}意见"
            f"（回执编号 {comment.receipt_number}），请登录后台审核并处理。"
        ),
        recipients=staff_emails(NOTIFY_PERMISSION),
        reference=f"consultations.ConsultationComment:{comment.pk}",
    )


def comments_moderate(
    *, comments: QuerySet | Iterable[ConsultationComment], status: str
) -> int:
    """Set the moderation status of many comments at once."""
    if status not in ModerationStatus.values:
        raise ValueError(status)
    moderated_at = None if status == ModerationStatus.PENDING else timezone.now()
    count = 0
    # Saved one by one, not update(): listeners (the API's response cache) see it.
    for comment in comments:
        comment.moderation_status = status
        comment.moderated_at = moderated_at
        comment.save(update_fields=["moderation_status", "moderated_at"])
        count += 1
    return count


# --- the 意见采纳情况 report ---------------------------------------------------------
SECTION_TITLES = {
    Decision.ADOPTED: "采纳的意见",
    Decision.PARTLY_ADOPTED: "部分采纳的意见",
    Decision.NOT_ADOPTED: "不予采纳的意见",
}


def report_problems(consultation: ConsultationPage) -> list[str]:
    problems = []
    if not consultation.has_closed:
        problems.append("征求意见尚未截止，截止后才能生成意见采纳情况。")
    stats = comment_stats(consultation)
    if stats.pending:
        problems.append(f"还有 {stats.pending} 条意见待审核。")
    if stats.undecided:
        problems.append(f"还有 {stats.undecided} 条意见未作出采纳与否的处理。")
    return problems


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _report_html(consultation: ConsultationPage, comments: list) -> tuple[str, dict]:
    stats = comment_stats(consultation)
    by_decision: dict[str, list[ConsultationComment]] = {
        decision: [c for c in comments if c.decision == decision]
        for decision in SECTION_TITLES
    }
    counts = {decision.value: len(items) for decision, items in by_decision.items()}
    received = stats.counted
    title = escape(consultation.title)
    window = f"{_chinese_date(consultation.open_date)}至{_chinese_date(consultation.close_date)}"
    parts = [f"<p>《{title}》于{window}公开征求意见。"]
    if not received:
        parts[0] += "征求意见期间未收到意见。</p>"
    else:
        parts[0] += (
            f"共收到有效意见 {received} 条，其中企业意见 {stats.enterprise} 条、"
            f"个人意见 {stats.individual} 条"
        )
        if consultation.is_enterprise_related:
            parts[0] += f"，企业意见占比 {stats.enterprise_share_percent}"
        parts[0] += (
            f"。经认真研究，采纳 {counts[Decision.ADOPTED]} 条，"
            f"部分采纳 {counts[Decision.PARTLY_ADOPTED]} 条，"
            f"不予采纳 {counts[Decision.NOT_ADOPTED]} 条。具体情况如下：</p>"
        )
    for decision, items in by_decision.items():
        if not items:
            continue
        parts.append(f"<h3>{SECTION_TITLES[decision]}</h3><ol>")
        for comment in items:
            line = escape(comment.summary_text())
            if comment.decision_reason.strip():
                line += f"<br/>{'理由' if decision != Decision.ADOPTED else '说明'}："
                line += escape(comment.decision_reason.strip())
            parts.append(f"<li>{line}</li>")
        parts.append("</ol>")
    stats_data = {
        "received": received,
        "enterprise": stats.enterprise,
        "individual": stats.individual,
        "adopted": counts[Decision.ADOPTED],
        "partly_adopted": counts[Decision.PARTLY_ADOPTED],
        "not_adopted": counts[Decision.NOT_ADOPTED],
    }
    return "".join(parts), stats_data


@transaction.atomic
def adoption_report_generate(*, consultation: ConsultationPage, user=None) -> Revision:
    """Write the 意见采纳情况 into a new draft revision of the page.

    Nothing goes live here: the draft is published like any other change, through
    the review workflow or directly by a publisher with a recorded reason.
    """
    live = ConsultationPage.objects.get(pk=consultation.pk)
    problems = report_problems(live)
    if problems:
        raise ReportNotReady("".join(problems))
    comments = list(
        live.consultation_comments.exclude(decision="")
        .exclude(moderation_status=ModerationStatus.HIDDEN)
        .order_by("created_at", "pk")
    )
    html, stats = _report_html(live, comments)
    draft = live.get_latest_revision_as_object()
    draft.adoption_report = html
    draft.adoption_stats = stats
    draft.adoption_report_generated_at = timezone.now()
    return draft.save_revision(user=user, log_action=True)
