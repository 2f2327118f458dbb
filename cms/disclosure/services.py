"""Processing steps of an application, each a write with rules.

Each step locks the application row, checks its rules (raising ``ValidationError``
with a Chinese message), records an ``ApplicationEvent`` and refreshes the stored
clock. Steps that tell the applicant something go through the notification outbox,
which delivers after commit and never fails the step. Receiving an application is
in intake.py (re-exported here).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cms.participation.notifications import notify_staff

from . import clock
from .fees import issue_fee_notice, record_fee_payment  # noqa: F401
from .intake import (  # noqa: F401  (one entry point for writes)
    STAFF_PERMISSION,
    Receipt,
    application_submit,
    check_query_code,
    query_code_for,
    register_paper_application,
)
from .models import (
    ApplicationNote,
    ConsultationPause,
    Correction,
    DisclosureApplication,
    EventKind,
    Extension,
    PartyKind,
    Status,
)
from .receipts import confirm_pending_receipts, confirm_receipt  # noqa: F401
from .records import (  # noqa: F401
    apply_clock,
    calendar_changed,
    clock_input,
    record_event,
    reference,
    refresh_clock,
    refresh_open_clocks,
    today,
)
from .replies import Reply, check_reply

EXTENSION_PERMISSION = "disclosure.approve_extension"
LEGAL_REVIEW_PERMISSION = "disclosure.legal_review"


@dataclass(frozen=True)
class ReplyOutcome:
    application: DisclosureApplication
    notice: object | None
    notice_error: str


# --- processing steps ---------------------------------------------------------------


def _lock(application: DisclosureApplication) -> DisclosureApplication:
    return DisclosureApplication.objects.select_for_update().get(pk=application.pk)


def _require_status(application: DisclosureApplication, *allowed: str, action: str):
    if application.status not in allowed:
        names = "、".join(str(Status(value).label) for value in allowed)
        raise ValidationError(
            f"当前状态为“{application.get_status_display()}”，不能{action}"
            f"（仅限{names}状态）。"
        )


def _require_receipt(application: DisclosureApplication, *, action: str) -> None:
    if application.received_date is None:
        raise ValidationError(
            f"网上申请尚未确认收到，不能{action}：请先确认收到申请"
            "（条例第三十一条，确认之日为收到申请之日）。"
        )


def _require_permission(user, permission: str, message: str) -> None:
    if not user.has_perm(permission):
        raise ValidationError(message)


def notify_applicant(
    application: DisclosureApplication, *, user, subject: str, body: str, kind: str
) -> str:
    """Tell the applicant by e-mail when they gave one, else record a paper notice."""
    if application.email:
        notify_staff(
            kind=kind,
            subject=subject,
            body=body,
            recipients=[application.email],
            reference=reference(application),
        )
        via, message = "email", f"已通过电子邮件告知：{subject}"
    else:
        via, message = "paper", f"申请人未留电子邮箱，请以书面形式邮寄告知：{subject}"
    record_event(
        application,
        EventKind.APPLICANT_NOTIFIED,
        user=user,
        message=message,
        data={"via": via, "kind": kind},
    )
    return via


@transaction.atomic
def accept_application(*, application, user, on: datetime.date | None = None):
    application = _lock(application)
    _require_status(application, Status.RECEIVED, action="受理")
    _require_receipt(application, action="受理")
    application.status = Status.ACCEPTED
    application.save(update_fields=["status", "updated_at"])
    record_event(application, EventKind.ACCEPTED, user=user, on=on)
    return application


@transaction.atomic
def assign_application(*, application, user, assignee):
    application = _lock(application)
    if not application.is_open:
        raise ValidationError("已答复或已办结的申请不能再指定承办人。")
    application.assignee = assignee
    application.save(update_fields=["assignee", "updated_at"])
    record_event(
        application,
        EventKind.ASSIGNED,
        user=user,
        message=f"承办人：{assignee.get_full_name() or assignee.get_username()}",
        data={"assignee": assignee.pk},
    )
    return application


@transaction.atomic
def request_correction(*, application, user, text: str, on: datetime.date):
    """Send the one 补正 request; allowed within 7 working days of receipt."""
    application = _lock(application)
    _require_status(
        application, Status.RECEIVED, Status.ACCEPTED, action="发出补正通知"
    )
    _require_receipt(application, action="发出补正通知")
    if Correction.objects.filter(application=application).exists():
        raise ValidationError("补正通知只能发出一次，本申请已发出过补正通知。")
    if on < application.received_date:
        raise ValidationError("补正通知日期不能早于收到申请之日。")
    # 条例第三十条: within 7 working days, counted from the day after receipt.
    deadline = clock.correction_deadline(application.received_date)
    if on > deadline.date:
        raise ValidationError(
            f"补正通知应在收到申请之日起 7 个工作日内发出（最迟 {deadline.date:%Y-%m-%d}"
            f"{'，暂定' if deadline.provisional else ''}）。"
        )
    Correction.objects.create(
        application=application, requested_on=on, request_text=text, requested_by=user
    )
    application.status = Status.CORRECTION
    apply_clock(application)
    application.save()
    record_event(
        application, EventKind.CORRECTION_REQUESTED, user=user, on=on, message=text
    )
    notify_applicant(
        application,
        user=user,
        subject=f"政府信息公开申请 {application.tracking_number} 补正通知",
        body=(
            f"您的政府信息公开申请 {application.tracking_number} 需要补正：\n{text}\n"
            "答复期限自本机关收到补正后的申请之日起重新计算。"
        ),
        kind="disclosure.correction_notice",
    )
    return application


@transaction.atomic
def receive_correction(*, application, user, on: datetime.date):
    """The corrected application arrived: the clock restarts in full.

    条例第三十条: the period counts from the day the corrected application is
    received, that day itself not counted and not moved to a working day.
    """
    application = _lock(application)
    _require_status(application, Status.CORRECTION, action="登记补正")
    correction = application.correction
    if on < correction.requested_on:
        raise ValidationError("收到补正日期不能早于补正通知日期。")
    if on > today():
        raise ValidationError({"on": "收到补正日期不能晚于今天。"})
    correction.received_on = on
    correction.restart_date = on
    correction.save(update_fields=["received_on", "restart_date"])
    application.status = Status.ACCEPTED
    state = apply_clock(application)
    application.save()
    record_event(
        application,
        EventKind.CORRECTION_RECEIVED,
        user=user,
        on=on,
        message=(
            f"以收到补正之日 {on:%Y-%m-%d} 重新计算答复期限，至 "
            f"{state.due_date:%Y-%m-%d}{'（暂定）' if state.provisional else ''}。"
            if state.due_date
            else f"以收到补正之日 {on:%Y-%m-%d} 重新计算答复期限。"
        ),
    )
    return application


@transaction.atomic
def start_consultation(
    *, application, user, party_kind: str, party_name: str, on: datetime.date
):
    """Consult a third party or another agency; that time is not counted.

    Several may run at once (e.g. two enterprises named in the information, 条例
    第三十二条); a working day on which any of them runs is counted once.
    """
    application = _lock(application)
    _require_status(
        application, Status.ACCEPTED, Status.CONSULTATION, action="征求意见"
    )
    state = clock.compute(clock_input(application))
    if state.start_date and on < state.start_date:
        raise ValidationError("征求意见日期不能早于答复期限的起算日。")
    ConsultationPause.objects.create(
        application=application,
        party_kind=party_kind,
        party_name=party_name,
        started_on=on,
        started_by=user,
    )
    application.status = Status.CONSULTATION
    apply_clock(application)
    application.save()
    record_event(
        application,
        EventKind.CONSULTATION_STARTED,
        user=user,
        on=on,
        message=f"征求{PartyKind(party_kind).label}“{party_name}”意见",
        data={"party_kind": party_kind},
    )
    return application


@transaction.atomic
def end_consultation(*, application, user, on: datetime.date, pause=None):
    """The opinion of one consultation arrived (``pause``; the only open one if None)."""
    application = _lock(application)
    _require_status(application, Status.CONSULTATION, action="结束征求意见")
    open_pauses = application.pauses.filter(ended_on__isnull=True)
    if pause is None:
        if open_pauses.count() > 1:
            raise ValidationError(
                {"pause": "正在进行多项征求意见，请选择收到哪一项的意见。"}
            )
        pause = open_pauses.latest("started_on")
    else:
        pause = open_pauses.filter(pk=getattr(pause, "pk", pause)).first()
        if pause is None:
            raise ValidationError({"pause": "请选择本申请正在进行的征求意见。"})
    if on < pause.started_on:
        raise ValidationError({"on": "收到意见日期不能早于发出征求意见之日。"})
    pause.ended_on = on
    pause.save(update_fields=["ended_on"])
    still_open = open_pauses.exclude(pk=pause.pk).exists()
    if not still_open:
        application.status = Status.ACCEPTED
    state = apply_clock(application)
    application.save()
    days = clock.paused_days(clock.Pause(pause.party_kind, pause.started_on, on))
    if application.pauses.count() > 1:
        # 第三十三条第二款: a day several consultations share is not counted twice.
        message = (
            f"征求“{pause.party_name}”意见用时 {days} 个工作日；各项征求意见重叠的"
            f"日子只计一次，合计 {state.paused_days} 个工作日不计入答复期限。"
        )
    else:
        message = f"征求意见用时 {days} 个工作日，不计入答复期限。"
    record_event(
        application,
        EventKind.CONSULTATION_ENDED,
        user=user,
        on=on,
        message=message,
        data={"paused_days": days, "total_paused_days": state.paused_days},
    )
    return application


@transaction.atomic
def extend_deadline(
    *, application, user, days: int, reason: str, on: datetime.date | None = None
):
    """The one extension, approved by the head of the office; the applicant is told."""
    on = on or today()
    _require_permission(
        user, EXTENSION_PERMISSION, "只有信息公开工作机构负责人可以批准延期答复。"
    )
    application = _lock(application)
    _require_status(
        application,
        Status.ACCEPTED,
        Status.CONSULTATION,
        Status.REPLY_DRAFTED,
        Status.LEGAL_REVIEW,
        action="延期答复",
    )
    if Extension.objects.filter(application=application).exists():
        raise ValidationError("延期答复只能批准一次，本申请已延期。")
    if not 1 <= days <= clock.MAX_EXTENSION_DAYS:
        raise ValidationError("延长的期限最长不得超过 20 个工作日。")
    if not (reason or "").strip():
        raise ValidationError("请填写延期理由。")
    if application.due_date and on > application.due_date:
        raise ValidationError(
            f"答复期限 {application.due_date:%Y-%m-%d} 已过，不能再延期。"
        )
    extension = Extension.objects.create(
        application=application,
        days=days,
        reason=reason.strip(),
        approved_by=user,
        approved_on=on,
    )
    state = apply_clock(application)
    application.save()
    due = f"{state.due_date:%Y-%m-%d}" if state.due_date else "另行计算"
    record_event(
        application,
        EventKind.EXTENDED,
        user=user,
        on=on,
        message=f"延长 {days} 个工作日，理由：{extension.reason}；答复期限延至 {due}。",
        data={"days": days, "approved_by": user.pk},
    )
    extension.applicant_notified_via = notify_applicant(
        application,
        user=user,
        subject=f"政府信息公开申请 {application.tracking_number} 延期答复告知",
        body=(
            f"您的政府信息公开申请 {application.tracking_number} 因{extension.reason}，"
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长 {days} 个工作日，"
            f"延至 {due}。"
        ),
        kind="disclosure.extension_notice",
    )
    extension.save(update_fields=["applicant_notified_via"])
    return application


@transaction.atomic
def draft_reply(
    *,
    application,
    user,
    reply_type: str,
    reply_reason: str = "",
    reply_text: str,
    reply_ground: str = "",
    provision_method: str = "",
    provision_on: datetime.date | None = None,
    responsible_agency: str = "",
    responsible_agency_contact: str = "",
):
    """Draft the reply; what it must hold is in replies.py (field-level errors)."""
    application = _lock(application)
    _require_status(
        application,
        Status.ACCEPTED,
        Status.CORRECTION,
        Status.REPLY_DRAFTED,
        action="拟写答复",
    )
    reply = Reply(
        reply_type=reply_type,
        reply_reason=reply_reason,
        reply_ground=reply_ground,
        reply_text=reply_text,
        provision_method=provision_method,
        provision_on=provision_on,
        responsible_agency=responsible_agency,
        responsible_agency_contact=responsible_agency_contact,
    ).cleaned()
    check_reply(reply, application=application)
    reply.apply_to(application)
    application.drafted_by = user
    application.legal_reviewed_by = None
    application.legal_reviewed_at = None
    application.status = Status.REPLY_DRAFTED
    application.save()
    record_event(
        application,
        EventKind.REPLY_DRAFTED,
        user=user,
        message=application.get_reply_type_display()
        + (
            f"（{application.get_reply_reason_display()}）"
            if reply.reply_reason
            else ""
        ),
        data={
            "reply_type": reply.reply_type,
            "reply_reason": reply.reply_reason,
            "reply_ground": reply.reply_ground,
        },
    )
    return application


@transaction.atomic
def submit_for_legal_review(*, application, user):
    application = _lock(application)
    _require_status(application, Status.REPLY_DRAFTED, action="提交法制审核")
    check_reply(Reply.of(application), application=application)
    application.status = Status.LEGAL_REVIEW
    application.save(update_fields=["status", "updated_at"])
    record_event(application, EventKind.LEGAL_REVIEW_REQUESTED, user=user)
    return application


@transaction.atomic
def legal_review(*, application, user, approve: bool, comment: str = ""):
    _require_permission(
        user, LEGAL_REVIEW_PERMISSION, "只有具有法制审核权限的人员可以审核答复。"
    )
    application = _lock(application)
    _require_status(application, Status.LEGAL_REVIEW, action="法制审核")
    if approve:
        application.legal_reviewed_by = user
        application.legal_reviewed_at = timezone.now()
        kind = EventKind.LEGAL_APPROVED
    else:
        if not comment.strip():
            raise ValidationError("退回修改时请填写审核说明。")
        application.status = Status.REPLY_DRAFTED
        application.legal_reviewed_by = None
        application.legal_reviewed_at = None
        kind = EventKind.LEGAL_RETURNED
    application.save()
    record_event(application, kind, user=user, message=comment.strip())
    return application


def reply_application(*, application, user, on: datetime.date | None = None):
    """Send the reply; then generate the reply notice without ever undoing the reply."""
    on = on or today()
    with transaction.atomic():
        application = _lock(application)
        _require_status(application, Status.LEGAL_REVIEW, action="答复申请人")
        if on < application.received_date:
            raise ValidationError({"on": "答复日期不能早于收到申请之日。"})
        # Checked again as sent: a record changed since (or written before these
        # rules) must not go out without its reason, basis or particulars.
        check_reply(Reply.of(application), application=application, on=on)
        if application.legal_reviewed_by_id is None:
            raise ValidationError("答复须经法制审核通过后才能发出。")
        application.status = Status.REPLIED
        application.replied_on = on
        application.save()
        late = application.due_date is not None and on > application.due_date
        record_event(
            application,
            EventKind.REPLIED,
            user=user,
            on=on,
            message=application.get_reply_type_display()
            + ("（超期答复）" if late else ""),
            data={"late": late},
        )
    notice, error = _generate_notice(application, user)
    with transaction.atomic():
        notify_applicant(
            application,
            user=user,
            subject=f"政府信息公开申请 {application.tracking_number} 已答复",
            body=(
                f"您的政府信息公开申请 {application.tracking_number} 已于 "
                f"{on:%Y-%m-%d} 答复（{application.get_reply_type_display()}）。"
                "请凭申请编号和查询码在网站查询答复告知书。"
            ),
            kind="disclosure.reply_notice",
        )
    return ReplyOutcome(application, notice, error)


def _generate_notice(application, user) -> tuple[object | None, str]:
    try:
        from .notices import generate_reply_notice
    except ImportError:
        return None, "告知书生成功能尚未安装，请另行制作答复告知书。"
    try:
        with transaction.atomic():
            return generate_reply_notice(application=application, user=user), ""
    except Exception as error:  # the reply stands; staff are told to make it by hand
        message = f"答复已发出，但告知书生成失败：{type(error).__name__}: {error}"[:500]
        record_event(application, EventKind.NOTICE_FAILED, user=user, message=message)
        return None, message


@transaction.atomic
def close_application(*, application, user, comment: str = ""):
    application = _lock(application)
    _require_status(application, Status.REPLIED, action="办结")
    application.status = Status.CLOSED
    application.closed_at = timezone.now()
    application.save()
    record_event(application, EventKind.CLOSED, user=user, message=comment.strip())
    return application


def add_note(*, application, user, text: str) -> ApplicationNote:
    if not (text or "").strip():
        raise ValidationError("备注内容不能为空。")
    return ApplicationNote.objects.create(
        application=application, author=user, text=text.strip()
    )
