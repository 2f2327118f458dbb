"""cms/core/attachments.py: the abstract attachment policies and consultations share."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from cms.consultations.models import ConsultationAttachment
from cms.core.attachments import AbstractAttachment
from cms.policies.models import PolicyAttachment
from tests.consultations.conftest import make_consultation, section  # noqa: F401
from tests.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

ATTACHMENT_KINDS = (PolicyAttachment, ConsultationAttachment)
NOT_AN_OFFICE_FILE = "附件须为 PDF、OFD、Word 或 Excel 文件，当前为 .txt。"


def _document(title: str, filename: str):
    document = get_document_model()(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=filename)
    )
    document.save()
    return document


@pytest.fixture
def pages(site_tree, make_consultation):  # noqa: F811
    return {
        PolicyAttachment: PolicyPageFactory(parent=site_tree.policies),
        ConsultationAttachment: make_consultation(),
    }


def test_both_kinds_are_the_abstract_attachment_with_their_own_tables():
    for model in ATTACHMENT_KINDS:
        assert issubclass(model, AbstractAttachment)
        fields = {field.name: field for field in model._meta.concrete_fields}
        assert set(fields) == {"id", "sort_order", "page", "document", "title"}
        assert fields["page"].remote_field.related_name == "attachments"
        assert str(fields["title"].verbose_name) == "显示名称"
        assert model._meta.ordering == ["sort_order"]
        assert str(model._meta.verbose_name) == "附件"
    assert PolicyAttachment._meta.db_table == "policies_policyattachment"
    assert (
        ConsultationAttachment._meta.db_table == "consultations_consultationattachment"
    )


def test_models_and_migrations_agree():
    """The abstract models moved fields, not columns: no migration is pending."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("model", ATTACHMENT_KINDS)
def test_only_office_documents_may_be_attached(pages, model):
    notes = _document("说明", "shuoming.txt")
    refused = model(page=pages[model], document=notes, sort_order=0)

    with pytest.raises(ValidationError) as caught:
        refused.full_clean()

    assert caught.value.message_dict == {"document": [NOT_AN_OFFICE_FILE]}
    accepted = model(page=pages[model], document=_document("草案", "caoan.pdf"))
    accepted.full_clean()


@pytest.mark.parametrize("model", ATTACHMENT_KINDS)
def test_rows_keep_their_order_and_title(pages, model):
    page = pages[model]
    second = model.objects.create(
        page=page, document=_document("对照表", "duizhao.pdf"), sort_order=1
    )
    first = model.objects.create(
        page=page,
        document=_document("草案全文", "caoan.pdf"),
        title="征求意见稿",
        sort_order=0,
    )

    rows = list(page.attachments.all())

    assert rows == [first, second]
    assert [row.display_title for row in rows] == ["征求意见稿", "对照表"]


def test_the_api_reads_both_kinds_alike(client, pages):
    for model, page in pages.items():
        model.objects.create(
            page=page, document=_document("草案全文", "caoan.pdf"), sort_order=0
        )
    query = """query($p: ID, $c: ID) {
      policy: page(id: $p) { ... on PolicyPage { attachments { title document { title fileType } } } }
      consultation: page(id: $c) {
        ... on ConsultationPage { attachments { title document { title fileType } } }
      }
    }"""
    variables = {
        "p": pages[PolicyAttachment].pk,
        "c": pages[ConsultationAttachment].pk,
    }

    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )

    attachments = [
        {"title": "草案全文", "document": {"title": "草案全文", "fileType": "pdf"}}
    ]
    assert response.json() == {
        "data": {
            "policy": {"attachments": attachments},
            "consultation": {"attachments": attachments},
        }
    }
