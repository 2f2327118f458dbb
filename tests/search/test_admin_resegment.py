"""The admin's 重建搜索索引 action re-segments the index with the current dictionary."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_resegment_from_the_admin(client, superuser, make_policy, site):
    from search.engine import search_pages
    from search.models import DictionaryTerm

    policy = make_policy(title="关于建设零工驿站的通知")
    DictionaryTerm.objects.create(word="零工驿站")
    client.force_login(superuser)
    url = reverse("search_resegment")
    page = client.get(url)
    assert page.status_code == 200
    assert "搜索词典共 1 个自定义词条" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    # The index now holds 零工驿站 as one word: the query finds it by that word.
    assert [hit.page for hit in search_pages(query="零工驿站", site=site).hits] == [
        policy
    ]


@pytest.mark.django_db
def test_resegment_needs_the_dictionary_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="ed", password="pw-ed-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's admin turns the refusal into a redirect to the dashboard.
    for response in (
        client.get(reverse("search_resegment")),
        client.post(reverse("search_resegment")),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
