"""Content the API tests share: bodies in every format, a second site, restrictions."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page, PageViewRestriction, Site

from cms.home.models import HomePage
from cms.interpretations.models import InterpretationIndexPage
from cms.policies.models import PolicyIndexPage


def qa_block(question: str = "谁可以申请？") -> dict:
    return {
        "type": "qa",
        "value": {
            "heading": "简明问答",
            "items": [{"question": question, "answer": "<p>符合条件的单位。</p>"}],
        },
    }


def live_block(title: str = "科长讲政策直播") -> dict:
    return {
        "type": "live",
        "value": {
            "title": title,
            "start_time": "2025-08-01T10:00:00",
            "status": "upcoming",
            "stream_url": "",
            "replay_url": "",
            "poster": None,
            "description": "",
        },
    }


def video_block(title: str = "一分钟看懂") -> dict:
    return {
        "type": "video",
        "value": {
            "title": title,
            "video_file": None,
            "video_url": "https://video.example.gov.cn/a.mp4",
            "poster": None,
            "captions": None,
            "duration": 60,
            "transcript": "",
        },
    }


def paragraph_block(html: str = "<p>导读</p>") -> dict:
    return {"type": "paragraph", "value": html}


def restrict(page: Page) -> PageViewRestriction:
    """A password restriction: the page and everything below it become private."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@dataclass(frozen=True)
class OtherSite:
    site: Site
    home: HomePage
    policies: PolicyIndexPage
    interpretations: InterpretationIndexPage


def other_site(hostname: str = "b.example.gov.cn") -> OtherSite:
    """A second site (another district's portal) with its own sections."""
    root = Page.get_first_root_node()
    home = HomePage(title="另一站点首页", slug="home-b", intro="")
    root.add_child(instance=home)
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name="另一站点"
    )
    policies = PolicyIndexPage(title="另一站点政策", slug="zhengce", intro="")
    home.add_child(instance=policies)
    interpretations = InterpretationIndexPage(
        title="另一站点解读", slug="jiedu", intro=""
    )
    home.add_child(instance=interpretations)
    return OtherSite(site, home, policies, interpretations)
