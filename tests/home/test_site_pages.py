"""The plain site pages render, for editors' preview and for a quick look without a frontend."""

from __future__ import annotations

import pytest

from cms.policies.models import Disclosure
from tests.factories import InterpretationPageFactory, PolicyPageFactory


@pytest.mark.django_db
def test_live_pages_render_and_index_lists_only_public_live_children(
    client, site_tree, bureau
):
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="关于调整失业保险金标准的通知",
    )
    draft = PolicyPageFactory(
        parent=site_tree.policies, live=False, title="尚未发布的草稿"
    )
    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        live=False,
        title="依申请公开的文件",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    InterpretationPageFactory(parent=site_tree.interpretations, policies=[policy])

    home = client.get("/")
    assert home.status_code == 200
    assert "政策文件库" in home.content.decode()

    listing = client.get(site_tree.policies.url).content.decode()
    assert policy.title in listing
    assert draft.title not in listing
    assert withheld.title not in listing

    detail = client.get(policy.url)
    body = detail.content.decode()
    assert detail.status_code == 200
    assert (
        policy.index_number in body
        and "有效" in body
        and "闵行区人力资源和社会保障局" in body
    )
    assert client.get(site_tree.interpretations.url).status_code == 200
    assert client.get(draft.url or "/home/zhengce/draft/").status_code == 404


@pytest.mark.django_db
def test_admin_policy_listing_shows_record_columns(
    client, site_tree, bureau, superuser
):
    policy = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], doc_number="闵人社发〔2025〕19号"
    )
    client.force_login(superuser)
    response = client.get("/admin/policies/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "发文字号",
        "索引号",
        "有效性",
        "闵人社发〔2025〕19号",
        policy.index_number,
    ):
        assert text in body
    filtered = client.get(
        "/admin/policies/", {"disclosure": "not_public"}
    ).content.decode()
    assert policy.index_number not in filtered
