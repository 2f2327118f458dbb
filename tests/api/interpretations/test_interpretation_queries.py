"""interpretations(...) and InterpretationPage through real HTTP."""

from __future__ import annotations

import datetime

import pytest

from cms.interpretations.models import InterpreterRole
from cms.policies.models import Disclosure
from cms.taxonomy.models import Organization
from tests.api.builders import live_block, paragraph_block, qa_block, video_block
from tests.factories import InterpretationPageFactory, PolicyPageFactory

LIST = """
query ($filter: InterpretationFilter, $order: InterpretationOrder, $first: Int,
       $after: String) {
  interpretations(filter: $filter, order: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title role formats policies { title } } }
  }
}
"""


@pytest.fixture
def world(site_tree, bureau):
    employment = Organization.objects.get(name="就业促进科")
    insurance = Organization.objects.get(name="社会保险科")
    subsidy = PolicyPageFactory(
        parent=site_tree.policies, title="就业补贴办法", issuers=[bureau]
    )
    benefit = PolicyPageFactory(
        parent=site_tree.policies, title="失业保险金标准", issuers=[bureau]
    )
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        title="依申请公开的内部规程",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    qa = InterpretationPageFactory(
        parent=site_tree.interpretations,
        title="一问一答读懂就业补贴",
        slug="jiuye-butie-wenda",
        role=InterpreterRole.SECTION_CHIEF,
        interpreter_name="就业促进科科长 张某",
        department=employment,
        publish_date=datetime.date(2025, 6, 18),
        summary="补贴对象、标准和申领流程。",
        policies=[subsidy, hidden],
    )
    live = InterpretationPageFactory(
        parent=site_tree.interpretations,
        title="专家直播解读失业保险金调整",
        role=InterpreterRole.EXPERT,
        department=insurance,
        publish_date=datetime.date(2025, 6, 20),
        body=[paragraph_block(), live_block(), qa_block()],
        policies=[benefit],
    )
    video = InterpretationPageFactory(
        parent=site_tree.interpretations,
        title="媒体看政策：视频解读",
        role=InterpreterRole.MEDIA,
        publish_date=None,
        body=[video_block()],
        policies=[subsidy, benefit],
    )
    draft = InterpretationPageFactory(
        parent=site_tree.interpretations,
        title="尚未发布的解读",
        live=False,
        policies=[subsidy],
    )
    return {
        "subsidy": subsidy,
        "benefit": benefit,
        "hidden": hidden,
        "qa": qa,
        "live": live,
        "video": video,
        "draft": draft,
        "employment": employment,
    }


def _titles(result: dict) -> list[str]:
    return [
        edge["node"]["title"] for edge in result["data"]["interpretations"]["edges"]
    ]


@pytest.mark.django_db
def test_list_is_live_only_newest_first_with_formats_and_public_policies(
    graphql, world
):
    result = graphql(LIST)
    assert result == {
        "data": {
            "interpretations": {
                "totalCount": 3,
                "pageInfo": {
                    "hasNextPage": False,
                    "endCursor": "YXJyYXljb25uZWN0aW9uOjI=",
                },
                "edges": [
                    {
                        "node": {
                            "title": "专家直播解读失业保险金调整",
                            "role": "EXPERT",
                            "formats": ["LIVE", "QA"],
                            "policies": [{"title": "失业保险金标准"}],
                        }
                    },
                    {
                        "node": {
                            "title": "一问一答读懂就业补贴",
                            "role": "SECTION_CHIEF",
                            "formats": ["QA"],
                            # The 依申请公开 policy it also interprets stays hidden.
                            "policies": [{"title": "就业补贴办法"}],
                        }
                    },
                    {
                        "node": {
                            "title": "媒体看政策：视频解读",
                            "role": "MEDIA",
                            "formats": ["VIDEO"],
                            "policies": [
                                {"title": "就业补贴办法"},
                                {"title": "失业保险金标准"},
                            ],
                        }
                    },
                ],
            }
        }
    }


@pytest.mark.django_db
def test_filters_combine(graphql, world):
    subsidy, benefit = world["subsidy"], world["benefit"]
    cases = [
        (
            {"policy": [str(subsidy.pk)]},
            ["一问一答读懂就业补贴", "媒体看政策：视频解读"],
        ),
        (
            {"policy": [str(subsidy.pk), str(benefit.pk)]},
            [
                "专家直播解读失业保险金调整",
                "一问一答读懂就业补贴",
                "媒体看政策：视频解读",
            ],
        ),
        (
            {"role": ["EXPERT", "MEDIA"]},
            ["专家直播解读失业保险金调整", "媒体看政策：视频解读"],
        ),
        ({"format": ["QA"]}, ["专家直播解读失业保险金调整", "一问一答读懂就业补贴"]),
        (
            {"format": ["VIDEO", "LIVE"]},
            ["专家直播解读失业保险金调整", "媒体看政策：视频解读"],
        ),
        ({"format": ["INFOGRAPHIC"]}, []),
        ({"department": [str(world["employment"].pk)]}, ["一问一答读懂就业补贴"]),
        ({"policy": [str(subsidy.pk)], "format": ["VIDEO"]}, ["媒体看政策：视频解读"]),
        # A hidden policy matches nothing: the filter must not confirm it exists.
        ({"policy": [str(world["hidden"].pk)]}, []),
        ({"policy": ["not-a-number"]}, []),
    ]
    for filter_, expected in cases:
        assert _titles(graphql(LIST, {"filter": filter_})) == expected, filter_


@pytest.mark.django_db
def test_order_and_cursor_pagination(graphql, world):
    oldest = graphql(LIST, {"order": "PUBLISH_DATE_ASC"})
    assert _titles(oldest) == [
        "一问一答读懂就业补贴",
        "专家直播解读失业保险金调整",
        "媒体看政策：视频解读",  # no 发布日期: last either way
    ]
    first = graphql(LIST, {"first": 2})["data"]["interpretations"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = graphql(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    assert _titles(rest) == ["媒体看政策：视频解读"]


@pytest.mark.django_db
def test_page_by_id_gives_every_field(graphql, world):
    query = """
    query ($id: ID) {
      page(id: $id) {
        __typename title urlPath
        ... on InterpretationPage {
          role interpreterName department { name } publishDate summary formats
          policies { title validity }
        }
      }
    }"""
    page = graphql(query, {"id": str(world["qa"].pk)})["data"]["page"]
    assert page == {
        "__typename": "InterpretationPage",
        "title": "一问一答读懂就业补贴",
        "urlPath": "/jiedu/jiuye-butie-wenda/",
        "role": "SECTION_CHIEF",
        "interpreterName": "就业促进科科长 张某",
        "department": {"name": "就业促进科"},
        "publishDate": "2025-06-18",
        "summary": "补贴对象、标准和申领流程。",
        "formats": ["QA"],
        "policies": [{"title": "就业补贴办法", "validity": "VALID"}],
    }
    assert graphql(query, {"id": str(world["draft"].pk)})["data"]["page"] is None


@pytest.mark.django_db
def test_policy_lists_its_live_interpretations_newest_first(graphql, world):
    query = """
    query ($id: ID) {
      page(id: $id) { ... on PolicyPage { interpretations { title role } } }
    }"""
    page = graphql(query, {"id": str(world["subsidy"].pk)})["data"]["page"]
    assert page == {
        "interpretations": [
            {"title": "一问一答读懂就业补贴", "role": "SECTION_CHIEF"},
            {"title": "媒体看政策：视频解读", "role": "MEDIA"},
        ]
    }
