"""双公示: 行政许可 and 行政处罚 decisions, public for their publicity period."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.participation.validators import validate_resident_id
from cms.taxonomy.validators import validate_credit_code

from . import periods
from .masking import mask_id_number, mask_person_name, mask_text


class DecisionKind(models.TextChoices):
    LICENSE = "license", _("行政许可")
    PENALTY = "penalty", _("行政处罚")


class PartyType(models.TextChoices):
    LEGAL_PERSON = "legal_person", _("法人")
    UNINCORPORATED = "unincorporated", _("非法人组织")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    NATURAL_PERSON = "natural_person", _("自然人")


class Severity(models.TextChoices):
    """失信 severity of a 行政处罚 (cms/credit/periods.py: the publicity periods)."""

    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("严重")


class DecisionStatus(models.TextChoices):
    EFFECTIVE = "effective", _("有效")
    REVOKED = "revoked", _("已撤销")
    CANCELLED = "cancelled", _("已注销")


class Withdrawal(models.TextChoices):
    EXPIRED = "expired", _("公示期满")
    REPAIRED = "repaired", _("信用修复")


class CreditDecision(index.Indexed, models.Model):
    """One 行政许可 or 行政处罚 decision as the bureau exports it; kept by the
    department that made it, public while published and within its publicity period."""

    kind = models.CharField(_("决定类别"), max_length=10, choices=DecisionKind.choices)
    document_number = models.CharField(_("文书号"), max_length=100)
    party_name = models.CharField(_("当事人"), max_length=200)
    party_type = models.CharField(
        _("当事人类型"), max_length=20, choices=PartyType.choices
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    id_number = models.CharField(
        _("身份证号码"),
        max_length=18,
        blank=True,
        validators=[validate_resident_id],
        help_text=_("自然人的居民身份证号码；公开时只显示前 3 位和后 4 位。"),
    )
    content = models.TextField(
        _("违法事实/许可内容"),
        help_text=_("行政处罚写主要违法事实，行政许可写许可内容。"),
    )
    basis = models.TextField(_("依据"))
    penalty_type = models.CharField(
        _("处罚种类"), max_length=200, blank=True, help_text=_("例如 警告；罚款")
    )
    fine_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decision_content = models.TextField(_("决定内容"), blank=True)
    decision_date = models.DateField(_("决定日期"))
    authority = models.CharField(_("决定机关"), max_length=100)
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("承办科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    severity = models.CharField(
        _("失信严重程度"),
        max_length=10,
        choices=Severity.choices,
        blank=True,
        help_text=_(
            "行政处罚必填：轻微失信原则上不予公示，一般失信公示 3 个月至 1 年，"
            "严重失信公示 1 年至 3 年（《信用修复管理办法》）。"
        ),
    )
    minor_published = models.BooleanField(
        _("轻微失信确有必要公示"),
        default=False,
        help_text=_(
            "仅用于轻微失信的行政处罚：行业主管部门认为确有必要公示的，公示期最长 3 个月，"
            "法定责任履行完毕即可信用修复。"
        ),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.EFFECTIVE,
    )

    # Disclosure: due 7 working days after the decision (periods.disclosure_due).
    is_published = models.BooleanField(_("已公示"), default=True)
    published_at = models.DateTimeField(
        _("公示时间"), null=True, blank=True, default=timezone.now
    )
    due_date = models.DateField(_("公示期限"), editable=False)
    due_date_provisional = models.BooleanField(
        _("期限按暂定日历计算"), default=False, editable=False
    )

    # Publicity period (处罚; a licence has none) and withdrawal.
    publicity_min_end = models.DateField(
        _("最短公示期至"), null=True, blank=True, editable=False
    )
    publicity_end = models.DateField(
        _("最长公示期至"), null=True, blank=True, editable=False
    )
    withdrawn_on = models.DateField(_("停止公示日期"), null=True, blank=True)
    # The last day the public may see it (None: not public), derived on every
    # save and import from publication, status, withdrawal and period: the public
    # rule is one indexed range (selectors.public_decisions).
    listed_until = models.DateField(_("公开至"), null=True, blank=True, editable=False)
    withdrawal = models.CharField(
        _("停止公示原因"), max_length=10, choices=Withdrawal.choices, blank=True
    )
    withdrawal_note = models.TextField(_("信用修复说明"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # What the public sees (masking.py): computed from the raw fields on save.
    public_party_name = models.CharField(
        _("公开的当事人"), max_length=200, editable=False
    )
    public_identifier = models.CharField(
        _("公开的证件号码"), max_length=18, blank=True, editable=False
    )
    public_content = models.TextField(_("公开的违法事实/许可内容"), editable=False)
    public_basis = models.TextField(_("公开的依据"), editable=False)
    public_decision_content = models.TextField(
        _("公开的决定内容"), blank=True, editable=False
    )

    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # Only the masked copies are ever indexed: the raw name and ID never reach it.
    search_fields = [
        index.SearchField("public_party_name", boost=2),
        index.SearchField("document_number", boost=2),
        index.SearchField("public_content"),
        index.SearchField("public_decision_content"),
        index.SearchField("public_basis"),
        index.SearchField("penalty_type"),
        index.SearchField("authority"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("行政许可和行政处罚决定")
        verbose_name_plural = _("行政许可和行政处罚决定")
        ordering = ["-decision_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_number", "kind"],
                name="credit_decision_unique_document_number",
                violation_error_message=_("同一类别中已有该文书号的决定"),
            ),
        ]
        indexes = [
            models.Index(
                fields=["-decision_date", "-id", "listed_until"],
                name="credit_decision_listing",
            ),
            models.Index(fields=["listed_until"], name="credit_decision_listed"),
            # Each filter of the public list with the list's order, and the
            # public window in the index: the page reads 20 entries in order and
            # the count never visits the table (selectors.public_decisions).
            models.Index(
                fields=["kind", "-decision_date", "-id", "listed_until"],
                name="credit_decision_kind_listing",
            ),
            models.Index(
                fields=["authority", "-decision_date", "-id", "listed_until"],
                name="credit_decision_authority",
            ),
            models.Index(fields=["publicity_end"]),
            # The keyword filter matches a whole public identifier.
            models.Index(
                fields=["public_identifier"], name="credit_decision_identifier"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.public_party_name or self.party_name}"

    def save(self, *args, **kwargs):
        if not self.is_published:
            self.published_at = None
        elif self.published_at is None:
            self.published_at = timezone.now()
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *DERIVED_FIELDS}
        super().save(*args, **kwargs)
        from .grams import write_grams

        write_grams([self])

    @property
    def is_natural_person(self) -> bool:
        return self.party_type == PartyType.NATURAL_PERSON

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == DecisionKind.PENALTY and not self.severity:
            errors["severity"] = _("行政处罚须注明失信严重程度（轻微、一般或严重）")
        if self.kind == DecisionKind.LICENSE and self.severity:
            errors["severity"] = _("行政许可不填写失信严重程度")
        if self.minor_published and not (
            self.kind == DecisionKind.PENALTY and self.severity == Severity.MINOR
        ):
            errors["minor_published"] = _(
                "只有轻微失信的行政处罚可以选择“确有必要公示”"
            )
        if self.is_natural_person and self.credit_code:
            errors["credit_code"] = _("自然人没有统一社会信用代码，请填写身份证号码")
        if self.party_type in (PartyType.LEGAL_PERSON, PartyType.UNINCORPORATED) and (
            not self.credit_code
        ):
            errors["credit_code"] = _("法人和非法人组织须填写统一社会信用代码")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("有效期至不能早于有效期自")
        if self.kind == DecisionKind.PENALTY and (self.valid_from or self.valid_until):
            errors["valid_until"] = _("有效期只适用于行政许可")
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self) -> None:
        """The deadline, the publicity period and the masked public copies, from
        the raw fields (the import computes the same with ``derived_values``)."""
        for name, value in derived_values(
            {name: getattr(self, name) for name in DERIVED_FROM}
        ).items():
            setattr(self, name, value)

    # --- the clock ------------------------------------------------------------------
    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Published after its due date, or still unpublished after it."""
        if self.published_at is not None:
            return timezone.localtime(self.published_at).date() > self.due_date
        return (today or timezone.localdate()) > self.due_date

    @property
    def publicity_withheld(self) -> bool:
        """A 行政处罚 of 轻微失信 not found necessary to publish: recorded, never
        published."""
        return (
            self.kind == DecisionKind.PENALTY
            and self.severity == Severity.MINOR
            and not self.minor_published
        )


