"""Demo 依申请公开 applications, one in each stage, dated relative to today.

Each application is found again by its idempotency key, so loading twice changes
nothing. The office's head (延期审批) and legal reviewer are demo users who cannot
log in. Applicants are invented; ID numbers and credit codes pass their checksums.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from cms.disclosure import services
from cms.disclosure.models import DisclosureApplication
from cms.participation.validators import resident_id_check_char
from cms.taxonomy.validators import credit_code_check_char
from cms.workdays import calendar

HEAD = ("demo-disclosure-head", "信息公开办主任", ["approve_extension"])
LEGAL = ("demo-disclosure-legal", "法制审核员", ["legal_review"])
CLERK = ("demo-disclosure-clerk", "信息公开经办人", [])


def _resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def _credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


APPLICANTS = [
    {
        "applicant_type": "natural_person",
        "name": "王建国",
        "id_type": "resident_id",
        "id_number": _resident_id("32010219780415123"),
        "phone": "13905171234",
        "email": "",
        "address": "江苏省南京市玄武区北京东路41号",
        "delivery_method": "paper",
    },
    {
        "applicant_type": "commercial_enterprise",
        "name": "南京示例人力资源有限公司",
        "id_type": "unified_social_credit_code",
        "id_number": _credit_code("91320102MA1X7Y123"),
        "phone": "025-84561234",
        "email": "hr@demo-company.example",
        "address": "江苏省南京市玄武区龙蟠路9号",
        "delivery_method": "email",
    },
    {
        "applicant_type": "natural_person",
        "name": "陈敏",
        "id_type": "resident_id",
        "id_number": _resident_id("32010619900208242"),
        "phone": "18651234567",
        "email": "",
        "address": "江苏省南京市鼓楼区中山北路100号",
        "delivery_method": "online",
    },
    {
        "applicant_type": "legal_service_organization",
        "name": "江苏示例律师事务所",
        "id_type": "unified_social_credit_code",
        "id_number": _credit_code("31320000MD0123456"),
        "phone": "025-86661234",
        "email": "",
        "address": "江苏省南京市建邺区江东中路201号",
        "delivery_method": "paper",
    },
]

# Applications that came as letters and were registered by the clerk.
BY_POST = {"new", "closed"}
# (key, applicant, received N working days ago, description, steps to take)
APPLICATIONS = [
    ("new", 0, 1, "本区2025年就业见习基地名单及见习补贴发放情况。", []),
    ("due-soon", 1, 17, "2024年度本区稳岗返还资金发放企业名单。", ["accept", "assign"]),
    ("overdue", 2, 22, "本人2019年至2021年工伤认定案卷材料。", ["accept"]),
    ("correction", 2, 3, "关于职业技能提升补贴的文件。", ["accept", "correction"]),
    (
        "consultation",
        1,
        8,
        "某人力资源服务许可审批材料（涉及第三方商业信息）。",
        ["accept", "consult"],
    ),
    (
        "extended",
        3,
        15,
        "2023年至2025年劳动人事争议仲裁案件统计数据。",
        ["accept", "extend"],
    ),
    (
        "replied",
        0,
        25,
        "《关于进一步做好稳就业工作的通知》全文。",
        ["accept", "draft_disclose", "review", "reply"],
    ),
    (
        "closed",
        3,
        40,
        "区人社局内部人事管理制度文件。",
        ["accept", "draft_withhold", "review", "reply", "close"],
    ),
]


def _staff(username: str, first_name: str, codenames: list[str]):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model()(username=username, first_name=first_name)
        user.set_unusable_password()
        user.save()
    perms = Permission.objects.filter(
        content_type__app_label="disclosure",
        codename__in=["change_disclosureapplication", *codenames],
    )
    user.user_permissions.add(*perms)
    return user


def _working_days_ago(today: datetime.date, days: int) -> datetime.date:
    day = today
    for _ in range(days):
        day = day - datetime.timedelta(days=1)
        while not calendar.is_working_day(day):
            day -= datetime.timedelta(days=1)
    return day


def _after(day: datetime.date, days: int) -> datetime.date:
    return calendar.add_working_days(day, days).date


class DemoDisclosure:
    def __init__(self):
        self.created = 0
        self.today = timezone.localdate()

    def load(self) -> None:
        head, legal, clerk = (_staff(*spec) for spec in (HEAD, LEGAL, CLERK))
        for key, applicant, ago, description, steps in APPLICATIONS:
            idempotency_key = f"demo-disclosure-{key}"
            if DisclosureApplication.objects.filter(
                idempotency_key=idempotency_key
            ).exists():
                continue
            received = _working_days_ago(self.today, ago)
            received_at = timezone.make_aware(
                datetime.datetime.combine(received, datetime.time(10, 30))
            )
            data = {
                **APPLICANTS[applicant],
                "description": description,
                "doc_number": "",
                "idempotency_key": idempotency_key,
            }
            if key in BY_POST:  # a letter the clerk registered (登记书面申请)
                application = services.register_paper_application(
                    data=data, channel="post", received_on=received, user=clerk
                ).application
            else:
                application = services.application_submit(
                    **data, received_at=received_at
                ).application
            for step in steps:
                application = self._step(step, application, clerk, head, legal)
            self.created += 1

    def _step(self, step, application, clerk, head, legal):
        received = application.received_date
        if step == "accept":
            return services.accept_application(application=application, user=clerk)
        if step == "assign":
            return services.assign_application(
                application=application, user=head, assignee=clerk
            )
        if step == "correction":
            return services.request_correction(
                application=application,
                user=clerk,
                text="请明确所需文件的名称、文号或发布时间范围。",
                on=_after(received, 2),
            )
        if step == "consult":
            return services.start_consultation(
                application=application,
                user=clerk,
                party_kind="third_party",
                party_name="南京示例人力资源服务有限公司",
                on=_after(received, 3),
            )
        if step == "extend":
            return services.extend_deadline(
                application=application,
                user=head,
                days=15,
                reason="所需数据跨三个年度，需要调取仲裁院档案逐件核对",
                on=_after(received, 10),
            )
        if step == "draft_disclose":
            return services.draft_reply(
                application=application,
                user=clerk,
                reply_type="disclose",
                reply_ground="can_disclose",
                provision_method="随本告知书以纸质件邮寄至您提供的通信地址",
                provision_on=_after(received, 12),  # the day of the reply
                reply_text="现随本告知书提供该通知全文。",
            )
        if step == "draft_withhold":
            return services.draft_reply(
                application=application,
                user=clerk,
                reply_type="withhold",
                reply_reason="internal_affairs",
                reply_text=(
                    "您申请的人事管理制度文件用于规范本局内部人事管理工作，"
                    "属于行政机关内部事务信息，依法不予公开。"
                ),
            )
        if step == "review":
            services.submit_for_legal_review(application=application, user=clerk)
            return services.legal_review(
                application=application, user=legal, approve=True
            )
        if step == "reply":
            return services.reply_application(
                application=application, user=clerk, on=_after(received, 12)
            ).application
        if step == "close":
            return services.close_application(application=application, user=clerk)
        raise ValueError(step)
