"""Reads kept between requests (optimizer plans, view restrictions, the site) are
read again as soon as what they depend on changes, and never answer otherwise.

Every query here runs twice before the change, so the second answer comes from
what was kept; the response cache is off, so each answer is worked out anew.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.interpretations.models import InterpretationPage
from tests.api.builders import restrict
from tests.factories import InterpretationPageFactory, PolicyPageFactory

LIST = """
{ policies(first: 10) { edges { node { title interpretations { title } } } } }
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def _listed(graphql) -> dict[str, list[str]]:
    result = graphql(LIST)
    assert "errors" not in result, result["errors"]
    return {
        edge["node"]["title"]: [i["title"] for i in edge["node"]["interpretations"]]
        for edge in result["data"]["policies"]["edges"]
    }


@pytest.fixture
def policy(site_tree):
    policy = PolicyPageFactory(parent=site_tree.policies, title="就业补贴办法")
    InterpretationPageFactory(
        parent=site_tree.interpretations, title="图解就业补贴", policies=[policy]
    )
    return policy


@pytest.mark.django_db
def test_a_new_view_restriction_hides_pages_at_once(graphql, site_tree, policy):
    assert _listed(graphql) == _listed(graphql) == {"就业补贴办法": ["图解就业补贴"]}

    restriction = restrict(site_tree.interpretations)
    assert _listed(graphql) == {"就业补贴办法": []}
    restrict(policy)
    assert _listed(graphql) == {}

    restriction.delete()
    policy.get_view_restrictions().delete()
    assert _listed(graphql) == {"就业补贴办法": ["图解就业补贴"]}


@pytest.mark.django_db
def test_a_linked_page_past_its_offline_time_drops_out_without_any_save(
    graphql, policy
):
    assert _listed(graphql) == _listed(graphql) == {"就业补贴办法": ["图解就业补贴"]}
    # 下线时间 comes now, after the plan was made; update() fires no signal, as the
    # clock passing 下线时间 fires none.
    InterpretationPage.objects.filter(title="图解就业补贴").update(
        expire_at=timezone.now()
    )
    assert _listed(graphql) == {"就业补贴办法": []}


@pytest.mark.django_db
def test_a_changed_site_is_read_again(graphql, site_tree, policy):
    assert _listed(graphql) == {"就业补贴办法": ["图解就业补贴"]}
    site = Site.objects.get(is_default_site=True)
    site.root_page = site_tree.policies
    site.save()
    # The interpretations are outside the new site root: they are not shown.
    assert _listed(graphql) == {"就业补贴办法": []}