DERIVED_FROM = (
    "kind",
    "severity",
    "minor_published",
    "decision_date",
    "party_type",
    "party_name",
    "credit_code",
    "id_number",
    "content",
    "basis",
    "decision_content",
    "is_published",
    "status",
    "withdrawn_on",
)
# A licence in force has no end of publicity.
NO_END = datetime.date(9999, 12, 31)


def derived_values(raw: dict) -> dict:
    """What a decision computes from its raw fields (``DERIVED_FROM``)."""
    values: dict = {}
    day = raw["decision_date"]
    if day:
        values["due_date"], values["due_date_provisional"] = periods.disclosure_due(day)
        if raw["kind"] == DecisionKind.PENALTY:
            ends = periods.publicity_ends(
                raw["severity"], day, minor_published=bool(raw["minor_published"])
            )
        else:
            ends = (None, None)
        values["publicity_min_end"], values["publicity_end"] = ends
        public = (
            raw["is_published"]
            and raw["status"] == DecisionStatus.EFFECTIVE
            and not raw["withdrawn_on"]
        )
        if not public:
            values["listed_until"] = None
        elif raw["kind"] == DecisionKind.LICENSE:
            values["listed_until"] = NO_END
        else:
            values["listed_until"] = ends[1]
    natural = raw["party_type"] == PartyType.NATURAL_PERSON
    names = (raw["party_name"],) if natural else ()
    values["public_party_name"] = (
        mask_person_name(raw["party_name"]) if natural else mask_text(raw["party_name"])
    )
    values["public_identifier"] = raw["credit_code"] or mask_id_number(
        raw["id_number"] or ""
    )
    values["public_content"] = mask_text(raw["content"], names=names)
    values["public_basis"] = mask_text(raw["basis"], names=names)
    values["public_decision_content"] = mask_text(
        raw["decision_content"] or "", names=names
    )
    return values


