"""organizations, topics, audiences and serviceItems through real HTTP."""

from __future__ import annotations

import pytest

from cms.taxonomy.models import Organization
from tests.factories.pages import ServiceItemFactory


@pytest.mark.django_db
def test_organizations_by_level_in_order(graphql, site_tree):
    query = """
    query ($level: [OrganizationLevel!]) {
      organizations(level: $level) { name shortName level parent { name } }
    }"""
    assert graphql(query, {"level": ["CITY", "DISTRICT"]}) == {
        "data": {
            "organizations": [
                {
                    "name": "上海市人力资源和社会保障局",
                    "shortName": "市人社局",
                    "level": "CITY",
                    "parent": None,
                },
                {
                    "name": "闵行区人民政府",
                    "shortName": "区政府",
                    "level": "DISTRICT",
                    "parent": None,
                },
                {
                    "name": "闵行区人力资源和社会保障局",
                    "shortName": "区人社局",
                    "level": "DISTRICT",
                    "parent": None,
                },
                {
                    "name": "闵行区财政局",
                    "shortName": "区财政局",
                    "level": "DISTRICT",
                    "parent": None,
                },
            ]
        }
    }
    departments = graphql(query, {"level": ["DEPARTMENT"]})["data"]["organizations"]
    assert len(departments) == 9
    assert departments[0] == {
        "name": "办公室",
        "shortName": "办公室",
        "level": "DEPARTMENT",
        "parent": {"name": "闵行区人力资源和社会保障局"},
    }
    assert len(graphql(query)["data"]["organizations"]) == 13


@pytest.mark.django_db
def test_topics_are_a_two_level_tree(graphql, site_tree):
    result = graphql(
        "{ topics { name slug children { name slug children { name } } } }"
    )
    topics = result["data"]["topics"]
    assert [topic["name"] for topic in topics] == [
        "就业创业",
        "社会保险",
        "技能培训",
        "人才人事",
        "劳动关系",
        "财政信息",
        "执法信息",
        "政务公开",
    ]
    assert topics[1] == {
        "name": "社会保险",
        "slug": "shehui-baoxian",
        "children": [
            {"name": "养老保险", "slug": "yanglao", "children": []},
            {"name": "失业保险", "slug": "shiye", "children": []},
            {"name": "工伤保险", "slug": "gongshang", "children": []},
            {"name": "医疗保险", "slug": "yiliao", "children": []},
            {"name": "生育保险", "slug": "shengyu", "children": []},
            {"name": "征地养老", "slug": "zhengdi-yanglao", "children": []},
        ],
    }


@pytest.mark.django_db
def test_audiences_by_kind(graphql, site_tree):
    query = "query ($kind: [AudienceKind!]) { audiences(kind: $kind) { name kind } }"
    assert graphql(query, {"kind": ["ENTERPRISE"]})["data"]["audiences"] == [
        {"name": "小微企业", "kind": "ENTERPRISE"},
        {"name": "重点企业", "kind": "ENTERPRISE"},
        {"name": "民营企业", "kind": "ENTERPRISE"},
        {"name": "个体工商户", "kind": "ENTERPRISE"},
        {"name": "人力资源服务机构", "kind": "ENTERPRISE"},
        {"name": "用人单位", "kind": "ENTERPRISE"},
    ]
    assert len(graphql(query)["data"]["audiences"]) == 17


SERVICE_ITEMS = """
query ($filter: ServiceItemFilter, $first: Int, $after: String) {
  serviceItems(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name code webUrl miniprogramAppid miniprogramPath organization { name } } }
  }
}
"""


@pytest.mark.django_db
def test_service_items_filtered_and_paginated(graphql, site_tree, bureau):
    centre = Organization.objects.get(name="闵行区就业促进中心")
    ServiceItemFactory(
        name="失业保险金申领",
        code="310112000001",
        web_url="https://zwdt.sh.gov.cn/item/1",
        miniprogram_appid="wx1234567890abcdef",
        miniprogram_path="pages/item/index?code=310112000001",
        organization=centre,
    )
    ServiceItemFactory(name="就业补贴申领", code="310112000002", organization=bureau)
    ServiceItemFactory(name="职业技能提升补贴申领", code="310112000003")

    by_centre = graphql(SERVICE_ITEMS, {"filter": {"organization": [str(centre.pk)]}})
    assert by_centre["data"]["serviceItems"] == {
        "totalCount": 1,
        "pageInfo": {"hasNextPage": False, "endCursor": "YXJyYXljb25uZWN0aW9uOjA="},
        "edges": [
            {
                "node": {
                    "name": "失业保险金申领",
                    "code": "310112000001",
                    "webUrl": "https://zwdt.sh.gov.cn/item/1",
                    "miniprogramAppid": "wx1234567890abcdef",
                    "miniprogramPath": "pages/item/index?code=310112000001",
                    "organization": {"name": "闵行区就业促进中心"},
                }
            }
        ],
    }
    by_name = graphql(SERVICE_ITEMS, {"filter": {"name": "补贴"}})["data"]
    assert [e["node"]["name"] for e in by_name["serviceItems"]["edges"]] == [
        "就业补贴申领",
        "职业技能提升补贴申领",
    ]
    first = graphql(SERVICE_ITEMS, {"first": 2})["data"]["serviceItems"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (3, True)
    rest = graphql(SERVICE_ITEMS, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    assert len(rest["data"]["serviceItems"]["edges"]) == 1
