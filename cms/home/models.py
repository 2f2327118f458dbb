"""The home page of each site and the per-site settings frontends read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The root of a site's tree (政务公开首页); edited by the office."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "policies.PolicyIndexPage",
        "interpretations.InterpretationIndexPage",
        "releases.ReleaseIndexPage",
        "events.EventIndexPage",
        "consultations.ConsultationIndexPage",
        "questions.QuestionIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")


class FrontendChannel(models.TextChoices):
    """The frontends that read the API; each has a theme in themes/."""

    WEB = "web", _("网站")
    MINIPROGRAM = "miniprogram", _("小程序")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What every page of a site shows around the content; edited by the office."""

    site_name = models.CharField(
        _("站点名称"), max_length=100, default="闵行区人力资源和社会保障局"
    )
    footer = RichTextField(_("页脚"), blank=True, features=["bold", "link"])
    disclosure_notice = models.TextField(
        _("公开属性说明"),
        blank=True,
        default="本栏目发布的政府信息均为主动公开信息。依申请公开请通过“政府信息公开申请”提交。",
    )
    contact_phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    default_channel = models.CharField(
        _("默认渠道"),
        max_length=20,
        choices=FrontendChannel.choices,
        default=FrontendChannel.WEB,
        help_text=_("接口未指定渠道时，正文按此渠道输出（图片尺寸、富文本规则）。"),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("default_channel"),
        FieldPanel("footer"),
        FieldPanel("disclosure_notice"),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                FieldPanel("office_hours"),
            ],
            heading=_("联系方式"),
        ),
    ]

    class Meta:
        verbose_name = _("站点设置")
