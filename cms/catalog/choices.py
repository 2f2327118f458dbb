"""The fixed vocabularies of the 政务公开标准目录 (人社厅函〔2019〕113号 的目录格式)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    EMPLOYMENT = "employment", _("就业")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    OTHER = "other", _("其他人社业务")


class Source(models.TextChoices):
    """Where an item comes from: the national guideline or this bureau."""

    STANDARD = "standard", _("标准指引")
    LOCAL = "local", _("本局补充")


class TimeLimitKind(models.TextChoices):
    FORMED = "formed", _("信息形成或变更之日起")
    DECISION = "decision", _("作出决定之日起")
    STANDING = "standing", _("长期公开")


class Channel(models.TextChoices):
    """公开渠道和载体: the fixed list of the guideline's catalog."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    CONFERENCE = "conference", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_CENTER = "service_center", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    ON_SITE = "on_site", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("公示栏")
    TARGETED_PUSH = "targeted_push", _("精准推送")
    OTHER = "other", _("其他")


class BindingKind(models.TextChoices):
    SECTION = "section", _("栏目")
    PAGE_TYPE = "page_type", _("页面类型（可加筛选）")
    RECORD_TYPE = "record_type", _("记录类型")
