"""Load the demo content: realistic, invented 政务公开 content for a fresh installation.

Everything is found again before it is made (policies by 发文字号 or 标题 + 成文日期,
pages by slug, FAQs by question, files by title), so loading twice changes nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from cms.events.models import OpenEventPage
from cms.home.setup import setup_cms
from cms.interpretations.models import InterpretationPage, InterpreterRole
from cms.policies.models import PolicyPage
from cms.releases.models import FAQ, IntegratedReleasePage
from cms.review.setup import editor_group_name
from cms.taxonomy.models import ServiceItem

from .benefits import load_benefits_demo
from .consultations import load_consultations_demo
from .credit import load_credit_demo
from .disclosure import DemoDisclosure
from .disclosure_report import load_annual_report_demo
from .events import DemoEvents
from .fiscal import load_fiscal_demo
from .interpretations import DemoInterpretations
from .media import MediaLibrary
from .policies import DemoPolicies
from .policylist import load_policy_list_demo
from .questions import load_questions_demo
from .releases import DemoReleases, load_faqs
from .search_logs import load_search_log_demo

DEMO_EDITOR = "demo-editor"
DEMO_EDITOR_DEPARTMENT = "就业促进科"

FORMAT_LABELS = {
    "qa": "简明问答",
    "infographic": "图示图解",
    "video": "视频动画",
    "live": "直播",
}


def participation_lines() -> list[str]:
    from cms.consultations.models import (
        ConsultationComment,
        ConsultationPage,
        MajorDecisionPage,
    )
    from cms.credit.models import CreditDecision
    from cms.disclosure.models import DisclosureApplication
    from cms.events.registrations import EventRegistration
    from cms.questions.models import Question
    from search.models import SearchQueryLog

    return [
        f"依申请公开申请：{DisclosureApplication.objects.count()} 件（各办理阶段各有示例）",
        f"征求意见：{ConsultationPage.objects.count()} 篇，留言 "
        f"{ConsultationComment.objects.count()} 条；重大行政决策事项 "
        f"{MajorDecisionPage.objects.count()} 项",
        f"网上咨询：{Question.objects.count()} 件；活动报名 "
        f"{EventRegistration.objects.count()} 条；搜索记录 "
        f"{SearchQueryLog.objects.count()} 条",
        f"双公示：行政许可 {CreditDecision.objects.filter(kind='license').count()} 件，"
        f"行政处罚 {CreditDecision.objects.filter(kind='penalty').count()} 件",
    ]


@dataclass
class DemoReport:
    created: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        policies = PolicyPage.objects.all()
        interpretations = InterpretationPage.objects.all()
        formats: Counter = Counter()
        for page in interpretations.specific():
            formats.update(page.formats)
        roles = Counter(interpretations.values_list("role", flat=True))
        media = MediaLibrary.counts()
        return [
            f"政策文件：已发布 {policies.live().count()} 篇，审查中 {policies.not_live().count()} 篇"
            f"（本次导入 {self.created['policies']} 篇，补充信息 {self.created['completed']} 篇）",
            f"政策解读：已发布 {interpretations.live().count()} 篇，"
            f"审查中 {interpretations.not_live().count()} 篇（本次新建 {self.created['interpretations']} 篇）",
            "  解读形式："
            + "，".join(
                f"{label} {formats[key]}" for key, label in FORMAT_LABELS.items()
            ),
            "  解读角色："
            + "，".join(
                f"{role.label} {roles[role.value]}" for role in InterpreterRole
            ),
            f"集成式发布：{IntegratedReleasePage.objects.live().count()} 篇"
            f"（本次新建 {self.created['releases']} 篇）",
            f"常见问题：{FAQ.objects.count()} 条（本次新建 {self.created['faqs']} 条）",
            f"政府开放活动：{OpenEventPage.objects.live().count()} 场"
            f"（本次新建 {self.created['events']} 场）",
            f"一网通办事项：{ServiceItem.objects.count()} 项",
            f"演示图片 {media['images']} 张，演示文档 {media['documents']} 份"
            f"（本次生成图片 {self.created['images']} 张、文档 {self.created['documents']} 份）",
            f"提交审查流程：{self.created['submitted']} 项",
            *participation_lines(),
            f"用时 {self.seconds:.1f} 秒",
        ]


def ensure_demo_editor():
    """The editor of 就业促进科 who owns and submits the demo content; cannot log in."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_EDITOR).first()
    if user is None:
        user = user_model(username=DEMO_EDITOR, first_name="演示编辑", is_active=True)
        user.set_unusable_password()
        user.save()
    group = Group.objects.get(name=editor_group_name(DEMO_EDITOR_DEPARTMENT))
    user.groups.add(group)
    return user


def load_demo_content() -> DemoReport:
    started = time.monotonic()
    tree = setup_cms()

    report = DemoReport()
    with transaction.atomic():
        editor = ensure_demo_editor()
        media = MediaLibrary(user=editor)

        policies = DemoPolicies(parent=tree.policies, editor=editor, media=media)
        policy_pages = policies.import_records()
        policies.complete_service_items()

        # Interpretations go live before their policies are marked 三同步, so the
        # publish gate finds a ready interpretation for every policy that needs one.
        interpretations = DemoInterpretations(
            parent=tree.interpretations,
            editor=editor,
            media=media,
            policies=policy_pages,
        )
        interpretation_pages = interpretations.load()
        policies.complete()

        faqs, faqs_created = load_faqs()
        releases = DemoReleases(
            parent=tree.releases,
            editor=editor,
            policies=policy_pages,
            interpretations=interpretation_pages,
            faqs=faqs,
        )
        releases.load()
        events = DemoEvents(parent=tree.events, editor=editor)
        events.load()
        load_questions_demo(home=tree.home, editor=editor)
        DemoDisclosure().load()
        load_consultations_demo(home=tree.home, editor=editor)
        load_annual_report_demo()
        load_search_log_demo()
        load_credit_demo(editor=editor)
        load_fiscal_demo(media)
        load_policy_list_demo()
        load_benefits_demo()

    report.created.update(
        policies=policies.result.imported,
        completed=policies.result.completed,
        interpretations=interpretations.created,
        releases=releases.created,
        faqs=faqs_created,
        events=events.created,
        images=media.created_images,
        documents=media.created_documents,
        submitted=policies.result.submitted + interpretations.submitted,
    )
    report.seconds = time.monotonic() - started
    return report
