"""cms/core/pages.py: the abstract column (栏目) page the domains' index pages share."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from cms.consultations.models import ConsultationIndexPage, MajorDecisionCatalogPage
from cms.core.choices import Disclosure
from cms.core.pages import ChildListingMixin, SectionIndexPage
from cms.events.models import EventIndexPage
from cms.home.sections import declared_sections
from cms.interpretations.models import InterpretationIndexPage
from cms.policies.models import PolicyIndexPage
from cms.questions.models import QuestionIndexPage
from cms.releases.models import ReleaseIndexPage
from tests.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

INDEX_PAGES = (
    PolicyIndexPage,
    InterpretationIndexPage,
    ReleaseIndexPage,
    EventIndexPage,
    ConsultationIndexPage,
    QuestionIndexPage,
)


def test_every_column_is_a_section_index_page():
    assert {section.model_class for section in declared_sections()} == set(INDEX_PAGES)
    for model in INDEX_PAGES:
        assert issubclass(model, SectionIndexPage), model
        assert model.parent_page_types == ["home.HomePage"], model
        assert model.max_count_per_parent == 1, model
        intro = model._meta.get_field("intro")
        assert (str(intro.verbose_name), intro.blank) == ("导语", True)
        assert (
            model._meta.db_table == f"{model._meta.app_label}_{model._meta.model_name}"
        )
        assert not model._meta.abstract
    assert SectionIndexPage._meta.abstract
    # The yearly catalog lists its decisions the same way without being a column.
    assert issubclass(MajorDecisionCatalogPage, ChildListingMixin)


def test_section_intro_is_kept_and_edited_in_place(site_tree):
    site_tree.policies.intro = "修改后的导语"
    site_tree.policies.save_revision().publish()

    assert PolicyIndexPage.objects.get(pk=site_tree.policies.pk).intro == "修改后的导语"
    assert QuestionIndexPage.objects.get().intro.startswith("就业创业、社会保险")


def _listing(client, section, **params) -> str:
    response = client.get(section.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_listing_shows_only_public_children(client, site_tree):
    """The HTML listing follows the core rule: a live page that is 依申请公开, or
    whose 下线时间 has passed, is not listed (nor is a draft)."""
    parent = site_tree.policies
    PolicyPageFactory(parent=parent, title="公开的政策")
    PolicyPageFactory(
        parent=parent,
        title="依申请公开却在线的政策",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    PolicyPageFactory(
        parent=parent,
        title="已过下线时间的政策",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    PolicyPageFactory(parent=parent, title="尚未发布的草稿", live=False)

    body = _listing(client, parent)

    assert "公开的政策" in body
    assert "依申请公开却在线的政策" not in body
    assert "已过下线时间的政策" not in body
    assert "尚未发布的草稿" not in body


def test_listing_pages_by_twenty_in_the_columns_order(client, site_tree):
    parent = site_tree.policies
    for day in range(1, 23):
        PolicyPageFactory(
            parent=parent,
            title=f"第{day:02d}号政策",
            written_date=datetime.date(2025, 1, 1),
            publish_date=datetime.date(2025, 1, day),
        )

    first = parent.listing_page(None)
    second = parent.listing_page("2")

    assert [page.title for page in first] == [
        f"第{d:02d}号政策" for d in range(22, 2, -1)
    ]
    assert [page.title for page in second] == ["第02号政策", "第01号政策"]
    assert parent.listing_page("abc").number == 1
    assert parent.listing_page("99").number == 2
    body = _listing(client, parent, page=2)
    assert "第 2 / 2 页" in body and "第01号政策" in body and "第03号政策" not in body


def test_graphql_leaves_out_pages_past_their_offline_time(client, site_tree):
    expired = PolicyPageFactory(
        parent=site_tree.policies,
        title="已过下线时间的政策",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    PolicyPageFactory(parent=site_tree.policies, title="公开的政策")
    query = """query($path: String) {
      page(urlPath: $path) { title }
      policies(first: 10) { totalCount edges { node { title } } }
    }"""

    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"path": "/zhengce/" + expired.slug}}),
        content_type="application/json",
    )

    assert response.json() == {
        "data": {
            "page": None,
            "policies": {"totalCount": 1, "edges": [{"node": {"title": "公开的政策"}}]},
        }
    }
