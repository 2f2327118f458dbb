"""Policy documents (政策文件) as records, and the library that holds them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.attachments import AbstractAttachment
from cms.core.choices import Disclosure
from cms.core.pages import SectionIndexPage
from cms.core.selectors import public_pages
from cms.review.mixins import ReviewedPageMixin
from cms.review.panels import direct_publish_panel
from cms.subscriptions.forms import ChangeNoteForm
from cms.subscriptions.pages import MajorChangeMixin, RecipientsPanel

from .blocks import PolicyBodyBlock
from .doc_numbers import normalize_doc_number
from .index_numbers import assign_index_number


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
    AMENDED = "amended", _("已修订")


class ValidityOverride(models.TextChoices):
    EXPIRED = "expired", _("失效（宣布失效）")
    REPEALED = "repealed", _("废止")
    AMENDED = "amended", _("已修订")


def derive_validity(
    *,
    override: str,
    expiry_date: datetime.date | None,
    today: datetime.date | None = None,
) -> str:
    """有效性: an explicit 废止/已修订/失效 wins; otherwise the 失效日期 decides."""
    if override:
        return override
    today = today or timezone.localdate()
    if expiry_date is not None and expiry_date <= today:
        return Validity.EXPIRED
    return Validity.VALID


@dataclass(frozen=True)
class ValidityNotice:
    validity: str
    since: datetime.date | None
    text: str


_NOTICE_VERBS = {
    Validity.EXPIRED: "失效",
    Validity.REPEALED: "废止",
    Validity.AMENDED: "修订",
}


def validity_notice(
    *,
    validity: str,
    since: datetime.date | None,
    successors: list[tuple[PolicyPage, str]],
) -> ValidityNotice | None:
    """ "本文件已于2025年3月1日废止，由《…》（…号）替代。" for a policy not in force;
    None while it is valid."""
    verb = _NOTICE_VERBS.get(validity)
    if verb is None:
        return None
    when = f"于{since.year}年{since.month}月{since.day}日" if since else ""
    text = f"本文件已{when}{verb}"
    wanted = (
        RelationType.SUPERSEDES
        if validity == Validity.REPEALED
        else RelationType.AMENDS
        if validity == Validity.AMENDED
        else None
    )
    names = [
        f"《{page.title}》" + (f"（{page.doc_number}）" if page.doc_number else "")
        for page, relation_type in successors
        if wanted is not None and relation_type == wanted
    ]
    if names and validity == Validity.REPEALED:
        text += f"，由{'、'.join(names)}替代"
    elif names:
        text += f"，修订后的规定见{'、'.join(names)}"
    return ValidityNotice(validity=validity, since=since, text=text + "。")


class PolicyIndexPage(SectionIndexPage):
    """The policy library (政策文件库); its children are policies. Edited by the office."""

    listing_model = "policies.PolicyPage"
    listing_order = ("-publish_date", "-pk")
    subpage_types = ["policies.PolicyPage"]

    class Meta:
        verbose_name = _("政策文件库")
        verbose_name_plural = _("政策文件库")


class PolicyPage(ReviewedPageMixin, MajorChangeMixin, Page):
    """One policy document with its record metadata; drafted by a department."""

    index_number = models.CharField(
        _("索引号"),
        max_length=64,
        unique=True,
        blank=True,
        help_text=_("保存时自动生成：统一社会信用代码/年份-序号。"),
    )
    doc_number = models.CharField(
        _("发文字号"),
        max_length=100,
        blank=True,
        help_text=_("例如 闵人社发〔2025〕19号"),
    )
    doc_number_normalized = models.CharField(
        _("发文字号（规范形式）"),
        max_length=100,
        blank=True,
        db_index=True,
        editable=False,
    )
    is_normative = models.BooleanField(
        _("规范性文件"),
        default=False,
        help_text=_("规范性文件须经法制审核，征求意见期不少于 7 个工作日。"),
    )
    topics = ParentalManyToManyField(
        "taxonomy.Topic",
        verbose_name=_("主题分类"),
        blank=True,
        related_name="policies",
    )
    audiences = ParentalManyToManyField(
        "taxonomy.Audience",
        verbose_name=_("服务对象"),
        blank=True,
        related_name="policies",
    )
    written_date = models.DateField(_("成文日期"))
    publish_date = models.DateField(_("发布日期"), default=timezone.localdate)
    effective_date = models.DateField(_("施行日期"), null=True, blank=True)
    expiry_date = models.DateField(
        _("失效日期"), null=True, blank=True, help_text=_("自该日起失效（含当日）。")
    )
    validity_override = models.CharField(
        _("有效性"),
        max_length=20,
        choices=ValidityOverride.choices,
        blank=True,
        help_text=_("留空则按施行、失效日期自动判断；废止或修订时请明确选择。"),
    )
    validity_date = models.DateField(
        _("失效/废止日期"),
        null=True,
        blank=True,
        help_text=_(
            "宣布失效、废止或修订之日，显示在页面顶部的提示中；"
            "留空时，失效按失效日期显示。"
        ),
    )
    disclosure = models.CharField(
        _("公开属性"),
        max_length=20,
        choices=Disclosure.choices,
        default=Disclosure.PUBLIC,
    )
    disclosure_basis = models.TextField(
        _("不公开的法律依据"),
        blank=True,
        help_text=_(
            "公开属性为依申请公开或不予公开时必填，例如《政府信息公开条例》第十四条。"
        ),
    )
    summary = models.TextField(_("摘要"), blank=True, max_length=1000)
    body = StreamField(PolicyBodyBlock(), verbose_name=_("正文"), blank=True)
    interpretation_required = models.BooleanField(
        _("需要政策解读"),
        default=False,
        help_text=_("三同步：勾选后，须有通过审查的政策解读才能发布，二者同时发布。"),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("doc_number"),
                        FieldPanel("index_number", read_only=True),
                    ]
                ),
                FieldPanel("department"),
                InlinePanel(
                    "issuers",
                    label=_("发文机关"),
                    min_num=1,
                    heading=_("发文机关（联合发文按顺序）"),
                ),
                FieldRowPanel(
                    [FieldPanel("is_normative"), FieldPanel("interpretation_required")]
                ),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
                FieldRowPanel(
                    [FieldPanel("effective_date"), FieldPanel("expiry_date")]
                ),
                FieldRowPanel(
                    [FieldPanel("validity_override"), FieldPanel("validity_date")]
                ),
            ],
            heading=_("日期与有效性"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel(
            "attachments", label=_("附件"), heading=_("附件（PDF、OFD、Word、Excel）")
        ),
        MultiFieldPanel(
            [
                FieldPanel("major_change"),
                FieldPanel("change_note"),
                RecipientsPanel(),
            ],
            heading=_("推送订阅者"),
        ),
        direct_publish_panel(),
    ]
    classification_panels = [
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences"),
        InlinePanel(
            "service_item_links", label=_("一网通办事项"), heading=_("阅办联动")
        ),
        InlinePanel("relations", label=_("关联政策"), heading=_("修订与废止关系")),
    ]
    disclosure_panels = [FieldPanel("disclosure"), FieldPanel("disclosure_basis")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(classification_panels, heading=_("分类与关联")),
            ObjectList(disclosure_panels, heading=_("公开属性")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    base_form_class = ChangeNoteForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("doc_number", boost=5),
        index.SearchField("doc_number_normalized", boost=5),
        index.SearchField("index_number"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("disclosure"),
        index.FilterField("publish_date"),
        index.FilterField("written_date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["index_number"]

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")
        # The public list's orderings (api/policies, PolicyIndexPage.listing_order):
        # read in index order, the first page stops after 20 rows instead of
        # sorting the table. "-pk" breaks ties; scanned backwards for ascending.
        indexes = [
            models.Index(
                fields=["-publish_date", "-page_ptr"], name="policy_publish_date_idx"
            ),
            models.Index(
                fields=["-written_date", "-page_ptr"], name="policy_written_date_idx"
            ),
        ]

    # --- derived values ----------------------------------------------------------
    @property
    def validity(self) -> str:
        return derive_validity(
            override=self.validity_override, expiry_date=self.expiry_date
        )

    def get_validity_display(self) -> str:
        return Validity(self.validity).label

    @property
    def not_yet_effective(self) -> bool:
        return bool(self.effective_date and self.effective_date > timezone.localdate())

    @property
    def is_public(self) -> bool:
        return self.disclosure == Disclosure.PUBLIC

    def validity_notice(
        self, successors: list[tuple[PolicyPage, str]] | None = None
    ) -> ValidityNotice | None:
        """The notice shown above a policy that is no longer in force (失效、废止、
        已修订); ``successors`` are the public policies that amend or supersede it,
        as (page, relation type), read from the database when not given."""
        if successors is None:
            successors = [
                (relation.page, relation.relation_type)
                for relation in self.incoming_relations.filter(
                    page__in=public_pages(model=PolicyPage)
                )
                .select_related("page")
                .order_by("pk")
            ]
        return validity_notice(
            validity=self.validity,
            since=self.validity_date
            or (self.expiry_date if self.validity == Validity.EXPIRED else None),
            successors=successors,
        )

    def ordered_issuers(self):
        return [link.organization for link in self.issuers.all() if link.organization]

    # --- validation --------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.disclosure != Disclosure.PUBLIC and not self.disclosure_basis.strip():
            errors["disclosure_basis"] = _(
                "公开属性不是主动公开时，须填写不公开的法律依据。"
            )
        if (
            self.publish_date
            and self.written_date
            and self.publish_date < self.written_date
        ):
            errors["publish_date"] = _("发布日期不能早于成文日期。")
        if (
            self.expiry_date
            and self.effective_date
            and self.expiry_date <= self.effective_date
        ):
            errors["expiry_date"] = _("失效日期须晚于施行日期。")
        normalized = normalize_doc_number(self.doc_number)
        if normalized:
            clash = (
                PolicyPage.objects.filter(doc_number_normalized=normalized)
                .exclude(pk=self.pk)
                .values_list("title", flat=True)
                .first()
            )
            if clash:
                errors["doc_number"] = _("发文字号与已有政策《%(title)s》重复。") % {
                    "title": clash
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.doc_number_normalized = normalize_doc_number(self.doc_number)
        if self.index_number:
            return super().save(*args, **kwargs)
        # 索引号 serials are allocated by counting; two editors saving at once can pick
        # the same one, so let the unique constraint arbitrate and try the next serial.
        for attempt in range(5):
            assign_index_number(self, skip=attempt)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not PolicyPage.objects.filter(
                    index_number=self.index_number
                ).exists():
                    raise
                self.index_number = ""
        raise IntegrityError("无法分配唯一的索引号")


class PolicyIssuer(Orderable):
    """One issuing organization of a policy; the first one leads a joint issuance."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="issuers")
    organization = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("发文机关"),
        on_delete=models.PROTECT,
        related_name="issued_policy_links",
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")


