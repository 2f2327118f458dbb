"""就业创业政策清单: one structured item per benefit a policy grants, with its
machine-checkable 申请条件. Edited by the department responsible for the policy."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.conditions import FIELD_CHOICES, Condition, Operator, validate_condition
from cms.review.records import DepartmentRecordForm

EXPIRED_POLICY_NOTE = _("所依据政策已失效")


class PolicyListItem(index.Indexed, ClusterableModel):
    """One item of the 就业创业政策清单 (政策项目); edited by its 责任科室."""

    title = models.CharField(_("政策项目"), max_length=200)
    policy = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("所依据政策"),
        on_delete=models.PROTECT,
        related_name="list_items",
        help_text=_(
            "清单项的有效性随所依据政策：政策失效后清单项标注“所依据政策已失效”。"
        ),
    )
    service_item = models.ForeignKey(
        "taxonomy.ServiceItem",
        verbose_name=_("一网通办事项"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="list_items",
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("各科室编辑只能编辑本科室的清单项。"),
    )
    scope = models.TextField(_("对象范围"), blank=True)
    requirements = models.TextField(
        _("申请条件"),
        blank=True,
        help_text=_("申请条件的文字表述；可自动判断的条件另在下方“条件”中逐条填写。"),
    )
    materials = models.TextField(_("申请材料"), blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)
    venue = models.TextField(_("办理地点/方式"), blank=True)
    phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    audiences = ParentalManyToManyField(
        "taxonomy.Audience",
        verbose_name=_("服务对象"),
        blank=True,
        related_name="policy_list_items",
    )
    topics = ParentalManyToManyField(
        "taxonomy.Topic",
        verbose_name=_("主题分类"),
        blank=True,
        related_name="policy_list_items",
    )
    benefit_amount = models.DecimalField(
        _("补贴标准（金额）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("可估算的金额，如 5000；供政策计算器估算，没有固定金额的留空。"),
    )
    benefit_unit = models.CharField(
        _("补贴标准（单位）"),
        max_length=20,
        blank=True,
        help_text=_("如 元、元/人、元/月"),
    )
    benefit_text = models.CharField(
        _("补贴标准（说明）"),
        max_length=200,
        blank=True,
        help_text=_("如 一次性创业补贴 5000 元"),
    )
    published = models.BooleanField(
        _("发布"),
        default=True,
        help_text=_("只有发布的清单项，且所依据政策已发布、主动公开时，才对外公开。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("policy"), FieldPanel("department")]),
        FieldPanel("service_item"),
        FieldPanel("scope"),
        FieldPanel("requirements"),
        InlinePanel("conditions", label=_("可自动判断的条件")),
        FieldPanel("materials"),
        FieldPanel("procedure"),
        FieldPanel("venue"),
        FieldPanel("phone"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("benefit_amount"), FieldPanel("benefit_unit")]
                ),
                FieldPanel("benefit_text"),
            ],
            heading=_("补贴标准"),
        ),
        FieldRowPanel([FieldPanel("audiences"), FieldPanel("topics")]),
        FieldRowPanel([FieldPanel("published"), FieldPanel("sort_order")]),
    ]
    base_form_class = DepartmentRecordForm

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("scope"),
        index.SearchField("requirements"),
        index.SearchField("benefit_text"),
        index.FilterField("published"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("政策清单项")
        verbose_name_plural = _("就业创业政策清单")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "title"], name="policylist_item_policy_title"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def conditions_list(self) -> list[Condition]:
        """The item's 申请条件 as conditions of cms.core.conditions, in order
        (uses ``conditions`` as prefetched)."""
        return [condition.as_condition() for condition in self.conditions.all()]

    @property
    def policy_expired(self) -> bool:
        """Whether the policy the item rests on is no longer 有效 (失效/废止/已修订)."""
        from cms.policies.models import Validity

        value = getattr(self, "policy_validity", None) or self.policy.validity
        return value != Validity.VALID

    def conditions_text(self) -> str:
        """The conditions as written in an import file (for exports)."""
        from .syntax import format_conditions

        return format_conditions(self.conditions_list())

    def validity_note(self) -> str:
        return str(EXPIRED_POLICY_NOTE) if self.policy_expired else ""

    def benefit_display(self) -> str:
        if self.benefit_text:
            return self.benefit_text
        if self.benefit_amount is None:
            return ""
        return f"{self.benefit_amount.normalize():f} {self.benefit_unit}".strip()


class ItemCondition(Orderable):
    """One machine-checkable 申请条件 of an item: field, operator, value."""

    item = ParentalKey(
        PolicyListItem, on_delete=models.CASCADE, related_name="conditions"
    )
    field = models.CharField(_("条件字段"), max_length=40, choices=FIELD_CHOICES)
    operator = models.CharField(_("运算"), max_length=20, choices=Operator.choices)
    value = models.JSONField(
        _("取值"),
        null=True,
        blank=True,
        help_text=_(
            '数值如 35；“介于”如 [16, 35]；多个取值如 ["本区", "本市外区"]；'
            "“是/否”类条件留空。"
        ),
    )

    panels = [FieldPanel("field"), FieldPanel("operator"), FieldPanel("value")]

    class Meta(Orderable.Meta):
        verbose_name = _("条件")
        verbose_name_plural = _("条件")

    def __str__(self) -> str:
        try:
            return self.as_condition().describe()
        except (KeyError, ValueError, TypeError):
            return f"{self.field} {self.operator} {self.value}"

    def clean_fields(self, exclude=None) -> None:
        # validate_condition (in clean) names an unknown field or operator itself.
        super().clean_fields(exclude={*(exclude or ()), "field", "operator"})

    def clean(self) -> None:
        super().clean()
        if not self.field:
            raise ValidationError({"field": _("请选择条件字段")})
        if not self.operator:
            raise ValidationError({"operator": _("请选择运算")})
        # Stored as validated: numbers as numbers, choices as their canonical values.
        self.value = validate_condition(self.field, self.operator, self.value).value

    def as_condition(self) -> Condition:
        return Condition(self.field, self.operator, self.value)


class PolicyListChange(models.Model):
    """When the public list last gained or lost items in a way their own 更新时间 does
    not show: an item deleted or hidden, its policy published, unpublished, moved or
    put under a view restriction. One row, written by signals.py, never edited."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    changed_at = models.DateTimeField(_("变更时间"))

    class Meta:
        verbose_name = _("政策清单变更时间")
        verbose_name_plural = _("政策清单变更时间")

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def record(cls, at=None) -> None:
        """The list changed at ``at`` (now): the recorded time moves forward only.
        Runs in the caller's transaction, so a rolled-back change records nothing."""
        at = at or timezone.now()
        with transaction.atomic():
            # Locked while read, so two concurrent changes cannot move it backwards.
            change, created = cls.objects.select_for_update().get_or_create(
                pk=1, defaults={"changed_at": at}
            )
            if not created and change.changed_at < at:
                change.changed_at = at
                change.save(update_fields=["changed_at"])


def check_conditions(conditions: list[tuple[str, str, object]]) -> list[Condition]:
    """Validated conditions, or a ValidationError naming the first bad one (第 N 条)."""
    checked = []
    for number, (field, operator, value) in enumerate(conditions, start=1):
        try:
            checked.append(validate_condition(field, operator, value))
        except ValidationError as error:
            messages = "；".join(
                message
                for messages in error.message_dict.values()
                for message in messages
            )
            raise ValidationError(f"第 {number} 个条件：{messages}") from None
    return checked
