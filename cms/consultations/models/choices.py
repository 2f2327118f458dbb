"""Choices of consultations and major administrative decisions, with Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftKind(models.TextChoices):
    NORMATIVE = "normative", _("规范性文件")
    MAJOR_DECISION = "major_decision", _("重大行政决策")
    RULE = "rule", _("规章")
    OTHER = "other", _("其他")


class ConsultationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    OPEN = "open", _("征求中")
    CLOSED = "closed", _("已截止")
    REPORT_PUBLISHED = "report_published", _("已公布采纳情况")


class CommenterType(models.TextChoices):
    INDIVIDUAL = "individual", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


class Industry(models.TextChoices):
    """国民经济行业门类 (GB/T 4754-2017)."""

    AGRICULTURE = "A", _("农、林、牧、渔业")
    MINING = "B", _("采矿业")
    MANUFACTURING = "C", _("制造业")
    UTILITIES = "D", _("电力、热力、燃气及水生产和供应业")
    CONSTRUCTION = "E", _("建筑业")
    TRADE = "F", _("批发和零售业")
    TRANSPORT = "G", _("交通运输、仓储和邮政业")
    HOSPITALITY = "H", _("住宿和餐饮业")
    INFORMATION = "I", _("信息传输、软件和信息技术服务业")
    FINANCE = "J", _("金融业")
    REAL_ESTATE = "K", _("房地产业")
    BUSINESS_SERVICES = "L", _("租赁和商务服务业")
    RESEARCH = "M", _("科学研究和技术服务业")
    ENVIRONMENT = "N", _("水利、环境和公共设施管理业")
    RESIDENT_SERVICES = "O", _("居民服务、修理和其他服务业")
    EDUCATION = "P", _("教育")
    HEALTH = "Q", _("卫生和社会工作")
    CULTURE = "R", _("文化、体育和娱乐业")
    PUBLIC_ADMINISTRATION = "S", _("公共管理、社会保障和社会组织")
    INTERNATIONAL = "T", _("国际组织")


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    HIDDEN = "hidden", _("不予展示")


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


# Decisions that must say why.
DECISIONS_NEEDING_REASON = (Decision.PARTLY_ADOPTED, Decision.NOT_ADOPTED)


class DecisionStage(models.TextChoices):
    PROPOSED = "proposed", _("拟决策")
    CONSULTING = "consulting", _("征求意见")
    DECIDED = "decided", _("已决策")


class MeetingKind(models.TextChoices):
    DIRECTORS_MEETING = "directors_meeting", _("局长办公会议")
    TOPIC_MEETING = "topic_meeting", _("决策专题会")


class RepresentativeCategory(models.TextChoices):
    EXPERT = "expert", _("专家学者")
    DEPUTY = "deputy", _("代表委员")
    PUBLIC = "public", _("企业群众")
    LEGAL_ADVISER = "legal_adviser", _("法律顾问")
    GRASSROOTS = "grassroots", _("基层工作人员")


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("待办理")
    IN_PROGRESS = "in_progress", _("办理中")
    CLOSED = "closed", _("已办结")
