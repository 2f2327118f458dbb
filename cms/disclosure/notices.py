"""Reply notices (告知书): wording from notice_templates, a printable page and a PDF.

`render_notice` builds the text of an application's reply (a draft preview needs no
storage); `generate_reply_notice` numbers it, writes the PDF to private storage and
records a `ReplyNotice`, which is never changed afterwards. The PDF uses reportlab's
built-in CID font STSong-Light (no font file).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import string
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notice_templates as templates
from .models import Status
from .replies import Reply, reply_errors
from .reply_types import ReplyGround, ReplyType, legal_basis
from .report_models import ReplyNotice

CJK_FONT = "STSong-Light"
ISSUABLE_STATUSES = (Status.REPLIED, Status.CLOSED)


@dataclass(frozen=True)
class NoticeContent:
    title: str
    salutation: str
    paragraphs: list[str]
    issuer: str
    issued_on: datetime.date
    legal_basis: str
    number: str = ""
    attachments: list[str] = field(default_factory=list)

    @property
    def issued_on_display(self) -> str:
        return chinese_date(self.issued_on)

    def as_text(self) -> str:
        lines = [self.title]
        if self.number:
            lines.append(self.number)
        lines += [self.salutation, *self.body_paragraphs, self.issuer]
        lines.append(self.issued_on_display)
        return "\n".join(lines)

    @property
    def body_paragraphs(self) -> list[str]:
        if not self.attachments:
            return list(self.paragraphs)
        return [*self.paragraphs, "附件：" + "、".join(self.attachments)]


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _related(application, name: str):
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


def check_reply(application) -> Reply:
    """The application's reply, complete (ValidationError with every gap otherwise)."""
    reply = Reply.of(application)
    if not reply.reply_type:
        raise ValidationError("尚未选择答复类型，无法生成告知书。")
    errors = reply_errors(reply, application=application, on=application.replied_on)
    if errors:
        raise ValidationError(errors)
    return reply


def _amount(value) -> str:
    return f"{value:.2f}".removesuffix(".00")


def _fill(paragraph: str, values: dict[str, str]) -> str | None:
    """The paragraph filled in, or None when a placeholder in it has no value."""
    names = [name for _, name, _, _ in string.Formatter().parse(paragraph) if name]
    if any(not values.get(name) for name in names):
        return None
    return paragraph.format_map(values)


def render_notice(
    application, *, issued_on: datetime.date | None = None, number: str = ""
) -> NoticeContent:
    """The notice for an application's current reply (nothing is stored)."""
    reply = check_reply(application)
    reply_type, reason, ground = (
        reply.reply_type,
        reply.reply_reason,
        reply.reply_ground,
    )
    issued_on = issued_on or application.replied_on or timezone.localdate()
    basis = legal_basis(reply_type=reply_type, reason=reason, ground=ground)
    correction = _related(application, "correction")
    extension = _related(application, "extension")
    fee = _related(application, "fee")
    values = {
        "received_date": chinese_date(application.received_date),
        "tracking_number": application.tracking_number,
        "description": application.description.strip().rstrip("。"),
        "basis": f"{templates.REGULATION}{basis}" if basis else "",
        "regulation": templates.REGULATION,
        "reply_text": reply.reply_text,
        "review_body": templates.review_body(),
        "provision_method": reply.provision_method.rstrip("。；;，,. "),
        "provision_on": chinese_date(reply.provision_on) if reply.provision_on else "",
        "responsible_agency": reply.responsible_agency,
        "responsible_agency_contact": reply.responsible_agency_contact,
        "correction_requested_on": (
            chinese_date(correction.requested_on) if correction else ""
        ),
        "extension_reason": extension.reason.strip().rstrip("。") if extension else "",
        "extension_days": str(extension.days) if extension else "",
        "extension_on": chinese_date(extension.approved_on) if extension else "",
        "fee_notice_on": chinese_date(fee.notice_on) if fee else "",
        "fee_amount": _amount(fee.amount) if fee else "",
        "fee_pay_by": chinese_date(fee.pay_by) if fee else "",
    }
    body = [
        templates.OPENING,
        templates.EXTENSION,
        templates.REPLY_FOLLOWS,
        *templates.paragraphs_for(
            reply_type=reply_type,
            reason=reason,
            ground=ground,
            agency_known=bool(reply.responsible_agency),
        ),
        templates.remedy_for(reply_type),
        templates.CONTACT,
    ]
    # One line, one paragraph: the office's own text may hold several.
    paragraphs = [
        line.strip()
        for text in (_fill(p, values) for p in body)
        if text
        for line in text.splitlines()
        if line.strip()
    ]
    # Provided together with the notice: the information is its attachment.
    attached = (
        reply_type == ReplyType.PARTIAL or ground == ReplyGround.CAN_DISCLOSE
    ) and reply.provision_on == issued_on
    return NoticeContent(
        title=templates.TITLES[reply_type],
        salutation=f"{application.name}：",
        paragraphs=paragraphs,
        issuer=templates.issuer_name(),
        issued_on=issued_on,
        legal_basis=values["basis"],
        number=number,
        attachments=["所申请公开的政府信息"] if attached else [],
    )


