"""Government open activities (政府开放活动): event pages with capacity and a window."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core.pages import SectionIndexPage
from cms.policies.blocks import RICH_TEXT_FEATURES


class VenueType(models.TextChoices):
    EMPLOYMENT_STATION = "employment_station", _("15分钟就业服务站点")
    HR_INDUSTRIAL_PARK = "hr_industrial_park", _("人力资源产业园")
    ARBITRATION_COURT = "arbitration_court", _("劳动人事争议仲裁院")
    SERVICE_CENTER = "service_center", _("社保/就业服务中心")
    TRAINING_BASE = "training_base", _("职业技能培训基地")
    BUREAU_OFFICE = "bureau_office", _("局机关")
    ONLINE = "online", _("线上")


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", _("即将开始（无需报名）")
    NOT_OPEN = "not_open", _("报名未开始")
    OPEN = "open", _("报名中")
    CLOSED = "closed", _("报名已截止")
    ONGOING = "ongoing", _("进行中")
    FINISHED = "finished", _("已结束")
    CANCELLED = "cancelled", _("已取消")


class EventIndexPage(SectionIndexPage):
    """The list of open activities (政府开放); edited by the office."""

    listing_model = "events.OpenEventPage"
    listing_order = ("-start_at", "-pk")
    subpage_types = ["events.OpenEventPage"]

    class Meta:
        verbose_name = _("政府开放栏目")
        verbose_name_plural = _("政府开放栏目")


class OpenEventPage(Page):
    """One open activity, e.g. a 政府开放月 visit; edited by the organizing department."""

    series = models.CharField(
        _("活动系列"), max_length=100, blank=True, help_text=_("例如 2025 政府开放月")
    )
    theme = models.CharField(
        _("活动主题"), max_length=100, blank=True, help_text=_("例如 优化营商环境")
    )
    venue_type = models.CharField(
        _("场所类型"), max_length=30, choices=VenueType.choices
    )
    venue_name = models.CharField(_("场所名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(
        _("名额"), help_text=_("可报名的总人数；0 表示无需报名。")
    )
    registration_opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    max_people_per_registration = models.PositiveSmallIntegerField(
        _("每次报名最多人数"), default=2
    )
    audiences = ParentalManyToManyField(
        "taxonomy.Audience",
        verbose_name=_("面向对象"),
        blank=True,
        related_name="events",
    )
    audience_note = models.CharField(
        _("面向对象说明"),
        max_length=200,
        blank=True,
        help_text=_("例如 企业人事负责人、市民群众"),
    )
    organizer = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("摘要"), blank=True, max_length=500)
    description = RichTextField(_("活动介绍"), features=RICH_TEXT_FEATURES)
    is_cancelled = models.BooleanField(_("已取消"), default=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("series"), FieldPanel("theme")]),
                FieldPanel("organizer"),
            ],
            heading=_("活动信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("venue_type"), FieldPanel("venue_name")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
            ],
            heading=_("时间地点"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("max_people_per_registration")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens_at"),
                        FieldPanel("registration_closes_at"),
                    ]
                ),
                FieldPanel("audiences"),
                FieldPanel("audience_note"),
                FieldPanel("is_cancelled"),
            ],
            heading=_("报名"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("series"),
        index.SearchField("theme"),
        index.SearchField("venue_name"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("start_at"),
        index.FilterField("venue_type"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政府开放活动")
        verbose_name_plural = _("政府开放活动")
        # events(order: ...) sorts by start_at then pk, either way (ordered_events).
        indexes = [
            models.Index(fields=["-start_at", "-page_ptr"], name="event_start_at_idx")
        ]

    @property
    def requires_registration(self) -> bool:
        return self.capacity > 0

    def status_at(self, moment=None) -> str:
        now = moment or timezone.now()
        if self.is_cancelled:
            return EventStatus.CANCELLED
        if now >= self.end_at:
            return EventStatus.FINISHED
        if now >= self.start_at:
            return EventStatus.ONGOING
        if self.requires_registration:
            if self.registration_opens_at and now < self.registration_opens_at:
                return EventStatus.NOT_OPEN
            closes = self.registration_closes_at or self.start_at
            if now >= closes:
                return EventStatus.CLOSED
            return EventStatus.OPEN
        return EventStatus.UPCOMING

    @property
    def status(self) -> str:
        return self.status_at()

    def get_status_display(self) -> str:
        return EventStatus(self.status).label

    def registration_is_open(self, moment=None) -> bool:
        return self.status_at(moment) == EventStatus.OPEN

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = _("结束时间须晚于开始时间。")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("报名截止须晚于报名开始。")
        if closes and self.start_at and closes > self.start_at:
            errors["registration_closes_at"] = _("报名截止不能晚于活动开始时间。")
        if opens and not closes and self.start_at and opens >= self.start_at:
            # Without a closing time registration closes at the start: it would never open.
            errors["registration_opens_at"] = _("报名开始须早于活动开始时间。")
        if self.capacity and not closes and not opens:
            errors["registration_closes_at"] = _("设置名额时须填写报名时间。")
        if self.capacity and self.max_people_per_registration < 1:
            errors["max_people_per_registration"] = _("每次报名至少 1 人。")
        if errors:
            raise ValidationError(errors)


from .registrations import EventRegistration, RegistrationStatus  # noqa: E402, F401
