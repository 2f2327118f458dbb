"""政务公开标准目录: the items the bureau must disclose, and what fulfils each.

The catalog's elements follow the guideline's layout (人社厅函〔2019〕113号):
公开事项 (一级/二级/三级), 公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体,
公开对象, 公开方式 and 公开层级.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .choices import Area, BindingKind, Channel, Source, TimeLimitKind
from .forms import CatalogItemForm

PATH_SEPARATOR = " › "
# "1.2岗位信息发布", "（一）就业信息服务": the numbering some tables put before names.
_NUMBERING = re.compile(r"^[\s\d.．、()（）一二三四五六七八九十]+(?=\S)")
_NOISE = re.compile(r"[\s\u3000、，,。·()（）]")


def normalized_name(name: str) -> str:
    """A 事项 name compared without its numbering, spaces and punctuation."""
    return _NOISE.sub("", _NUMBERING.sub("", name or ""))


class CatalogItem(ClusterableModel):
    """One 公开事项 of the standard catalog; kept by the office (办公室)."""

    area = models.CharField(
        _("所属领域"), max_length=20, choices=Area.choices, default=Area.EMPLOYMENT
    )
    source = models.CharField(
        _("事项来源"),
        max_length=10,
        choices=Source.choices,
        default=Source.LOCAL,
        help_text=_(
            "标准指引中的事项不能删改名称；本局补充的事项不得与上级事项交叉重叠。"
        ),
    )
    sequence = models.PositiveIntegerField(_("序号"), default=0)
    level1 = models.CharField(_("一级事项"), max_length=100)
    level2 = models.CharField(_("二级事项"), max_length=100)
    level3 = models.CharField(_("三级事项"), max_length=100, blank=True)
    # level1 › level2 › level3: what identifies an item, in the admin and imports.
    path = models.CharField(_("事项路径"), max_length=320, unique=True, editable=False)
    elements = models.TextField(
        _("公开内容（要素）"),
        blank=True,
        help_text=_("每行一项，如 办理流程、咨询电话。"),
    )
    basis = models.TextField(_("公开依据"), blank=True, help_text=_("每行一项。"))
    time_limit_kind = models.CharField(
        _("公开时限"),
        max_length=10,
        choices=TimeLimitKind.choices,
        default=TimeLimitKind.FORMED,
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("时限（工作日）"),
        null=True,
        blank=True,
        help_text=_(
            "如 20（信息形成或变更之日起 20 个工作日内）；许可、处罚决定为 7。"
        ),
    )
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    for_public = models.BooleanField(_("公开对象：全社会"), default=True)
    for_specific_groups = models.BooleanField(_("公开对象：特定群体"), default=False)
    proactive = models.BooleanField(_("公开方式：主动"), default=True)
    on_application = models.BooleanField(_("公开方式：依申请"), default=False)
    level_district = models.BooleanField(_("公开层级：区级"), default=True)
    level_town = models.BooleanField(_("公开层级：街镇级"), default=False)
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    formed_on = models.DateField(
        _("信息形成或最近变更日期"),
        null=True,
        blank=True,
        help_text=_("据此按公开时限（工作日）判断是否逾期未公开。"),
    )
    is_listed = models.BooleanField(_("在网站政务公开栏目列出"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("area"), FieldPanel("source"), FieldPanel("sequence")]
        ),
        MultiFieldPanel(
            [FieldPanel("level1"), FieldPanel("level2"), FieldPanel("level3")],
            heading=_("公开事项"),
        ),
        FieldPanel("elements"),
        FieldPanel("basis"),
        FieldRowPanel([FieldPanel("time_limit_kind"), FieldPanel("time_limit_days")]),
        FieldPanel("subject"),
        FieldPanel("channels"),
        FieldRowPanel([FieldPanel("for_public"), FieldPanel("for_specific_groups")]),
        FieldRowPanel([FieldPanel("proactive"), FieldPanel("on_application")]),
        FieldRowPanel([FieldPanel("level_district"), FieldPanel("level_town")]),
        FieldPanel("department"),
        FieldPanel("formed_on"),
        FieldPanel("is_listed"),
        InlinePanel("bindings", label=_("对应内容")),
    ]
    base_form_class = CatalogItemForm

    class Meta:
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录事项")
        ordering = ["area", "sequence", "path"]

    def __str__(self) -> str:
        return self.path or self.build_path()

    def build_path(self) -> str:
        names = [self.level1.strip(), self.level2.strip(), self.level3.strip()]
        return PATH_SEPARATOR.join(name for name in names if name)

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels[value]) for value in self.channels if value in labels]

    @property
    def element_list(self) -> list[str]:
        return [line.strip() for line in self.elements.splitlines() if line.strip()]

    @property
    def time_limit_text(self) -> str:
        if self.time_limit_kind == TimeLimitKind.STANDING:
            return str(TimeLimitKind.STANDING.label)
        days = self.time_limit_days
        start = self.get_time_limit_kind_display()
        return f"{start}{days}个工作日内公开" if days else f"{start}及时公开"

    def missing_elements(self) -> list[str]:
        """The catalog elements this item lacks (豫人社办函〔2020〕93号: 名称、内容、
        依据、时限、主体、方式、渠道、公开对象)."""
        missing = []
        if not self.element_list:
            missing.append("公开内容（要素）")
        if not self.basis.strip():
            missing.append("公开依据")
        if self.time_limit_kind != TimeLimitKind.STANDING and not self.time_limit_days:
            missing.append("公开时限")
        if not self.subject.strip():
            missing.append("公开主体")
        if not self.channels:
            missing.append("公开渠道和载体")
        if not (self.for_public or self.for_specific_groups):
            missing.append("公开对象")
        if not (self.proactive or self.on_application):
            missing.append("公开方式")
        return missing

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        unknown = [value for value in self.channels if value not in Channel.values]
        if unknown:
            errors["channels"] = [f"不是可选的公开渠道：{'、'.join(map(str, unknown))}"]
        if self.time_limit_kind == TimeLimitKind.STANDING and self.time_limit_days:
            errors["time_limit_days"] = ["长期公开的事项不填时限天数"]
        if self.source == Source.LOCAL and self._stored_source() == Source.STANDARD:
            errors["source"] = [
                f"“{self.build_path()}”是标准指引中的事项，不能改为本局补充"
            ]
        elif self.source == Source.LOCAL:
            errors.update(self._overlaps())
        if errors:
            raise ValidationError(errors)

    def _stored_source(self) -> str | None:
        if self.pk is None:
            return None
        return (
            CatalogItem.objects.filter(pk=self.pk)
            .values_list("source", flat=True)
            .first()
        )

    def _overlaps(self) -> dict[str, list[str]]:
        """A local addition may add 二级 items under a 一级 item of the guideline, or
        refine one of its 二级 items with 三级 ones, but never repeat an item of a
        higher level under another name or place (交叉重叠)."""
        standard = CatalogItem.objects.filter(source=Source.STANDARD).exclude(
            pk=self.pk
        )
        level1 = {
            normalized_name(a): a for a in standard.values_list("level1", flat=True)
        }
        level2: dict[str, tuple[str, str]] = {}
        for one, two in standard.values_list("level1", "level2"):
            level2.setdefault(normalized_name(two), (one, two))
        errors: dict[str, list[str]] = {}
        mine2 = normalized_name(self.level2)
        if mine2 in level1:
            errors["level2"] = [
                f"“{self.level2}”与标准指引的一级事项“{level1[mine2]}”重叠，"
                "本局补充事项不得与上级事项交叉重叠"
            ]
        elif mine2 in level2 and not self.level3.strip():
            one, two = level2[mine2]
            errors["level2"] = [
                f"“{self.level2}”与标准指引的二级事项“{one}{PATH_SEPARATOR}{two}”重叠，"
                "本局补充事项不得与上级事项交叉重叠；如需细化，请在该事项下填写三级事项"
            ]
        elif mine2 in level2 and normalized_name(self.level1) != normalized_name(
            level2[mine2][0]
        ):
            one, two = level2[mine2]
            errors["level2"] = [
                f"二级事项“{self.level2}”属于标准指引的一级事项“{one}”，"
                f"不能列在“{self.level1}”下"
            ]
        mine3 = normalized_name(self.level3)
        if mine3 and (mine3 in level1 or mine3 in level2):
            errors["level3"] = [
                f"三级事项“{self.level3}”与标准指引的上级事项重名，"
                "本局补充事项不得与上级事项交叉重叠"
            ]
        return errors

    def save(self, *args, **kwargs):
        self.path = self.build_path()
        super().save(*args, **kwargs)


class CatalogBinding(Orderable):
    """What fulfils an item on the website: a column, a page type (optionally
    filtered) or a record type of the public search."""

    item = ParentalKey(CatalogItem, on_delete=models.CASCADE, related_name="bindings")
    kind = models.CharField(_("对应方式"), max_length=12, choices=BindingKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("栏目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page_type = models.ForeignKey(
        ContentType,
        verbose_name=_("页面类型"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    filters = models.JSONField(
        _("筛选条件"),
        default=dict,
        blank=True,
        help_text=_('页面类型的字段筛选，如 {"is_normative": true}；可为空。'),
    )
    record_type = models.CharField(
        _("记录类型"),
        max_length=40,
        blank=True,
        help_text=_("公众搜索登记的记录类型取值，如 question（选登的网上咨询）。"),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("page"),
        FieldPanel("page_type"),
        FieldPanel("filters"),
        FieldPanel("record_type"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("对应内容")
        verbose_name_plural = _("对应内容")

    def __str__(self) -> str:
        if self.kind == BindingKind.SECTION and self.page_id:
            return f"栏目：{self.page}"
        if self.kind == BindingKind.PAGE_TYPE and self.page_type_id:
            return f"页面类型：{self.page_type.name}"
        return f"记录类型：{self.record_type}"

    def clean(self) -> None:
        from .status import check_binding

        super().clean()
        check_binding(self)
