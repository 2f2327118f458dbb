"""Content for the API benchmark: N policies with interpretations, releases, events.

Pages are built with ``add_child`` (so tree paths, url paths and numchild are what
Wagtail makes) as live, public pages, without revisions, and with the search and
reference index updates off while loading: the benchmark reads neither.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.events.models import OpenEventPage, VenueType
from cms.home.site_tree import ensure_site_tree
from cms.interpretations.models import (
    InterpretationPage,
    InterpretedPolicy,
    InterpreterRole,
)
from cms.policies.models import PolicyIssuer, PolicyPage, ValidityOverride
from cms.releases.models import IntegratedReleasePage
from cms.taxonomy.models import Audience, Organization, Topic

BUREAU = "闵行区人力资源和社会保障局"
SUBJECTS = [
    "就业补贴申领",
    "创业担保贷款贴息",
    "失业保险稳岗返还",
    "高校毕业生就业见习",
    "职业技能提升行动",
    "工伤保险待遇调整",
    "灵活就业人员社会保险补贴",
    "劳动人事争议调解仲裁",
    "人才引进落户",
    "技能人才评价",
]
SENTENCES = [
    "为贯彻落实就业优先战略，进一步做好稳就业工作，根据国家和本市有关规定，结合本区实际，制定本通知。",
    "本通知所称用人单位，是指在本区依法登记注册、依法缴纳社会保险费的企业、民办非企业单位和个体工商户。",
    "符合条件的用人单位和个人可通过“一网通办”平台在线提交申请，也可至所在街道（镇）社区事务受理服务中心现场办理。",
    "经办机构应当自受理之日起十五个工作日内完成审核，对符合条件的按规定拨付资金，对不符合条件的告知理由。",
    "补贴资金从区就业专项资金中列支，各相关部门应当加强资金监管，确保资金安全、规范、高效使用。",
    "申请人应当对所提交材料的真实性负责，以欺诈、伪造证明材料等手段骗取补贴的，依法追回并追究相应责任。",
    "各街道（镇）要加强政策宣传解读，主动对接辖区重点企业和困难群体，推动政策直达快享、免申即享。",
    "区人力资源和社会保障局会同区财政局建立工作协调机制，定期通报政策执行情况，及时研究解决实施中的问题。",
    "对吸纳登记失业人员、就业困难人员就业并签订一年以上劳动合同的，按每人一次性给予相应补贴。",
    "本通知执行中的具体应用问题，由区人力资源和社会保障局负责解释，并在门户网站政策解读栏目公开。",
    "享受补贴期间，用人单位应当按时足额为吸纳人员缴纳社会保险费，并按月发放不低于本市最低工资标准的工资。",
    "鼓励各类市场主体开发适合高校毕业生、青年群体的岗位，对开展见习的单位给予见习生活补贴和带教费补贴。",
]
HEADINGS = [
    "一、适用范围",
    "二、补贴标准",
    "三、申请程序",
    "四、资金管理",
    "五、其他事项",
]
QUESTIONS = [
    ("哪些单位可以申请？", "在本区依法登记、依法缴纳社会保险费的用人单位均可申请。"),
    ("在哪里办理？", "通过“一网通办”平台在线办理，或到社区事务受理服务中心现场办理。"),
    ("多久能拿到补贴？", "受理后十五个工作日内完成审核，审核通过后按规定拨付。"),
]
ROLES = list(InterpreterRole)


@dataclass
class Loaded:
    policies: int
    interpretations: int
    releases: int
    events: int
    setup_seconds: float  # migrate and setup_cms
    seconds: float  # the content
    # A policy with an interpretation and a link in its body, for the detail query.
    detail_policy_id: int


@contextmanager
def _search_index_paused() -> Iterator[None]:
    """No search-index task per saved page (AUTO_UPDATE off still runs the task)."""
    models = [
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def _paragraph(rng: random.Random, sentences: int, link: str = "") -> dict:
    text = "".join(rng.choice(SENTENCES) for _ in range(sentences))
    return {"type": "paragraph", "value": f"<p>{link}{text}</p>"}


def _policy_body(rng: random.Random, previous: PolicyPage | None) -> list[dict]:
    """About 2,000 characters: five headed sections, the first citing an older policy."""
    body = []
    for index, heading in enumerate(HEADINGS):
        body.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        link = ""
        if index == 0 and previous is not None:
            link = (
                f'根据<a linktype="page" id="{previous.pk}">《{previous.title}》</a>，'
            )
        body.append(_paragraph(rng, rng.randint(2, 3), link))
        body.append(_paragraph(rng, rng.randint(1, 3)))
    return body


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _policies(count: int, parent, rng: random.Random) -> list[PolicyPage]:
    leaves = list(Topic.objects.filter(parent__isnull=False))
    audiences = list(Audience.objects.all())
    bureau = Organization.objects.get(name=BUREAU)
    partners = list(Organization.objects.exclude(pk=bureau.pk).filter(level="district"))
    today = timezone.localdate()
    pages: list[PolicyPage] = []
    previous = None
    for n in range(count):
        published = today - datetime.timedelta(days=count - n)
        year = published.year
        subject = SUBJECTS[n % len(SUBJECTS)]
        page = PolicyPage(
            title=f"关于做好{year}年度第{n + 1}批{subject}工作的通知",
            slug=f"zc-{n + 1:05d}",
            doc_number=f"闵人社规〔{year}〕{n + 1}号",
            index_number=f"{settings.CMS_DEFAULT_CREDIT_CODE}/{year}-{n + 1:05d}",
            is_normative=n % 3 == 0,
            written_date=published - datetime.timedelta(days=rng.randint(1, 10)),
            publish_date=published,
            effective_date=published + datetime.timedelta(days=rng.randint(0, 30)),
            expiry_date=published + datetime.timedelta(days=5 * 365) if n % 2 else None,
            validity_override=ValidityOverride.REPEALED if n % 97 == 0 else "",
            summary="".join(rng.sample(SENTENCES, 2))[:200],
            body=_policy_body(rng, previous),
            live=True,
            has_unpublished_changes=False,
            first_published_at=_at(published),
            last_published_at=_at(published),
        )
        page.topics = rng.sample(leaves, rng.randint(1, 2))
        page.audiences = rng.sample(audiences, rng.randint(1, 2))
        issuers = [bureau] + ([rng.choice(partners)] if n % 5 == 0 else [])
        page.issuers = [
            PolicyIssuer(organization=org, sort_order=order)
            for order, org in enumerate(issuers)
        ]
        parent.add_child(instance=page)
        pages.append(page)
        previous = page
    return pages


def _interpretations(policies: list[PolicyPage], parent, every: int) -> int:
    departments = list(Organization.objects.filter(level="department"))
    created = 0
    for n, policy in enumerate(policies[::every]):
        published = policy.publish_date + datetime.timedelta(days=1)
        items = [{"question": q, "answer": f"<p>{a}</p>"} for q, a in QUESTIONS]
        page = InterpretationPage(
            title=f"一图读懂《{policy.title}》",
            slug=f"jd-{n + 1:05d}",
            role=ROLES[n % len(ROLES)],
            interpreter_name="就业促进科科长 张某",
            department=departments[n % len(departments)],
            publish_date=published,
            summary=policy.summary,
            body=[
                {"type": "paragraph", "value": f"<p>{policy.summary}</p>"},
                {"type": "qa", "value": {"heading": "简明问答", "items": items}},
            ],
            live=True,
            has_unpublished_changes=False,
            first_published_at=_at(published),
            last_published_at=_at(published),
        )
        page.interpreted_policies = [InterpretedPolicy(policy=policy, sort_order=0)]
        parent.add_child(instance=page)
        created += 1
    return created


def _releases(count: int, policies: list[PolicyPage], parent, rng) -> int:
    topics = list(Topic.objects.filter(parent__isnull=False))
    for n in range(count):
        chosen = rng.sample(policies, min(3, len(policies)))
        items = [
            {"type": "policy", "value": {"policy": p.pk, "note": ""}} for p in chosen
        ]
        page = IntegratedReleasePage(
            title=f"{SUBJECTS[n % len(SUBJECTS)]}政策集成式发布",
            slug=f"jc-{n + 1:04d}",
            theme=SUBJECTS[n % len(SUBJECTS)],
            summary=SENTENCES[n % len(SENTENCES)],
            body=[
                {
                    "type": "section",
                    "value": {"title": "政策文件", "intro": "", "items": items},
                }
            ],
            live=True,
            first_published_at=timezone.now() - datetime.timedelta(days=count - n),
        )
        page.topics = rng.sample(topics, 2)
        parent.add_child(instance=page)
    return count


def _events(count: int, parent) -> int:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    venues = list(VenueType)
    for n in range(count):
        # Half are past, half upcoming, so "upcoming" filters something out.
        start = now + datetime.timedelta(days=(n - count // 2) * 3, hours=1)
        page = OpenEventPage(
            title=f"政府开放月：走进{venues[n % len(venues)].label}（第{n + 1}场）",
            slug=f"kf-{n + 1:04d}",
            series=f"{start.year} 政府开放月",
            theme="优化营商环境",
            venue_type=venues[n % len(venues)],
            venue_name="闵行区就业促进中心",
            start_at=start,
            end_at=start + datetime.timedelta(hours=2),
            capacity=0,
            summary=SENTENCES[n % len(SENTENCES)][:100],
            description=f"<p>{SENTENCES[n % len(SENTENCES)]}</p>",
            live=True,
            first_published_at=now - datetime.timedelta(days=30),
        )
        parent.add_child(instance=page)
    return count


def _detail_policy(pages: list[PolicyPage], every: int) -> int:
    interpreted = pages[:: max(1, every)]
    return interpreted[len(interpreted) // 2].pk if interpreted else 0


def load(policies: int, *, interpretation_every: int = 4, port: int = 80) -> Loaded:
    """Migrate, set the site up, and load the content; returns what was made."""
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("setup_cms", verbosity=0, stdout=io.StringIO())
    # The site answers on the benchmark server's port, as it would in production.
    Site.objects.filter(is_default_site=True).update(port=port)
    set_up = time.perf_counter()
    rng = random.Random(20250617)  # noqa: S311 - deterministic content, not security
    with (
        _search_index_paused(),
        disable_reference_index_auto_update(),
        transaction.atomic(),
    ):
        tree = ensure_site_tree()
        pages = _policies(policies, tree.policies, rng)
        interpretations = _interpretations(
            pages, tree.interpretations, max(1, interpretation_every)
        )
        extra = max(5, policies // 100)
        releases = _releases(extra, pages, tree.releases, rng)
        events = _events(extra, tree.events)
    return Loaded(
        policies=len(pages),
        interpretations=interpretations,
        releases=releases,
        events=events,
        setup_seconds=set_up - started,
        seconds=time.perf_counter() - set_up,
        detail_policy_id=_detail_policy(pages, interpretation_every),
    )


def reuse(*, interpretation_every: int = 4, port: int = 80) -> Loaded:
    """What ``load`` made in this database before (``--keep``): counted, not remade.

    The site is moved to this run's port, as ``load`` does.
    """
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)  # new migrations only
    Site.objects.filter(is_default_site=True).update(port=port)
    pages = list(PolicyPage.objects.order_by("pk").only("pk"))
    return Loaded(
        policies=len(pages),
        interpretations=InterpretationPage.objects.count(),
        releases=IntegratedReleasePage.objects.count(),
        events=OpenEventPage.objects.count(),
        setup_seconds=time.perf_counter() - started,
        seconds=0.0,
        detail_policy_id=_detail_policy(pages, interpretation_every),
    )