def notice_pdf(content: NoticeContent) -> bytes:
    """The notice as an A4 PDF."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    base = {"fontName": CJK_FONT, "wordWrap": "CJK"}
    title = ParagraphStyle(
        "title", fontSize=18, leading=28, alignment=TA_CENTER, **base
    )
    number = ParagraphStyle(
        "number", fontSize=12, leading=20, alignment=TA_CENTER, spaceAfter=12, **base
    )
    plain = ParagraphStyle("plain", fontSize=13, leading=24, **base)
    body = ParagraphStyle(
        "body", fontSize=13, leading=24, firstLineIndent=26, spaceAfter=4, **base
    )
    right = ParagraphStyle("right", fontSize=13, leading=24, alignment=TA_RIGHT, **base)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=content.title,
        author=content.issuer,
    )
    story = [Paragraph(escape(content.title), title)]
    if content.number:
        story.append(Paragraph(escape(content.number), number))
    story += [Spacer(1, 6 * mm), Paragraph(escape(content.salutation), plain)]
    story += [Paragraph(escape(text), body) for text in content.body_paragraphs]
    story += [
        Spacer(1, 12 * mm),
        Paragraph(escape(content.issuer), right),
        Paragraph(escape(content.issued_on_display), right),
    ]
    document.build(story)
    return buffer.getvalue()


def _next_number(year: int, *, skip: int = 0) -> str:
    prefix = f"{templates.notice_number_prefix()}〔{year}〕"
    taken = ReplyNotice.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 1 + skip}号"


def generate_reply_notice(*, application, user) -> ReplyNotice:
    """Number, render and store the notice of an application's reply (a new one each
    call: a corrected reply gets a new notice and the earlier one stays on record)."""
    if application.status not in ISSUABLE_STATUSES:
        raise ValidationError("答复发出后才能生成正式告知书；发出前请使用预览。")
    issued_on = application.replied_on or timezone.localdate()
    draft = render_notice(application, issued_on=issued_on)
    for attempt in range(5):
        number = _next_number(issued_on.year, skip=attempt)
        content = dataclasses.replace(draft, number=number)
        pdf = notice_pdf(content)
        notice = ReplyNotice(
            application=application,
            number=number,
            reply_type=application.reply_type,
            reply_reason=application.reply_reason or "",
            reply_ground=application.reply_ground or "",
            legal_basis=content.legal_basis,
            title=content.title,
            body=content.as_text(),
            issued_on=issued_on,
            sha256=hashlib.sha256(pdf).hexdigest(),
            generated_by=user,
        )
        filename = f"{application.tracking_number}-{attempt}-{issued_on:%Y%m%d}.pdf"
        notice.file.save(filename, ContentFile(pdf), save=False)
        try:
            with transaction.atomic():
                notice.save()
        except IntegrityError:
            notice.file.delete(save=False)
            continue
        return notice
    raise IntegrityError("无法分配唯一的告知书编号")


def latest_notice(application) -> ReplyNotice | None:
    """The most recent notice of an application (what the applicant is shown)."""
    return application.notices.order_by("-generated_at", "-pk").first()
