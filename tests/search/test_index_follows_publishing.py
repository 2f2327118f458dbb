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
def test_a_privacy_change_in_the_admin_reindexes_the_whole_section(
    make_policy, site, site_tree, client, superuser, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    policy = make_policy(title=TITLE)
    other = make_policy(title="关于失业保险金申领的补充通知")
    client.force_login(superuser)
    privacy = reverse("wagtailadmin_pages:set_privacy", args=[site_tree.policies.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            privacy, {"restriction_type": "password", "password": "neibu-2026"}
        )
    assert response.status_code == 200
    assert not indexed(policy) and not indexed(other)
    assert found(site) == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(privacy, {"restriction_type": "none"})
    assert indexed(policy) and indexed(other)
    assert set(found(site)) == {policy, other}


@pytest.mark.django_db
def test_a_restriction_hides_the_page_at_once_even_before_the_index_catches_up(
    make_policy, site
):
    policy = make_policy(title=TITLE)
    restrict(policy)  # inside the test's transaction: no on-commit reindex yet
    assert indexed(policy)
    assert found(site) == []  # the query-time scope hides it anyway


@pytest.mark.django_db
def test_a_failing_backend_does_not_stop_the_section_reindex(
    make_policy, site, settings, caplog
):
    from search.services import reindex_section

    policy = make_policy(title=TITLE)
    restrict(policy)
    settings.WAGTAILSEARCH_BACKENDS = {
        "broken": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": ["http://127.0.0.1:9"],
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
        "default": {"BACKEND": "search.backends.database"},
    }
    assert reindex_section(page_id=policy.pk) == 1
    assert not indexed(policy)
    assert "backend broken could not update the section" in caplog.text


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
