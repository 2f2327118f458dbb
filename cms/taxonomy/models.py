"""Organizations, topics, audiences and 一网通办 service items: the shared vocabulary."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from .validators import validate_credit_code


class OrganizationLevel(models.TextChoices):
    CITY = "city", _("市级")
    DISTRICT = "district", _("区级")
    TOWN = "town", _("街镇")
    DEPARTMENT = "department", _("内设科室/局属单位")


class Organization(index.Indexed, models.Model):
    """A government body or an internal department; edited by the office (办公室)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 位，用于生成索引号；内设科室可留空。"),
    )
    level = models.CharField(
        _("层级"),
        max_length=20,
        choices=OrganizationLevel.choices,
        default=OrganizationLevel.DISTRICT,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    editor_groups = models.ManyToManyField(
        Group,
        verbose_name=_("编辑用户组"),
        blank=True,
        related_name="departments",
        help_text=_("这些用户组的成员只能编辑本科室负责的页面。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("credit_code"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("editor_groups"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("上级机构不能是自身。")})

    def effective_credit_code(self) -> str:
        """The credit code of this body, or of the nearest parent that has one."""
        node: Organization | None = self
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            if node.credit_code:
                return node.credit_code
            seen.add(node.pk)
            node = node.parent
        return ""


class Topic(index.Indexed, models.Model):
    """A 主题分类 in the two-level taxonomy; edited by the office."""

    name = models.CharField(_("名称"), max_length=50)
    slug = models.SlugField(_("标识"), max_length=60, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="taxonomy_topic_unique_name_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("上级分类不能是自身。")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("主题分类最多两级。")})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("该分类已有下级分类，不能再设为二级分类。")}
                )


class AudienceKind(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class Audience(index.Indexed, models.Model):
    """A 服务对象 tag used by 政策找人 / 政策找企业; edited by the office."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("标识"), max_length=60, unique=True, allow_unicode=True)
    kind = models.CharField(
        _("类别"),
        max_length=20,
        choices=AudienceKind.choices,
        default=AudienceKind.PERSON,
    )
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("kind")]

    class Meta:
        verbose_name = _("服务对象")
        verbose_name_plural = _("服务对象")
        ordering = ["kind", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class ServiceItem(index.Indexed, models.Model):
    """A 一网通办 service item that policies link to (阅办联动); edited by departments."""

    name = models.CharField(_("事项名称"), max_length=200)
    code = models.CharField(
        _("事项编码"), max_length=64, unique=True, null=True, blank=True
    )
    web_url = models.URLField(_("网页办理地址"), max_length=500, blank=True)
    miniprogram_appid = models.CharField(
        _("小程序 AppID"),
        max_length=32,
        blank=True,
        help_text=_("例如 wx1234567890abcdef"),
    )
    miniprogram_path = models.CharField(
        _("小程序页面路径"),
        max_length=300,
        blank=True,
        help_text=_("例如 pages/item/index?code=310000000000"),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("实施机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_items",
    )
    description = models.TextField(_("说明"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("web_url"),
                FieldPanel("miniprogram_appid"),
                FieldPanel("miniprogram_path"),
            ],
            heading=_("办理入口"),
        ),
        FieldPanel("organization"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
    ]

    class Meta:
        verbose_name = _("一网通办事项")
        verbose_name_plural = _("一网通办事项")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code == "":
            self.code = None
        if not self.web_url and not self.miniprogram_path:
            raise ValidationError(
                {"web_url": _("请至少填写网页办理地址或小程序页面路径之一。")}
            )
        if self.miniprogram_path and not self.miniprogram_appid:
            raise ValidationError(
                {"miniprogram_appid": _("填写小程序页面路径时须同时填写 AppID。")}
            )
        if self.miniprogram_path.startswith("/"):
            self.miniprogram_path = self.miniprogram_path.lstrip("/")
