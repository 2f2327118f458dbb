"""The index follows publishing at once, and holds only public pages."""

from __future__ import annotations

import pytest
from modelsearch.conf import get_app_config

from cms.policies.models import Disclosure
from search.engine import search_pages
from tests.api.builders import other_site, restrict

TITLE = "关于调整失业保险金标准的通知"


def indexed(page) -> bool:
    from search.matchers import page_content_type_ids

    IndexEntry = get_app_config().get_model("IndexEntry")
    return IndexEntry.objects.filter(
        object_id=str(page.pk), content_type_id__in=page_content_type_ids()
    ).exists()


def found(site, query: str = "失业金") -> list:
    return [hit.page for hit in search_pages(query=query, site=site).hits]


@pytest.mark.django_db
def test_publish_and_unpublish(make_policy, site):
    policy = make_policy(title=TITLE, live=False)
    assert not indexed(policy)
    assert found(site) == []

    policy.save_revision().publish()
    policy.refresh_from_db()
    assert indexed(policy)
    assert found(site) == [policy]

    policy.unpublish()
    assert not indexed(policy)
    assert found(site) == []


@pytest.mark.django_db
def test_a_published_edit_is_searchable_at_once(make_policy, site):
    policy = make_policy(title="关于开展养老护理员培训的通知")
    assert found(site) == []
    policy.title = TITLE
    policy.save_revision().publish()
    assert found(site) == [policy]
    assert found(site, "护理员") == []


@pytest.mark.django_db
def test_delete(make_policy, site):
    policy = make_policy(title=TITLE)
    assert indexed(policy)
    policy.delete()
    assert not indexed(policy)
    assert found(site) == []


@pytest.mark.django_db
def test_move_to_another_site(make_policy, site):
    policy = make_policy(title=TITLE)
    other = other_site()
    policy.move(other.policies, pos="last-child")
    assert found(site) == []
    assert found(other.site) == [policy.specific_class.objects.get(pk=policy.pk)]


@pytest.mark.django_db
def test_move_under_a_restricted_section_hides_it(make_policy, site, site_tree):
    from cms.policies.models import PolicyIndexPage

    policy = make_policy(title=TITLE)
    private = PolicyIndexPage(title="内部政策", slug="neibu", intro="")
    site_tree.home.add_child(instance=private)
    restrict(private)
    policy.move(private, pos="last-child")
    assert not indexed(policy)
    assert found(site) == []


@pytest.mark.django_db
def test_not_public_policies_are_never_indexed(make_policy, site):
    on_application = make_policy(
        title=TITLE,
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    assert not indexed(on_application)
    assert found(site) == []


@pytest.mark.django_db
def test_view_restricted_pages_are_not_returned(make_policy, site):
    policy = make_policy(title=TITLE)
    restrict(policy)
    # The restriction does not save the page; the query-time scope hides it anyway.
    assert found(site) == []
    policy.save_revision().publish()
    assert not indexed(policy)


@pytest.mark.django_db
def test_rebuild_command_shows_progress(make_policy, site):
    from io import StringIO

    from django.core.management import call_command

    IndexEntry = get_app_config().get_model("IndexEntry")
    policy = make_policy(title=TITLE)
    draft = make_policy(title="草稿：失业保险金", live=False)
    IndexEntry.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    output = out.getvalue()
    assert "policies.PolicyPage" in output
    assert "已重建索引" in output
    assert indexed(policy)
    assert not indexed(draft)
    assert found(site) == [policy]
