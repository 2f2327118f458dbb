"""redirects(site:) and redirect(path:) through real HTTP."""

from __future__ import annotations

import pytest

from cms.policies.models import Disclosure
from tests.api.builders import other_site
from tests.factories import PolicyPageFactory
from tests.factories.records import RedirectFactory

LIST = """
query ($site: String) {
  redirects(site: $site) {
    totalCount
    edges { node { oldPath isPermanent newUrl page { __typename title urlPath } } }
  }
}
"""

ONE = """
query ($path: String!, $site: String) {
  redirect(path: $path, site: $site) { oldPath newUrl page { title } }
}
"""


@pytest.fixture
def redirects(site_tree):
    site = site_tree.home.get_site()
    policy = PolicyPageFactory(
        parent=site_tree.policies, title="就业补贴办法", slug="jiuye-butie"
    )
    draft = PolicyPageFactory(parent=site_tree.policies, title="草稿", live=False)
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        title="依申请公开",
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    other = other_site()
    RedirectFactory(old_path="/old/subsidy", redirect_page=policy)
    RedirectFactory(
        old_path="/old/search?q=1", redirect_page=policy, is_permanent=False
    )
    RedirectFactory(
        old_path="/gov", site=site, redirect_link="https://www.shmh.gov.cn/"
    )
    # Site-specific wins over site-ambivalent for the same path.
    RedirectFactory(old_path="/gov", redirect_link="https://example.com/")
    for page in (draft, hidden):
        RedirectFactory(old_path=f"/old/{page.pk}", redirect_page=page)
    RedirectFactory(
        old_path="/other-only", site=other.site, redirect_link="https://b.example/"
    )
    return policy


@pytest.mark.django_db
def test_list_leads_only_to_public_pages_or_links(graphql, redirects):
    page = {
        "__typename": "PolicyPage",
        "title": "就业补贴办法",
        "urlPath": "/zhengce/jiuye-butie/",
    }
    assert graphql(LIST) == {
        "data": {
            "redirects": {
                "totalCount": 3,
                "edges": [
                    {
                        "node": {
                            "oldPath": "/gov",
                            "isPermanent": True,
                            "newUrl": "https://www.shmh.gov.cn/",
                            "page": None,
                        }
                    },
                    {
                        "node": {
                            "oldPath": "/old/search?q=1",
                            "isPermanent": False,
                            "newUrl": "http://127.0.0.1:8000/zhengce/jiuye-butie/",
                            "page": page,
                        }
                    },
                    {
                        "node": {
                            "oldPath": "/old/subsidy",
                            "isPermanent": True,
                            "newUrl": "http://127.0.0.1:8000/zhengce/jiuye-butie/",
                            "page": page,
                        }
                    },
                ],
            }
        }
    }
    # From the other site: its own redirect and the site-ambivalent link; the
    # ambivalent ones to the first site's policy lead to another site's page.
    other = graphql(LIST, {"site": "b.example.gov.cn"})["data"]["redirects"]
    assert [(e["node"]["oldPath"], e["node"]["newUrl"]) for e in other["edges"]] == [
        ("/gov", "https://example.com/"),
        ("/other-only", "https://b.example/"),
    ]


@pytest.mark.django_db
def test_single_redirect_by_any_spelling_of_the_path(graphql, redirects):
    expected = {
        "oldPath": "/old/subsidy",
        "newUrl": "http://127.0.0.1:8000/zhengce/jiuye-butie/",
        "page": {"title": "就业补贴办法"},
    }
    for path in ("/old/subsidy", "/old/subsidy/", "old/subsidy", "/old/subsidy?x=2"):
        assert graphql(ONE, {"path": path})["data"]["redirect"] == expected, path
    assert graphql(ONE, {"path": "/old/search?q=1"})["data"]["redirect"]["oldPath"] == (
        "/old/search?q=1"
    )
    assert graphql(ONE, {"path": "/gov"})["data"]["redirect"]["newUrl"] == (
        "https://www.shmh.gov.cn/"
    )
    for path in ("/nowhere", "/other-only"):
        assert graphql(ONE, {"path": path})["data"]["redirect"] is None, path
    # A control character is refused before the query runs, naming the argument.
    refused = graphql(ONE, {"path": "/old/\0"})
    assert refused.get("data") is None
    assert "path" in refused["errors"][0]["message"]
