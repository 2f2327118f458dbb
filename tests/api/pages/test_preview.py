"""page(previewToken:) and the admin's 前端预览, through real HTTP."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from cms.home.preview import SALT, preview_token_create
from cms.policies.models import Disclosure, PolicyRelation
from cms.taxonomy.models import Topic
from tests.api.builders import other_site, restrict
from tests.factories import PolicyPageFactory

QUERY = """
query ($token: String, $site: String) {
  page(previewToken: $token, site: $site) {
    __typename title lastPublishedAt
    ... on PolicyPage { docNumber summary topics { name } }
  }
}
"""


@pytest.fixture
def policy(site_tree):
    return PolicyPageFactory(
        parent=site_tree.policies, title="已发布的标题", summary="已发布的摘要"
    )


def _draft(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()


def _error(result: dict) -> tuple[None, str, str]:
    (error,) = result["errors"]
    return result["data"]["page"], error["message"], error["extensions"]["code"]


@pytest.mark.django_db
def test_token_opens_the_draft_revision_not_the_live_page(graphql, policy):
    employment = Topic.objects.get(slug="jiuye-butie")
    policy.topics.add(employment)
    revision = _draft(policy, title="草稿标题", summary="草稿摘要")
    policy.refresh_from_db()
    assert policy.title == "已发布的标题"

    result = graphql(QUERY, {"token": preview_token_create(revision=revision)})
    assert result == {
        "data": {
            "page": {
                "__typename": "PolicyPage",
                "title": "草稿标题",
                "lastPublishedAt": None,
                "docNumber": policy.doc_number,
                "summary": "草稿摘要",
                "topics": [{"name": "就业补贴"}],
            }
        }
    }


@pytest.mark.django_db
def test_never_published_page_can_be_previewed(graphql, site_tree):
    draft = PolicyPageFactory(parent=site_tree.policies, title="新草稿", live=False)
    revision = draft.save_revision()
    page = graphql(QUERY, {"token": preview_token_create(revision=revision)})
    assert page["data"]["page"]["title"] == "新草稿"


@pytest.mark.django_db
def test_expired_tampered_and_foreign_tokens_give_null_and_a_chinese_error(
    graphql, policy, settings
):
    token = preview_token_create(revision=_draft(policy, title="草稿"))
    forged = signing.TimestampSigner(salt="another-salt").sign_object(
        {"ct": 1, "page": policy.pk, "rev": 1}
    )
    invalid = ("预览令牌无效。", "PREVIEW_TOKEN_INVALID")
    cases = {
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"): invalid,
        "not-a-token": invalid,
        forged: invalid,
        "": invalid,
    }
    for bad, (message, code) in cases.items():
        assert _error(graphql(QUERY, {"token": bad})) == (None, message, code), bad

    settings.PREVIEW_TOKEN_MAX_AGE = -1
    assert _error(graphql(QUERY, {"token": token})) == (
        None,
        "预览链接已过期，请在后台重新打开预览。",
        "PREVIEW_TOKEN_INVALID",
    )


@pytest.mark.django_db
def test_token_names_one_revision_of_one_page(graphql, policy, site_tree):
    revision = _draft(policy, title="草稿")
    other = PolicyPageFactory(parent=site_tree.policies)
    # Signed correctly, but the revision belongs to another page.
    mismatched = signing.TimestampSigner(salt=SALT).sign_object(
        {"ct": revision.content_type_id, "page": other.pk, "rev": revision.pk},
        compress=True,
    )
    assert _error(graphql(QUERY, {"token": mismatched}))[1] == "要预览的版本已不存在。"
    token = preview_token_create(revision=revision)
    revision.delete()
    assert _error(graphql(QUERY, {"token": token}))[1] == "要预览的版本已不存在。"


@pytest.mark.django_db
def test_non_public_private_and_other_site_pages_are_never_previewed(
    graphql, site_tree
):
    on_application = PolicyPageFactory(
        parent=site_tree.policies,
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    private = PolicyPageFactory(parent=site_tree.policies)
    restrict(private)
    elsewhere = PolicyPageFactory(parent=other_site().policies)
    cases = [
        (on_application, None, "依申请公开、不予公开的信息不能在前端预览。"),
        (private, None, "设有访问限制的页面不能在前端预览。"),
        (elsewhere, None, "要预览的页面不属于所请求的站点。"),
    ]
    for page, site, message in cases:
        token = preview_token_create(revision=page.save_revision())
        result = graphql(QUERY, {"token": token, "site": site})
        assert _error(result) == (None, message, "PREVIEW_TOKEN_INVALID")
    # The other site's page previews when its own site asks.
    token = preview_token_create(revision=elsewhere.save_revision())
    result = graphql(QUERY, {"token": token, "site": "b.example.gov.cn"})
    assert result["data"]["page"]["title"] == elsewhere.title


@pytest.mark.django_db
def test_admin_preview_opens_the_api_preview_by_default(client, superuser, policy):
    _draft(policy, title="草稿标题")
    client.force_login(superuser)
    response = client.get(f"/admin/preview-token/{policy.pk}/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == "/graphql/"
    params = parse_qs(url.query)
    variables = json.loads(params["variables"][0])
    assert variables["site"] == "127.0.0.1:8000"
    client.logout()
    # The link works for whoever holds it (the frontend), not only the editor.
    preview = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert preview.json()["data"]["page"]["title"] == "草稿标题"


@pytest.mark.django_db
def test_admin_preview_opens_the_configured_frontend(
    client, superuser, policy, settings, graphql
):
    settings.FRONTEND_PREVIEW_URL = "https://www.example.gov.cn/preview?channel=web"
    _draft(policy, title="草稿标题")
    client.force_login(superuser)
    response = client.get(f"/admin/preview-token/{policy.pk}/")
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://www.example.gov.cn/preview"
    )
    params = parse_qs(url.query)
    assert params["channel"] == ["web"]
    result = graphql(QUERY, {"token": params["token"][0]})
    assert result["data"]["page"]["title"] == "草稿标题"


@pytest.mark.django_db
def test_admin_preview_refuses_what_may_not_leave_the_admin(
    client, superuser, site_tree
):
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    hidden.save_revision()
    client.force_login(superuser)
    response = client.get(f"/admin/preview-token/{hidden.pk}/", follow=True)
    assert response.redirect_chain[0][0] == f"/admin/pages/{hidden.pk}/edit/"
    assert "依申请公开、不予公开的信息不能在前端预览。" in response.content.decode()


@pytest.mark.django_db
def test_admin_preview_needs_an_editor(client, policy):
    response = client.get(f"/admin/preview-token/{policy.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_editor_sees_the_preview_button(client, superuser, policy):
    policy.save_revision()
    client.force_login(superuser)
    page = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert f'href="/admin/preview-token/{policy.pk}/"' in page
    assert "前端预览" in page


@pytest.mark.django_db
def test_draft_links_resolve_from_the_revision_and_stay_public_only(
    graphql, policy, site_tree
):
    earlier = PolicyPageFactory(parent=site_tree.policies, title="被修订的旧办法")
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        title="不予公开的旧办法",
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    # Relations edited in the draft live only in the revision until it is published.
    policy.relations.add(PolicyRelation(target=earlier), PolicyRelation(target=hidden))
    revision = policy.save_revision()
    assert not PolicyRelation.objects.filter(page=policy).exists()
    query = """
    query ($token: String) {
      page(previewToken: $token) { ... on PolicyPage { amends { title } } }
    }"""
    result = graphql(query, {"token": preview_token_create(revision=revision)})
    assert result == {"data": {"page": {"amends": [{"title": "被修订的旧办法"}]}}}


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["later revision", "stored page"])
def test_token_of_a_page_reclassified_since_is_refused(graphql, client, policy, where):
    """A token names a 主动公开 revision; the page has since become 依申请公开."""
    token = preview_token_create(revision=_draft(policy, title="公开时的草稿"))
    assert graphql(QUERY, {"token": token})["data"]["page"]["title"] == "公开时的草稿"
    changes = {
        "disclosure": Disclosure.ON_APPLICATION,
        "disclosure_basis": "条例第十六条",
    }
    if where == "later revision":
        _draft(policy, **changes)
    else:
        type(policy).objects.filter(pk=policy.pk).update(**changes)
    assert _error(graphql(QUERY, {"token": token})) == (
        None,
        "依申请公开、不予公开的信息不能在前端预览。",
        "PREVIEW_TOKEN_INVALID",
    )
    # Nor may anyone without the admin open Wagtail's own preview.
    preview = client.get(f"/admin/pages/{policy.pk}/edit/preview/")
    assert preview.status_code == 302
    assert preview["Location"].startswith("/admin/login/")
