"""Documents leave the CMS only through Wagtail's document view, and only when public.

Public: not in a restricted collection, and used by live 主动公开 content. Editors
and reviewers may download any document; nobody downloads a stored file by its path.
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from cms.policies.models import Disclosure, PolicyAttachment

from .conftest import PASSWORD, download

pytestmark = pytest.mark.django_db


def test_stored_document_files_are_never_served_by_their_path(
    client, files, attach, superuser
):
    public = files.document("公开的附件", "gongkai.pdf")
    secret = files.document("内部资料", "neibu.pdf", restricted=True)
    attach(public, secret)
    assert download(client, public.url).status_code == 200
    for document in (public, secret):
        assert document.file.url == f"/media/{document.file.name}"
        assert client.get(document.file.url).status_code == 404
    # Not even for a superuser: the document view is the one way, for everyone.
    client.force_login(superuser)
    assert client.get(public.file.url).status_code == 404
    assert client.get("/media/documents/").status_code == 404


def test_document_of_a_public_policy_downloads_through_the_document_view(
    client, files, attach
):
    document = files.document("申请表", "shenqingbiao.pdf")
    attach(document)
    response = download(client, f"/documents/{document.pk}/shenqingbiao.pdf")
    assert response.status_code == 200
    assert response.content_bytes == document.file.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    # Shared caches must ask again: the document may stop being public.
    assert response["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize(
    "attached_to",
    [
        {"disclosure": Disclosure.NOT_PUBLIC},
        {"disclosure": Disclosure.ON_APPLICATION},
        {"live": False},
    ],
    ids=["不予公开", "依申请公开", "draft"],
)
def test_document_only_non_public_content_uses_is_not_found(
    client, files, attach, attached_to
):
    document = files.document("内部报告", "baogao.pdf")
    # The factory stores a 不予公开 or 依申请公开 policy with live=True: the row says
    # live, the 公开属性 decides.
    attach(document, **attached_to)
    response = download(client, document.url)
    assert response.status_code == 404
    assert document.file.open("rb").read() not in response.content_bytes


def test_unused_document_is_not_found(client, files):
    document = files.document("刚上传的文件", "xin.pdf")
    assert client.get(document.url).status_code == 404


def test_document_added_only_in_a_draft_of_a_live_policy_is_not_found(
    client, files, attach
):
    policy = attach()
    document = files.document("草稿里的附件", "caogao.pdf")
    policy.attachments.add(PolicyAttachment(document=document))
    policy.save_revision()
    assert client.get(document.url).status_code == 404
    # Published, it is public; unpublished, it is not any more.
    policy.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200
    policy.refresh_from_db()
    policy.unpublish()
    assert client.get(document.url).status_code == 404


def test_a_document_used_by_public_and_non_public_content_is_public(
    client, files, attach
):
    document = files.document("共用附件", "gongyong.pdf")
    attach(document, disclosure=Disclosure.NOT_PUBLIC)
    assert client.get(document.url).status_code == 404
    attach(document)
    assert client.get(document.url).status_code == 200


def test_restricted_collection_needs_its_password_and_public_use(client, files, attach):
    unused = files.document("未使用的内部资料", "weishiyong.pdf", restricted=True)
    used = files.document("内部资料", "neibu.pdf", restricted=True)
    attach(used)
    # Not used by anything public: nothing tells it exists, password or not.
    assert client.get(unused.url).status_code == 404
    form = client.get(used.url)
    assert form.status_code == 200
    assert form["Content-Type"].startswith("text/html")
    assert used.file.open("rb").read() not in form.content
    action = f"/documents/authenticate_with_password/{used.collection.get_view_restrictions().get().pk}/"
    client.post(action, {"password": PASSWORD, "return_url": used.url})
    answered = download(client, used.url)
    assert answered.status_code == 200
    assert answered.content_bytes == used.file.open("rb").read()
    # What a password opens is not for shared caches.
    assert answered["Cache-Control"] == "private, no-store"
    assert client.get(unused.url).status_code == 404


def test_editors_and_reviewers_download_any_document(
    client, files, attach, editor, reviewer, django_user_model
):
    document = files.document("不予公开的附件", "buyu.pdf")
    attach(document, disclosure=Disclosure.NOT_PUBLIC)
    for user in (editor, reviewer):
        client.force_login(user)
        response = download(client, document.url)
        assert response.status_code == 200, user.username
        assert response.content_bytes == document.file.open("rb").read()
        assert response["Cache-Control"] == "private, no-store"
    # Signed in, but no admin access and no document permission: like anyone.
    outsider = django_user_model.objects.create_user("outsider", password="pw-123456")
    client.force_login(outsider)
    assert client.get(document.url).status_code == 404


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
def test_attachments_download_as_soon_as_the_policy_is_published(client, files, attach):
    """With the database task backend (production) Wagtail's reference index is
    updated whenever the worker runs; publishing does not wait for it."""
    policy = attach(live=False)
    document = files.document("新附件", "xinfujian.pdf")
    policy.attachments.add(PolicyAttachment(document=document))
    revision = policy.save_revision()
    revision.publish()
    assert client.get(document.url).status_code == 200


def test_graphql_keeps_restricted_documents_out(graphql, files, attach):
    public = files.document("公开的附件", "gongkai.pdf")
    secret = files.document("内部资料", "neibu.pdf", restricted=True)
    policy = attach(public, secret)
    result = graphql(
        "query ($id: ID) { page(id: $id) { ... on PolicyPage {"
        " attachments { document { id url } } } } }",
        {"id": str(policy.pk)},
    )
    assert result == {
        "data": {
            "page": {
                "attachments": [
                    {
                        "document": {
                            "id": str(public.pk),
                            "url": f"http://testserver/documents/{public.pk}/gongkai.pdf",
                        }
                    }
                ]
            }
        }
    }


PREVIEW = """
query ($token: String) {
  page(previewToken: $token) {
    ... on PolicyPage { attachments { title document { id url } } }
  }
}
"""


def test_preview_shows_a_drafts_new_documents_only_to_editors(
    client, graphql, files, attach, editor
):
    from cms.home.preview import preview_token_create

    published = files.document("已发布的附件", "yifabu.pdf")
    policy = attach(published)
    new = files.document("草稿新增的附件", "xinzeng.pdf")
    policy.attachments.add(PolicyAttachment(document=new, title="新附件", sort_order=1))
    token = preview_token_create(revision=policy.save_revision())

    def attached() -> list[str]:
        result = graphql(PREVIEW, {"token": token})
        return [
            item["document"]["id"] for item in result["data"]["page"]["attachments"]
        ]

    # The token opens the draft for anyone who holds it; not the draft's files,
    # which the document view would refuse them anyway.
    assert attached() == [str(published.pk)]
    assert client.get(new.url).status_code == 404
    client.force_login(editor)
    assert attached() == [str(published.pk), str(new.pk)]
    assert client.get(new.url).status_code == 200
