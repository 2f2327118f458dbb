"""A live policy re-classified through review as 依申请公开 or 不予公开 is withdrawn.

Through the real workflow: the editor changes the 公开属性 in the admin and submits,
the reviewers approve every step over HTTP. The old public version must not stay
live: the page is unpublished (live revision gone, logged), the HTML site and the
API (including its response cache) stop showing it, the search index drops it, and
its attachments stop downloading.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from modelsearch.conf import get_app_config
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry

from cms.policies.models import Disclosure, PolicyAttachment, PolicyPage
from cms.review.models import ReviewKind
from search.matchers import page_content_type_ids

from .conftest import policy_edit_form_data
from .test_workflow import review_fully

pytestmark = pytest.mark.django_db

TITLE = "关于调整工伤保险待遇标准的通知"
BASIS = "《中华人民共和国政府信息公开条例》第十六条"
QUERY = """query ($path: String) {
  page(urlPath: $path) { title }
  policies(first: 10) { edges { node { title } } }
}"""


@pytest.fixture(autouse=True)
def _response_cache(settings, tmp_path):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 300
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "graphql.generation"


def api(client, path: str):
    import json

    return client.get(
        "/graphql/", {"query": QUERY, "variables": json.dumps({"path": path})}
    )


def indexed(page) -> bool:
    entries = get_app_config().get_model("IndexEntry").objects
    return entries.filter(
        object_id=str(page.pk), content_type_id__in=page_content_type_ids()
    ).exists()


@pytest.fixture
def live_policy(make_policy, reviewers, employment_editor, client):
    """A 主动公开 policy with an attachment, published through review."""
    policy = make_policy(title=TITLE, slug="gongshang")
    document = get_document_model()(
        title="待遇标准表", file=ContentFile(b"%PDF-1.4 table", name="biao.pdf")
    )
    document.save()
    PolicyAttachment.objects.create(page=policy, document=document)
    policy.save_revision(user=employment_editor)
    policy.get_workflow().start(policy, employment_editor)
    review_fully(client, reviewers, policy)
    policy.refresh_from_db()
    assert policy.live and policy.disclosure == Disclosure.PUBLIC
    client.logout()
    return policy, document


@pytest.mark.parametrize(
    "disclosure", [Disclosure.ON_APPLICATION, Disclosure.NOT_PUBLIC]
)
def test_reclassified_policy_is_withdrawn_everywhere(
    client, live_policy, reviewers, employment_editor, disclosure
):
    policy, document = live_policy
    path = policy.url
    assert client.get(path).status_code == 200
    assert client.get(document.url).status_code == 200
    assert indexed(policy)
    api(client, path)
    cached = api(client, path)
    assert cached["X-GraphQL-Cache"] == "HIT"
    assert cached.json()["data"]["page"] == {"title": TITLE}

    # The editor re-classifies the policy in the admin and submits it for review.
    client.force_login(employment_editor)
    data = policy_edit_form_data(
        PolicyPage.objects.get(pk=policy.pk),
        disclosure=disclosure,
        disclosure_basis=BASIS,
        attachments=None,
    )
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "attachments-0-id": str(policy.attachments.get().pk),
            "attachments-0-document": str(document.pk),
            "attachments-0-title": "",
            "attachments-0-ORDER": "1",
            "attachments-0-DELETE": "",
            "action-submit": "action-submit",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(policy.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    # Until the review decides, the public version stays.
    assert PolicyPage.objects.get(pk=policy.pk).live
    client.logout()

    review_fully(client, reviewers, policy)
    client.logout()

    policy = PolicyPage.objects.get(pk=policy.pk)
    assert not policy.live
    assert policy.live_revision is None
    # The stored page carries the approved 公开属性, for lists and reports.
    assert (policy.disclosure, policy.disclosure_basis) == (disclosure, BASIS)
    actions = list(
        PageLogEntry.objects.filter(page=policy)
        .order_by("-timestamp", "-pk")
        .values_list("action", flat=True)[:2]
    )
    assert set(actions) == {"wagtail.unpublish", "cms.review.reclassified"}
    entry = PageLogEntry.objects.get(page=policy, action="cms.review.reclassified")
    # Recorded against the reviewer whose approval finished the review.
    assert entry.user == reviewers[ReviewKind.DISCLOSURE]
    assert "原公开版本已撤下" in entry.message

    assert client.get(path).status_code == 404
    assert client.get(document.url).status_code == 404
    assert not indexed(policy)
    after = api(client, path)
    assert after["X-GraphQL-Cache"] == "MISS"
    assert after.json()["data"] == {"page": None, "policies": {"edges": []}}


def test_a_draft_reclassified_by_review_stays_unpublished(
    client, make_policy, reviewers, employment_editor
):
    """Not live before: nothing to withdraw, recorded as withheld as before."""
    policy = make_policy(disclosure=Disclosure.ON_APPLICATION, disclosure_basis=BASIS)
    policy.get_workflow().start(policy, employment_editor)
    review_fully(client, reviewers, policy)
    policy.refresh_from_db()
    assert not policy.live
    assert PageLogEntry.objects.filter(
        page=policy, action="cms.review.withheld"
    ).exists()
    assert not PageLogEntry.objects.filter(
        page=policy, action="wagtail.unpublish"
    ).exists()