DERIVED_FIELDS = (
    "listed_until",
    "due_date",
    "due_date_provisional",
    "publicity_min_end",
    "publicity_end",
    "public_party_name",
    "public_identifier",
    "public_content",
    "public_basis",
    "public_decision_content",
    "published_at",
)


class DecisionGram(models.Model):
    """One character bigram of a listed decision's public (masked) text, or a
    field's last character with the end mark: the keyword filter's index
    (grams.py); written with the decision, never edited."""

    pk = models.CompositePrimaryKey("gram", "decision")
    gram = models.BigIntegerField(_("字符二元组"))
    decision = models.ForeignKey(
        CreditDecision,
        verbose_name=_("决定"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("双公示关键词索引")
        verbose_name_plural = _("双公示关键词索引")

    def __str__(self) -> str:
        from .grams import decode

        return f"{decode(self.gram)} {self.decision_id}"


class RowIdOneToOneField(models.OneToOneField):
    """A one-to-one primary key that SQLite keeps as the table's row id
    (``INTEGER PRIMARY KEY``; ``bigint`` would get an index of its own beside
    the table): a lookup by it is one b-tree search instead of two."""

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class DecisionText(models.Model):
    """A listed decision's public (masked) text in one narrow row, folded as the
    database's case-insensitive match folds it: what the keyword filter tests a
    keyword against (grams.py); written with the decision, never edited."""

    decision = RowIdOneToOneField(
        CreditDecision,
        verbose_name=_("决定"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("公开文本"))

    class Meta:
        verbose_name = _("双公示关键词文本")
        verbose_name_plural = _("双公示关键词文本")

    def __str__(self) -> str:
        return f"{self.decision_id} {self.text[:20]}"


class DecisionLogAction(models.TextChoices):
    PUBLISHED = "published", _("公示")
    EXPIRED = "expired", _("公示期满自动停止公示")
    REPAIRED = "repaired", _("信用修复提前停止公示")


class DecisionLog(models.Model):
    """What happened to a decision's publicity, and who did it."""

    decision = models.ForeignKey(
        CreditDecision,
        verbose_name=_("决定"),
        on_delete=models.CASCADE,
        related_name="logs",
    )
    action = models.CharField(
        _("操作"), max_length=10, choices=DecisionLogAction.choices
    )
    note = models.TextField(_("说明"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("双公示操作记录")
        verbose_name_plural = _("双公示操作记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} {self.get_action_display()}"
