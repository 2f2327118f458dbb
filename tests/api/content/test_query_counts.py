"""A body with N chooser blocks costs the same queries as one with 2 (no N+1)."""

from __future__ import annotations

import pytest
from wagtail.rich_text import RichText

from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import (
    FAQFactory,
    IntegratedReleasePageFactory,
    ServiceItemFactory,
)

from .queries import INTERPRETATION_BODY, POLICY_BODY, RELEASE_BODY

# page(id:) itself: site, view restrictions, the page, its specific row.
PAGE_QUERIES = 4
# Measured (SQLite), the same for 2 blocks as for 30; the bound is the measure.
# Policy: site setting, documents (Wagtail's chooser), collection restrictions,
# view restrictions, linked pages, images, renditions.
POLICY_BODY_QUERIES = PAGE_QUERIES + 7
# Interpretation: site setting, one query per chooser field of each block type
# (images x3, documents x2), collection restrictions, renditions.
INTERPRETATION_BODY_QUERIES = PAGE_QUERIES + 8
# Release: site setting, Wagtail's chooser lookups (x4), then each kind of reference
# optimized for the query's selection (pages also read view restrictions), and the
# pages linked from FAQ answers.
RELEASE_BODY_QUERIES = PAGE_QUERIES + 13

SIZES = [2, 30]


def _policy_blocks(n, pages, documents, images):
    blocks = []
    for i in range(n):
        page, document, image = pages[i % 3], documents[i % 3], images[i % 3]
        source = (
            f'<p><a linktype="page" id="{page.pk}">政策</a>'
            f'<a linktype="document" id="{document.pk}">附件</a></p>'
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'
        )
        blocks.append(("paragraph", RichText(source)))
        blocks.append(
            ("attachments", {"heading": "附件", "items": [{"document": document}]})
        )
        blocks.append(
            ("callout", {"style": "info", "title": "", "text": RichText(source)})
        )
    return blocks


@pytest.fixture
def referenced(site_tree, bureau, media):
    pages = [
        PolicyPageFactory(parent=site_tree.policies, issuers=[bureau]) for _ in range(3)
    ]
    documents = [media.pdf(f"附件{i}", pages=i + 1) for i in range(3)]
    images = [media.image(f"图{i}", width=800 + i, height=600) for i in range(3)]
    return pages, documents, images


def _measure(graphql, django_assert_max_num_queries, query, page, bound):
    variables = {"id": str(page.pk), "channel": "WEB"}
    warm = graphql(query, variables)  # the first request generates renditions
    assert "errors" not in warm, warm
    with django_assert_max_num_queries(bound):
        result = graphql(query, variables)
    assert result == warm
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_policy_body(
    graphql, django_assert_max_num_queries, site_tree, bureau, referenced, n
):
    page = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=_policy_blocks(n, *referenced),
    )
    result = _measure(
        graphql, django_assert_max_num_queries, POLICY_BODY, page, POLICY_BODY_QUERIES
    )
    assert len(result["data"]["page"]["body"]) == 3 * n


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_interpretation_body(
    graphql, django_assert_max_num_queries, site_tree, referenced, n
):
    _pages, documents, images = referenced
    video = [
        {
            "title": f"视频{i}",
            "video_file": documents[i % 3],
            "poster": images[(i + 1) % 3],
            "captions": documents[(i + 2) % 3],
        }
        for i in range(n)
    ]
    body = []
    for i in range(n):
        body.append(("infographic", {"image": images[i % 3], "alt_text": "图"}))
        body.append(("video", video[i]))
        body.append(
            ("live", {"title": "直播", "start_time": None, "poster": images[i % 3]})
        )
    page = InterpretationPageFactory(parent=site_tree.interpretations, body=body)
    result = _measure(
        graphql,
        django_assert_max_num_queries,
        INTERPRETATION_BODY,
        page,
        INTERPRETATION_BODY_QUERIES,
    )
    assert len(result["data"]["page"]["body"]) == 3 * n


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_release_body(graphql, django_assert_max_num_queries, site_tree, referenced, n):
    pages, _documents, _images = referenced
    readings = [
        InterpretationPageFactory(parent=site_tree.interpretations) for _ in range(3)
    ]
    items = [ServiceItemFactory() for _ in range(3)]
    faqs = [
        FAQFactory(answer=f'<p><a linktype="page" id="{pages[i].pk}">见</a></p>')
        for i in range(3)
    ]
    sections = []
    for s in range(n // 2):
        entries = []
        for i in range(2):
            k = (s + i) % 3
            entries += [
                {"type": "policy", "value": {"policy": pages[k].pk, "note": ""}},
                {"type": "interpretation", "value": {"interpretation": readings[k].pk}},
                {"type": "service_item", "value": {"service_item": items[k].pk}},
                {"type": "faq", "value": {"faq": faqs[k].pk}},
            ]
        sections.append(
            {
                "type": "section",
                "value": {"title": f"第{s}组", "intro": "", "items": entries},
            }
        )
    page = IntegratedReleasePageFactory(parent=site_tree.releases, body=sections)
    result = _measure(
        graphql, django_assert_max_num_queries, RELEASE_BODY, page, RELEASE_BODY_QUERIES
    )
    body = result["data"]["page"]["body"]
    assert sum(len(section["items"]) for section in body) == 4 * n
    assert all(item["policy"] for item in body[-1]["items"][::4])