class PolicyAttachment(AbstractAttachment):
    """A file attached to a policy (PDF, OFD, Word, Excel)."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(AbstractAttachment.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class PolicyServiceItem(Orderable):
    """A 一网通办 item a policy links to (阅办联动)."""

    page = ParentalKey(
        PolicyPage, on_delete=models.CASCADE, related_name="service_item_links"
    )
    service_item = models.ForeignKey(
        "taxonomy.ServiceItem",
        verbose_name=_("一网通办事项"),
        on_delete=models.CASCADE,
        related_name="policy_links",
    )

    panels = [FieldPanel("service_item")]

    class Meta(Orderable.Meta):
        verbose_name = _("一网通办事项")
        verbose_name_plural = _("一网通办事项")


class RelationType(models.TextChoices):
    AMENDS = "amends", _("修订")
    SUPERSEDES = "supersedes", _("废止并替代")


class PolicyRelation(Orderable):
    """This policy amends or supersedes an earlier one."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(
        _("关系"),
        max_length=20,
        choices=RelationType.choices,
        default=RelationType.AMENDS,
    )
    target = models.ForeignKey(
        PolicyPage,
        verbose_name=_("被修订/被废止的政策"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [
        FieldPanel("relation_type"),
        PageChooserPanel("target", "policies.PolicyPage"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("关联政策")
        verbose_name_plural = _("关联政策")

    def clean(self) -> None:
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("不能关联政策自身。")})
