"""依申请公开: applications for government information and their processing record.

Applications come in through GraphQL (website, mini-program); the disclosure office
processes them in the admin. Every step is an ``ApplicationEvent``; the statutory clock
(``clock.py``) is computed from the application, its correction, pauses and extension,
and its result is stored on the application for listings and dashboards.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reply_types import ReplyGround, ReplyReason, ReplyType


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL_ENTERPRISE = "commercial_enterprise", _("商业企业")
    RESEARCH_INSTITUTION = "research_institution", _("科研机构")
    SOCIAL_WELFARE_ORGANIZATION = "social_welfare_organization", _("社会公益组织")
    LEGAL_SERVICE_ORGANIZATION = "legal_service_organization", _("法律服务机构")
    OTHER_ORGANIZATION = "other_organization", _("其他")


# 法人或其他组织: every applicant type but the natural person.
ORGANIZATION_TYPES = frozenset(ApplicantType) - {ApplicantType.NATURAL_PERSON}


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT_RESIDENT_ID = (
        "foreign_permanent_resident_id",
        _("外国人永久居留身份证"),
    )
    UNIFIED_SOCIAL_CREDIT_CODE = "unified_social_credit_code", _("统一社会信用代码")


class DeliveryMethod(models.TextChoices):
    PAPER = "paper", _("纸质（邮寄）")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上查询")


class Channel(models.TextChoices):
    """How the application arrived (政府信息公开条例 第二十九条、第三十一条)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("邮寄")
    FAX = "fax", _("传真")


class ReceiptBasis(models.TextChoices):
    """What fixes the receipt date (政府信息公开条例 第三十一条)."""

    HANDED_IN = "handed_in", _("当面提交之日")
    SIGNED_FOR = "signed_for", _("签收之日")
    CONFIRMED = "confirmed", _("双方确认之日")


# 第三十一条: (一) in person, (二) by post (signed for; an ordinary letter is
# confirmed with the applicant), (三) online or by fax, confirmed by both sides.
RECEIPT_BASIS_BY_CHANNEL = {
    Channel.IN_PERSON: ReceiptBasis.HANDED_IN,
    Channel.POST: ReceiptBasis.SIGNED_FOR,
    Channel.ONLINE: ReceiptBasis.CONFIRMED,
    Channel.FAX: ReceiptBasis.CONFIRMED,
}


class Status(models.TextChoices):
    RECEIVED = "received", _("已收到")
    ACCEPTED = "accepted", _("办理中")
    CORRECTION = "correction", _("待补正")
    CONSULTATION = "consultation", _("征求意见中")
    REPLY_DRAFTED = "reply_drafted", _("答复已拟稿")
    LEGAL_REVIEW = "legal_review", _("法制审核中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


# States in which the statutory clock runs or waits (the application is not answered).
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.CORRECTION,
    Status.CONSULTATION,
    Status.REPLY_DRAFTED,
    Status.LEGAL_REVIEW,
)


