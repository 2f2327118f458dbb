"""Reply notices (告知书) as issued, and the staff-entered figures of the annual report.

Imported at the end of models.py so that both belong to the disclosure app.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .reply_types import ReplyGround, ReplyReason, ReplyType

__all__ = ["AnnualReportRecord", "PrivateStorage", "ReplyNotice", "private_storage"]


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT; they have no URL.

    The location is read on every access so that tests (and a changed setting)
    move it; files are served only by permission-checked admin views.
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("private files have no public URL")


private_storage = PrivateStorage()


def notice_upload_to(instance: ReplyNotice, filename: str) -> str:
    return f"disclosure/notices/{instance.issued_on:%Y}/{filename}"


class ReplyNotice(models.Model):
    """One reply notice (政府信息公开申请答复告知书) as generated; never edited after."""

    application = models.ForeignKey(
        "disclosure.DisclosureApplication",
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    number = models.CharField(_("告知书编号"), max_length=40, unique=True)
    reply_type = models.CharField(
        _("答复类型"), max_length=20, choices=ReplyType.choices
    )
    reply_reason = models.CharField(
        _("答复理由"), max_length=30, choices=ReplyReason.choices, blank=True
    )
    reply_ground = models.CharField(
        _("答复情形"), max_length=30, choices=ReplyGround.choices, blank=True
    )
    legal_basis = models.CharField(_("法律依据"), max_length=200, blank=True)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    issued_on = models.DateField(_("落款日期"))
    file = models.FileField(
        _("PDF 文件"), storage=private_storage, upload_to=notice_upload_to
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("答复告知书")
        verbose_name_plural = _("答复告知书")
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class AnnualReportRecord(models.Model):
    """Figures of one year's annual report that the office enters by hand.

    行政复议/行政诉讼 outcomes and the 主动公开 figures the CMS does not hold
    (规章, 行政许可/处罚/强制 decisions, fees), plus the report's text sections.
    """

    year = models.PositiveSmallIntegerField(
        _("年度"),
        unique=True,
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
    )

    # 行政复议
    review_upheld = models.PositiveIntegerField(_("行政复议 结果维持"), default=0)
    review_corrected = models.PositiveIntegerField(_("行政复议 结果纠正"), default=0)
    review_other = models.PositiveIntegerField(_("行政复议 其他结果"), default=0)
    review_pending = models.PositiveIntegerField(_("行政复议 尚未审结"), default=0)
    # 行政诉讼 未经复议直接起诉
    direct_upheld = models.PositiveIntegerField(
        _("未经复议直接起诉 结果维持"), default=0
    )
    direct_corrected = models.PositiveIntegerField(
        _("未经复议直接起诉 结果纠正"), default=0
    )
    direct_other = models.PositiveIntegerField(
        _("未经复议直接起诉 其他结果"), default=0
    )
    direct_pending = models.PositiveIntegerField(
        _("未经复议直接起诉 尚未审结"), default=0
    )
    # 行政诉讼 复议后起诉
    after_review_upheld = models.PositiveIntegerField(
        _("复议后起诉 结果维持"), default=0
    )
    after_review_corrected = models.PositiveIntegerField(
        _("复议后起诉 结果纠正"), default=0
    )
    after_review_other = models.PositiveIntegerField(
        _("复议后起诉 其他结果"), default=0
    )
    after_review_pending = models.PositiveIntegerField(
        _("复议后起诉 尚未审结"), default=0
    )

    # 主动公开 figures the CMS does not hold (第二十条第（一）、（五）、（六）、（八）项)
    rules_issued = models.PositiveIntegerField(_("规章 本年制发件数"), default=0)
    rules_repealed = models.PositiveIntegerField(_("规章 本年废止件数"), default=0)
    rules_in_force = models.PositiveIntegerField(_("规章 现行有效件数"), default=0)
    licensing_decisions = models.PositiveIntegerField(
        _("行政许可 本年处理决定数量"), default=0
    )
    penalty_decisions = models.PositiveIntegerField(
        _("行政处罚 本年处理决定数量"), default=0
    )
    coercion_decisions = models.PositiveIntegerField(
        _("行政强制 本年处理决定数量"), default=0
    )
    fees_amount = models.DecimalField(
        _("行政事业性收费 本年收费金额（万元）"),
        max_digits=12,
        decimal_places=4,
        default=0,
    )

    overview = models.TextField(_("一、总体情况"), max_length=20000, blank=True)
    problems = models.TextField(
        _("五、存在的主要问题及改进情况"), max_length=20000, blank=True
    )
    other_matters = models.TextField(
        _("六、其他需要报告的事项"), max_length=20000, blank=True
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度报告填报数据")
        verbose_name_plural = _("年度报告填报数据")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度政府信息公开工作年度报告"
