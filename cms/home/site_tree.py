"""The page tree every installation has: a home page and its sections."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page, Site

from cms.consultations.models import ConsultationIndexPage
from cms.events.models import EventIndexPage
from cms.interpretations.models import InterpretationIndexPage
from cms.policies.models import PolicyIndexPage
from cms.questions.models import QuestionIndexPage
from cms.releases.models import ReleaseIndexPage

from .models import HomePage, SiteSettings


@dataclass(frozen=True)
class SiteTree:
    home: HomePage
    policies: PolicyIndexPage
    interpretations: InterpretationIndexPage
    releases: ReleaseIndexPage
    events: EventIndexPage
    consultations: ConsultationIndexPage
    questions: QuestionIndexPage


SECTIONS = (
    (
        "policies",
        PolicyIndexPage,
        "政策文件库",
        "zhengce",
        "本局及上级机关发布的政策文件，按主题、机构、有效性查阅。",
    ),
    (
        "interpretations",
        InterpretationIndexPage,
        "政策解读",
        "jiedu",
        "简明问答、图示图解、视频动画和直播，读懂人社政策。",
    ),
    (
        "releases",
        ReleaseIndexPage,
        "集成式发布",
        "jicheng",
        "跨层级、跨部门的一站式政策集成发布。",
    ),
    (
        "events",
        EventIndexPage,
        "政府开放",
        "kaifang",
        "政府开放月等开放活动的安排与报名。",
    ),
    (
        "consultations",
        ConsultationIndexPage,
        "公众参与",
        "canyu",
        "政策文件和重大行政决策草案公开征求意见，公布意见采纳情况和重大行政决策事项目录。",
    ),
    (
        "questions",
        QuestionIndexPage,
        "网上咨询",
        "zixun",
        "就业创业、社会保险、劳动关系等人社业务咨询，工作人员在 5 个工作日内答复。",
    ),
)


def _child(parent: Page, model, title: str, slug: str, intro: str):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_tree(*, hostname: str = "127.0.0.1", port: int = 8000) -> SiteTree:
    """Create the home page and sections once; later calls return what exists."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations leave a placeholder welcome page; it makes way for ours.
        for placeholder in root.get_children().filter(slug="home"):
            if (
                placeholder.specific_class is Page
                and not placeholder.get_children().exists()
            ):
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        root.refresh_from_db()
        home = HomePage(
            title="闵行区人力资源和社会保障局政务公开",
            slug="home",
            intro="依法、及时、准确公开人力资源和社会保障政府信息。",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if not Site.objects.filter(is_default_site=True).exists():
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="闵行区人力资源和社会保障局",
            )
    site = Site.objects.filter(root_page=home).first()
    if site is not None:
        SiteSettings.for_site(site)
    pages = {
        key: _child(home, model, title, slug, intro)
        for key, model, title, slug, intro in SECTIONS
    }
    return SiteTree(home=home, **pages)
