from __future__ import annotations

import pytest

from cms.catalog.models import CatalogItem
from tests.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

QUERY = """
query ($area: DisclosureCatalogArea) {
  disclosureCatalog(area: $area) {
    level1 level2 level3 isLocal elements basis
    timeLimit { kind workingDays text }
    subject channels forPublic forSpecificGroups proactive onApplication
    districtLevel townLevel department hasContent contentCount urlPath
  }
}
"""


def test_the_catalog_lists_listed_items_with_their_status(
    graphql, site_tree, bureau, django_assert_max_num_queries
):
    PolicyPageFactory(parent=site_tree.policies, issuers=[bureau], is_normative=True)
    CatalogItem.objects.filter(path="就业信息服务 › 求职信息登记").update(
        is_listed=False
    )
    with django_assert_max_num_queries(16):
        result = graphql(QUERY, {"area": "OTHER"})
    assert result == {
        "data": {
            "disclosureCatalog": [
                {
                    "level1": "政策文件及解读",
                    "level2": "规范性文件",
                    "level3": None,
                    "isLocal": True,
                    "elements": [
                        "文件名称",
                        "发文字号",
                        "成文日期",
                        "发布日期",
                        "有效性",
                        "政策解读",
                    ],
                    "basis": [
                        "《中华人民共和国政府信息公开条例》（中华人民共和国国务院令第711号）",
                        "《上海市行政规范性文件管理规定》",
                    ],
                    "timeLimit": {
                        "kind": "FORMED",
                        "workingDays": 20,
                        "text": "信息形成或变更之日起20个工作日内公开",
                    },
                    "subject": "闵行区人力资源和社会保障局",
                    "channels": ["WEBSITE", "SERVICE_CENTER", "OTHER"],
                    "forPublic": True,
                    "forSpecificGroups": False,
                    "proactive": True,
                    "onApplication": False,
                    "districtLevel": True,
                    "townLevel": False,
                    "department": "办公室",
                    "hasContent": True,
                    "contentCount": 1,
                    "urlPath": None,
                },
                {
                    "level1": "政民互动",
                    "level2": "网上咨询答复选登",
                    "level3": None,
                    "isLocal": True,
                    "elements": [
                        "咨询标题",
                        "咨询内容",
                        "答复内容",
                        "答复单位",
                        "答复时间",
                    ],
                    "basis": [
                        "《中华人民共和国政府信息公开条例》（中华人民共和国国务院令第711号）"
                    ],
                    "timeLimit": {
                        "kind": "FORMED",
                        "workingDays": 20,
                        "text": "信息形成或变更之日起20个工作日内公开",
                    },
                    "subject": "闵行区人力资源和社会保障局",
                    "channels": ["WEBSITE", "SERVICE_CENTER", "OTHER"],
                    "forPublic": True,
                    "forSpecificGroups": False,
                    "proactive": True,
                    "onApplication": False,
                    "districtLevel": True,
                    "townLevel": False,
                    "department": "办公室",
                    "hasContent": False,
                    "contentCount": 0,
                    "urlPath": "/zixun/",
                },
            ]
        }
    }
    employment = graphql(QUERY, {"area": "EMPLOYMENT"})["data"]["disclosureCatalog"]
    assert [row["level2"] for row in employment] == [
        "就业政策法规咨询",
        "岗位信息发布",
        "就业创业政策清单",
    ]
    assert employment[0]["urlPath"] == "/zhengce/"
    assert (employment[0]["hasContent"], employment[0]["contentCount"]) == (True, 1)


def test_the_catalog_query_count_does_not_grow_with_items(
    graphql, site_tree, django_assert_max_num_queries
):
    for number in range(30):
        CatalogItem.objects.create(
            level1="就业信息服务", level2=f"本局事项{number}", source="local"
        )
    with django_assert_max_num_queries(16):
        result = graphql("{ disclosureCatalog { level2 hasContent } }")
    assert len(result["data"]["disclosureCatalog"]) == CatalogItem.objects.count()
