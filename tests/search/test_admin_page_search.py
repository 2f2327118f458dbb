"""Editors find every page in the admin, drafts and 依申请公开 documents included,
although the search index holds only public pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.policies.models import Disclosure
from search.engine import search_pages

KEYWORD = "职业技能竞赛"


@pytest.fixture
def pages(make_policy):
    public = make_policy(title=f"关于举办2026年{KEYWORD}的通知")
    draft = make_policy(title=f"关于{KEYWORD}奖励办法（征求意见稿）", live=False)
    on_application = make_policy(
        title=f"{KEYWORD}经费安排的内部请示",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    make_policy(title="关于调整失业保险金标准的通知")
    return {"public": public, "draft": draft, "on_application": on_application}


def _titles(response) -> set[str]:
    return {page.title for page in response.context["pages"]}


@pytest.mark.django_db
def test_admin_page_search_finds_drafts_and_pages_not_publicly_disclosed(
    client, superuser, pages, site
):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": KEYWORD})
    assert response.status_code == 200
    assert _titles(response) == {page.title for page in pages.values()}

    # The public search still finds only the public one.
    public = search_pages(query=KEYWORD, site=site)
    assert [hit.page.pk for hit in public.hits] == [pages["public"].pk]


@pytest.mark.django_db
def test_admin_page_search_matches_part_of_a_word_and_puts_recent_edits_first(
    client, superuser, pages
):
    client.force_login(superuser)
    draft = pages["draft"]
    draft.save_revision(user=superuser)  # the most recently edited page
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "技能竞"})
    listed = list(response.context["pages"])
    assert listed[0].pk == draft.pk
    assert {page.title for page in listed} == {page.title for page in pages.values()}

    nothing = client.get(reverse("wagtailadmin_pages:search"), {"q": "不存在的标题"})
    assert list(nothing.context["pages"]) == []


@pytest.mark.django_db
def test_page_chooser_search_offers_drafts_for_internal_links(client, superuser, pages):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": KEYWORD})
    assert response.status_code == 200
    assert pages["draft"].title in response.content.decode()