class DisclosureApplication(models.Model):
    """One application for government information (政府信息公开申请)."""

    tracking_number = models.CharField(_("申请编号"), max_length=20, unique=True)
    # The query code is never stored: it is an HMAC of this salt (see services).
    query_code_salt = models.CharField(max_length=64, editable=False)
    idempotency_key = models.CharField(
        _("幂等键"), max_length=100, unique=True, editable=False
    )

    applicant_type = models.CharField(
        _("申请人类型"), max_length=30, choices=ApplicantType.choices
    )
    name = models.CharField(_("申请人姓名/名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=40, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=30)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), max_length=254, blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    description = models.TextField(_("所需信息的内容描述"), max_length=2000)
    doc_number = models.CharField(_("文件名称或文号"), max_length=200, blank=True)
    delivery_method = models.CharField(
        _("获取信息的方式"), max_length=10, choices=DeliveryMethod.choices
    )

    channel = models.CharField(
        _("申请方式"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("书面申请由工作人员登记；网上申请为空。"),
    )
    received_at = models.DateTimeField(_("收到时间"))
    received_date = models.DateField(
        _("收到申请之日"),
        null=True,
        blank=True,
        help_text=_(
            "条例第三十一条：当面提交的为提交之日；邮寄的为签收之日（平常信函为与申请人"
            "确认之日）；网上申请和传真为双方确认之日。不因非工作日顺延，期限自次日起"
            "按工作日计算。网上申请确认收到之前为空。"
        ),
    )
    receipt_basis = models.CharField(
        _("收到申请之日的依据"),
        max_length=20,
        choices=ReceiptBasis.choices,
        blank=True,
    )
    receipt_confirmed_at = models.DateTimeField(
        _("确认收到时间"),
        null=True,
        blank=True,
        help_text=_("网上申请：系统自动确认或工作人员确认收到的时间。"),
    )
    receipt_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("工作人员在后台确认的；系统在工作日自动确认的为空。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The clock's result, refreshed by services after every step (clock.py computes it).
    due_date = models.DateField(
        _("答复期限"), null=True, blank=True, help_text=_("计时中止（待补正）时为空。")
    )
    due_date_provisional = models.BooleanField(
        _("期限为暂定"),
        default=False,
        help_text=_("期限落在尚未公布节假日安排的年度，按周一至周五暂算。"),
    )
    clock_stopped = models.BooleanField(_("计时中止"), default=False)

    reply_type = models.CharField(
        _("答复类型"), max_length=20, choices=ReplyType.choices, blank=True
    )
    reply_reason = models.CharField(
        _("答复理由"), max_length=30, choices=ReplyReason.choices, blank=True
    )
    reply_ground = models.CharField(
        _("答复情形"), max_length=30, choices=ReplyGround.choices, blank=True
    )
    reply_text = models.TextField(_("答复内容"), max_length=10000, blank=True)
    # 条例第三十六条第（一）、（二）项: how (and, for （二）, when) the applicant gets it.
    provision_method = models.CharField(
        _("提供或获取信息的方式、途径"), max_length=300, blank=True
    )
    provision_on = models.DateField(_("提供信息的时间"), null=True, blank=True)
    # 条例第三十六条第（五）项: the agency responsible, where it can be determined.
    responsible_agency = models.CharField(
        _("负责公开该信息的行政机关"), max_length=200, blank=True
    )
    responsible_agency_contact = models.CharField(
        _("该行政机关的联系方式"), max_length=200, blank=True
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟稿人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("法制审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_reviewed_at = models.DateTimeField(
        _("法制审核通过时间"), null=True, blank=True
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        permissions = [
            ("view_personal_data", _("查看申请人个人信息")),
            ("export_personal_data", _("导出申请人个人信息")),
            ("approve_extension", _("批准延期答复（信息公开工作机构负责人）")),
            ("legal_review", _("法制审核答复")),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_organization(self) -> bool:
        return self.applicant_type in ORGANIZATION_TYPES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def submitted_on(self) -> datetime.date:
        """The local day it was submitted online (or registered, for paper)."""
        return timezone.localdate(self.received_at)

    @property
    def awaiting_receipt(self) -> bool:
        """An online application whose receipt is not yet confirmed (第三十一条)."""
        return self.received_date is None


class EventKind(models.TextChoices):
    RECEIVED = "received", _("收到申请")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("确认收到申请")
    ACCEPTED = "accepted", _("受理")
    ASSIGNED = "assigned", _("指定承办人")
    CORRECTION_REQUESTED = "correction_requested", _("发出补正通知")
    CORRECTION_RECEIVED = "correction_received", _("收到补正申请")
    CONSULTATION_STARTED = "consultation_started", _("开始征求意见")
    CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
    EXTENDED = "extended", _("延期答复")
    APPLICANT_NOTIFIED = "applicant_notified", _("告知申请人")
    REPLY_DRAFTED = "reply_drafted", _("拟写答复")
    LEGAL_REVIEW_REQUESTED = "legal_review_requested", _("提交法制审核")
    LEGAL_APPROVED = "legal_approved", _("法制审核通过")
    LEGAL_RETURNED = "legal_returned", _("法制审核退回")
    FEE_NOTICE = "fee_notice", _("发出收费通知")
    FEE_PAID = "fee_paid", _("登记缴纳信息处理费")
    REPLY_REOPENED = "reply_reopened", _("答复退回重拟")
    REPLIED = "replied", _("答复申请人")
    NOTICE_FAILED = "notice_failed", _("告知书生成失败")
    DEADLINE_RECALCULATED = "deadline_recalculated", _("重新计算期限")
    CLOSED = "closed", _("办结")


class ApplicationEvent(models.Model):
    """One step in an application's history; written only by services."""

    application = models.ForeignKey(
        DisclosureApplication,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    on_date = models.DateField(_("日期"))
    message = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"


class ApplicationNote(models.Model):
    """An internal note on an application; never shown to the applicant."""

    application = models.ForeignKey(
        DisclosureApplication,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    text = models.TextField(_("内部备注"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("内部备注")
        verbose_name_plural = _("内部备注")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Correction(models.Model):
    """The one 补正 request of an application (条例第三十条): at most one per application."""

    application = models.OneToOneField(
        DisclosureApplication,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="correction",
    )
    requested_on = models.DateField(_("补正通知日期"))
    request_text = models.TextField(_("需要补正的事项"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    restart_date = models.DateField(
        _("重新计时起算日"),
        null=True,
        blank=True,
        help_text=_(
            "收到补正后的申请之日（条例第三十条）；答复期限自其次日起按工作日重新计算，"
            "不因非工作日顺延。"
        ),
    )

    class Meta:
        verbose_name = _("补正")
        verbose_name_plural = _("补正")

    def __str__(self) -> str:
        return f"{self.application} 补正"


class PartyKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("第三方")
    AGENCY = "agency", _("其他行政机关")


class ConsultationPause(models.Model):
    """Time consulting a third party (条例第三十二条) or an agency: not counted (第三十三条第二款)."""

    application = models.ForeignKey(
        DisclosureApplication,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    party_kind = models.CharField(
        _("征求意见对象类型"), max_length=20, choices=PartyKind.choices
    )
    party_name = models.CharField(_("征求意见对象"), max_length=200)
    started_on = models.DateField(_("发出征求意见之日"))
    ended_on = models.DateField(_("收到意见之日"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application} 征求{self.party_name}意见"


class Extension(models.Model):
    """The one extension of the reply period (条例第三十三条): at most 20 working days."""

    application = models.OneToOneField(
        DisclosureApplication,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="extension",
    )
    days = models.PositiveSmallIntegerField(_("延长工作日数"))
    reason = models.TextField(_("延期理由"), max_length=1000)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_on = models.DateField(_("批准日期"))
    applicant_notified_via = models.CharField(
        _("告知申请人方式"), max_length=100, blank=True
    )

    class Meta:
        verbose_name = _("延期答复")
        verbose_name_plural = _("延期答复")

    def __str__(self) -> str:
        return f"{self.application} 延期 {self.days} 个工作日"


class TrackingCounter(models.Model):
    """The last tracking number given out per year (YSQ-2025-000123)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("申请编号计数")
        verbose_name_plural = _("申请编号计数")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


from .fee_models import *  # noqa: E402, F403
from .report_models import *  # noqa: E402, F403
