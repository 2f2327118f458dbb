"""The demo content loads on an empty database, completely, and only once."""

from __future__ import annotations

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.demo.media import COLLECTION_NAME
from cms.events.models import OpenEventPage, VenueType
from cms.interpretations.blocks import FORMAT_BLOCK_TYPES
from cms.interpretations.models import InterpretationPage, InterpreterRole
from cms.policies.models import Disclosure, PolicyPage, PolicyRelation, Validity
from cms.releases.models import FAQ, IntegratedReleasePage
from cms.taxonomy.models import ServiceItem

SEED_TITLE = "闵行区人力资源和社会保障局关于印发《2025年闵行区人力资源和社会保障政务公开工作要点》的通知"


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load()


def snapshot() -> Counter:
    return Counter(
        pages=Page.objects.count(),
        revisions=Revision.objects.count(),
        policies=PolicyPage.objects.count(),
        interpretations=InterpretationPage.objects.count(),
        releases=IntegratedReleasePage.objects.count(),
        events=OpenEventPage.objects.count(),
        faqs=FAQ.objects.count(),
        service_items=ServiceItem.objects.count(),
        relations=PolicyRelation.objects.count(),
        images=get_image_model().objects.count(),
        documents=get_document_model().objects.count(),
    )


def test_demo_content_is_complete(demo):
    assert "演示内容已就绪" in demo
    assert "政策文件：已发布" in demo

    # The seed document, with its real metadata.
    seed = PolicyPage.objects.get(doc_number="闵人社发〔2025〕19号")
    assert seed.title == SEED_TITLE
    assert seed.live
    assert seed.written_date == seed.publish_date == datetime.date(2025, 6, 17)
    assert seed.disclosure == Disclosure.PUBLIC
    assert [org.name for org in seed.ordered_issuers()] == [
        "闵行区人力资源和社会保障局"
    ]
    assert seed.department.name == "办公室"
    assert seed.index_number.startswith("11310112MB2F12345Q/2025-")
    assert [str(topic) for topic in seed.topics.all()] == ["政务公开 / 工作要点"]
    headings = [c.value["text"] for c in seed.body if c.block_type == "heading"]
    assert headings[:2] == [
        "2025年闵行区人力资源和社会保障政务公开工作要点",
        "一、依法履行政务公开主体责任",
    ]
    assert len(headings) == 5
    text = " ".join(str(c.value) for c in seed.body if c.block_type == "paragraph")
    assert "走进人力资源产业园" in text and "不低于50%" in text
    assert seed.attachments.count() == 1

    # Policies: enough of them, every validity, joint and city issuers, service items.
    live = PolicyPage.objects.live()
    assert live.count() >= 31
    validities = Counter(policy.validity for policy in live)
    assert validities[Validity.VALID] > 0 and validities[Validity.EXPIRED] > 0
    assert validities[Validity.REPEALED] == validities[Validity.AMENDED] == 1
    relation = PolicyRelation.objects.get()
    assert relation.target.validity == Validity.AMENDED
    assert live.filter(is_normative=True).exists()
    assert live.filter(issuers__organization__name="闵行区财政局").exists()
    assert live.filter(doc_number__startswith="沪人社").exists()
    assert live.filter(issuers__organization__name="闵行区人民政府").exists()
    assert ServiceItem.objects.exclude(miniprogram_path="").exists()
    for policy in live.filter(interpretation_required=True):
        assert any(link.page.live for link in policy.interpretation_links.all())

    # Drafts in review show the workflow.
    drafts = PolicyPage.objects.not_live()
    assert 1 <= drafts.count() <= 2
    assert all(draft.workflow_in_progress for draft in drafts)

    # Interpretations: every format and role, linked, 谁起草谁解读.
    interpretations = InterpretationPage.objects.live().specific()
    assert interpretations.count() >= 8
    formats = {name for page in interpretations for name in page.formats}
    assert formats == set(FORMAT_BLOCK_TYPES)
    assert {page.role for page in interpretations} == set(InterpreterRole.values)
    for page in interpretations:
        policies = page.policies()
        assert policies
        assert page.department_id == policies[0].department_id
    live_statuses = {
        child.value["status"]
        for page in interpretations
        for child in page.body
        if child.block_type == "live"
    }
    assert live_statuses == {"ended", "upcoming"}

    # Integrated releases reference policies, interpretations, services and FAQs.
    releases = IntegratedReleasePage.objects.live()
    assert releases.count() == 2
    listing = releases.get(title="2025年闵行区就业创业政策清单")
    kinds = {
        item.block_type for section in listing.body for item in section.value["items"]
    }
    assert kinds == {"policy", "interpretation", "service_item", "faq"}
    assert FAQ.objects.count() >= 8

    # 政府开放月: three visits in August 2025, and one still open for registration.
    open_month = OpenEventPage.objects.live().filter(series="2025 政府开放月")
    assert open_month.count() == 3
    assert all(e.start_at.year == 2025 and e.start_at.month == 8 for e in open_month)
    assert all(e.theme == "优化营商环境" for e in open_month)
    assert {e.venue_type for e in open_month} == {
        VenueType.EMPLOYMENT_STATION,
        VenueType.HR_INDUSTRIAL_PARK,
        VenueType.ARBITRATION_COURT,
    }
    assert any(e.registration_is_open() for e in OpenEventPage.objects.live())

    # Generated files exist in storage.
    images = get_image_model().objects.filter(collection__name=COLLECTION_NAME)
    documents = get_document_model().objects.filter(collection__name=COLLECTION_NAME)
    assert images.count() >= 4
    assert {d.file_extension for d in documents} >= {"pdf", "xlsx", "vtt"}
    for item in [*images, *documents]:
        assert item.file.storage.exists(item.file.name)
    assert all(image.width > 0 for image in images)


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    load()
    assert snapshot() == before
