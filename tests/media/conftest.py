"""Files in collections, pages that use them, and the users who ask for them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.policies.models import Disclosure, PolicyAttachment
from cms.review.setup import REVIEWER_GROUPS, editor_group_name
from tests.api.conftest import graphql  # noqa: F401 - the fixture
from tests.api.content.conftest import pdf_bytes, png_bytes
from tests.factories import PolicyPageFactory

PASSWORD = "neibu-2025"


@dataclass
class Files:
    """Makes documents and images, in the root collection or a restricted one."""

    restricted: Collection

    def document(self, title: str, filename: str, *, restricted: bool = False):
        content = pdf_bytes(1) if filename.endswith(".pdf") else title.encode()
        document = get_document_model()(
            title=title,
            file=ContentFile(content, name=filename),
            collection=self.restricted if restricted else _root(),
        )
        document.save()
        return document

    def image(self, title: str, *, restricted: bool = False):
        image = get_image_model()(
            title=title,
            file=ContentFile(png_bytes(640, 480), name=f"{title}.png"),
            collection=self.restricted if restricted else _root(),
        )
        image.save()
        return image


def _root() -> Collection:
    return Collection.get_first_root_node()


@pytest.fixture
def files(db) -> Files:
    restricted = _root().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=restricted,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    return Files(restricted=restricted)


@pytest.fixture
def attach(site_tree, bureau):
    """A policy (live and 主动公开 unless told otherwise) with ``documents`` attached."""

    def make(*documents, **kwargs):
        if kwargs.get("disclosure", Disclosure.PUBLIC) != Disclosure.PUBLIC:
            kwargs.setdefault("disclosure_basis", "《政府信息公开条例》第十四条")
        policy = PolicyPageFactory(
            parent=site_tree.policies, issuers=[bureau], **kwargs
        )
        for order, document in enumerate(documents):
            PolicyAttachment.objects.create(
                page=policy, document=document, sort_order=order
            )
        return policy

    return make


@pytest.fixture
def make_user(django_user_model, site_tree):
    def make(username: str, *groups: str):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", password="pw-123456"
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def editor(make_user):
    """A department editor: may choose every file in the admin."""
    return make_user("editor", editor_group_name("就业促进科"))


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer", next(iter(REVIEWER_GROUPS.values())))


def download(client, url: str):
    """GET ``url``; the bytes of a file response (streamed or not)."""
    response = client.get(url)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    else:
        response.content_bytes = response.content
    return response
