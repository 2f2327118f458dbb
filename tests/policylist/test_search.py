"""Policy-list items in the public search: found by their text, public only while
published and their policy is public; the result links to the policy's page."""

from __future__ import annotations

import pytest

SEARCH = """
query ($q: String!) {
  search(query: $q, filter: {contentType: [POLICY_LIST_ITEM]}) {
    totalCount
    edges { node {
      contentType title urlPath
      record { __typename ... on PolicyListItem { title benefit { text } } }
    } }
  }
}
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def test_items_are_found_while_public(
    graphql, policy, make_item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(
            "一次性创业补贴",
            scope="在本区首次创办小微企业的高校毕业生",
            benefit_text="一次性创业补贴 5000 元",
        )
        make_item("创业担保贷款贴息", scope="小微企业", published=False)
    body = graphql(SEARCH, {"q": "创办小微企业"})
    assert body["data"]["search"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "contentType": "POLICY_LIST_ITEM",
                    "title": "一次性创业补贴",
                    "urlPath": f"{policy.url}#policy-list-item-{item.pk}",
                    "record": {
                        "__typename": "PolicyListItem",
                        "title": "一次性创业补贴",
                        "benefit": {"text": "一次性创业补贴 5000 元"},
                    },
                }
            }
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        item.published = False
        item.save()
    assert graphql(SEARCH, {"q": "创办小微企业"})["data"]["search"]["totalCount"] == 0
