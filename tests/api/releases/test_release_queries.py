"""releases(...), IntegratedReleasePage and faqs(...) through real HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.taxonomy.models import Audience, Organization, Topic
from tests.factories.pages import FAQFactory, IntegratedReleasePageFactory

LIST = """
query ($filter: ReleaseFilter, $order: ReleaseOrder, $first: Int, $after: String) {
  releases(filter: $filter, order: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage }
    edges { node { title theme summary topics { name } audiences { name } } }
  }
}
"""


def _at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2025, 6, day, 9, 0))


@pytest.fixture
def releases(site_tree):
    subsidy = Topic.objects.get(slug="jiuye-butie")
    pension = Topic.objects.get(slug="yanglao")
    graduates = Audience.objects.get(slug="gaoxiao-biyesheng")
    employers = Audience.objects.get(slug="yongren-danwei")
    jobs = IntegratedReleasePageFactory(
        parent=site_tree.releases,
        title="稳就业政策集成式发布",
        theme="稳就业",
        summary="就业补贴、解读和办事入口一站式发布。",
        first_published_at=_at(10),
    )
    jobs.topics.add(subsidy)
    jobs.audiences.add(graduates, employers)
    jobs.save()
    pensions = IntegratedReleasePageFactory(
        parent=site_tree.releases,
        title="养老保险待遇调整集成式发布",
        theme="养老待遇",
        summary="",
        first_published_at=_at(12),
    )
    pensions.topics.add(pension)
    pensions.save()
    IntegratedReleasePageFactory(
        parent=site_tree.releases, title="草稿中的集成式发布", live=False
    )
    return jobs, pensions


def _titles(result: dict) -> list[str]:
    return [edge["node"]["title"] for edge in result["data"]["releases"]["edges"]]


@pytest.mark.django_db
def test_list_is_live_only_newest_first(graphql, releases):
    assert graphql(LIST) == {
        "data": {
            "releases": {
                "totalCount": 2,
                "pageInfo": {"hasNextPage": False},
                "edges": [
                    {
                        "node": {
                            "title": "养老保险待遇调整集成式发布",
                            "theme": "养老待遇",
                            "summary": "",
                            "topics": [{"name": "养老保险"}],
                            "audiences": [],
                        }
                    },
                    {
                        "node": {
                            "title": "稳就业政策集成式发布",
                            "theme": "稳就业",
                            "summary": "就业补贴、解读和办事入口一站式发布。",
                            "topics": [{"name": "就业补贴"}],
                            "audiences": [{"name": "用人单位"}, {"name": "高校毕业生"}],
                        }
                    },
                ],
            }
        }
    }


@pytest.mark.django_db
def test_filters_and_order(graphql, releases):
    employment = Topic.objects.get(slug="jiuye-chuangye")  # parent of 就业补贴
    employers = Audience.objects.get(slug="yongren-danwei")
    cases = [
        ({"topic": [str(employment.pk)]}, ["稳就业政策集成式发布"]),
        ({"audience": [str(employers.pk)]}, ["稳就业政策集成式发布"]),
        (
            {"topic": [str(employment.pk)], "audience": [str(employers.pk)]},
            ["稳就业政策集成式发布"],
        ),
        ({"topic": ["0"]}, []),
    ]
    for filter_, expected in cases:
        assert _titles(graphql(LIST, {"filter": filter_})) == expected, filter_
    assert _titles(graphql(LIST, {"order": "PUBLISHED_AT_ASC"})) == [
        "稳就业政策集成式发布",
        "养老保险待遇调整集成式发布",
    ]


@pytest.mark.django_db
def test_release_page_by_path(graphql, releases):
    jobs, _ = releases
    query = """
    query ($path: String) {
      page(urlPath: $path) {
        __typename title breadcrumbs { title }
        ... on IntegratedReleasePage { theme topics { name slug } }
      }
    }"""
    path = f"/jicheng/{jobs.slug}/"
    assert graphql(query, {"path": path})["data"]["page"] == {
        "__typename": "IntegratedReleasePage",
        "title": "稳就业政策集成式发布",
        "breadcrumbs": [
            {"title": "闵行区人力资源和社会保障局政务公开"},
            {"title": "集成式发布"},
            {"title": "稳就业政策集成式发布"},
        ],
        "theme": "稳就业",
        "topics": [{"name": "就业补贴", "slug": "jiuye-butie"}],
    }


FAQS = """
query ($topic: [ID!]) {
  faqs(topic: $topic) {
    totalCount
    edges { node { question answer topics { name } department { name } } }
  }
}
"""


@pytest.mark.django_db
def test_faqs_by_topic_including_subtopics(graphql, site_tree):
    employment = Organization.objects.get(name="就业促进科")
    subsidy = Topic.objects.get(slug="jiuye-butie")
    pension = Topic.objects.get(slug="yanglao")
    apply_faq = FAQFactory(
        question="如何申领一次性吸纳就业补贴？",
        answer='<p>登录<a href="https://zwdt.sh.gov.cn">一网通办</a>提交。</p>',
        department=employment,
    )
    apply_faq.topics.add(subsidy)
    pension_faq = FAQFactory(question="养老金什么时候调整到账？")
    pension_faq.topics.add(pension)

    parent = Topic.objects.get(slug="jiuye-chuangye")
    assert graphql(FAQS, {"topic": [str(parent.pk)]}) == {
        "data": {
            "faqs": {
                "totalCount": 1,
                "edges": [
                    {
                        "node": {
                            "question": "如何申领一次性吸纳就业补贴？",
                            "answer": '<p>登录<a href="https://zwdt.sh.gov.cn">一网通办</a>提交。</p>',
                            "topics": [{"name": "就业补贴"}],
                            "department": {"name": "就业促进科"},
                        }
                    }
                ],
            }
        }
    }
    everything = graphql(FAQS)["data"]["faqs"]
    # By question, in code point order (as the admin lists them).
    assert [e["node"]["question"] for e in everything["edges"]] == [
        "养老金什么时候调整到账？",
        "如何申领一次性吸纳就业补贴？",
    ]
