"""Relevance on the labelled set, measured with MRR and recall@10 (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.search.relevance import load_corpus, load_queries, measure

MRR_FLOOR = 0.9
RECALL_FLOOR = 0.95


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, created once for the module and rolled back after it."""
    from cms.home.site_tree import ensure_site_tree
    from cms.taxonomy.models import Organization
    from cms.taxonomy.seed import BUREAU_NAME, seed_taxonomy
    from tests.search.relevance import build_corpus

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_taxonomy()
            tree = ensure_site_tree()
            bureau = Organization.objects.get(name=BUREAU_NAME)
            keys = build_corpus(tree.policies, bureau)
            from wagtail.models import Site

            yield Site.objects.get(is_default_site=True), keys
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_set_is_big_enough():
    assert len(load_corpus()) >= 60
    assert len(load_queries()) >= 40
    assert {q["kind"] for q in load_queries()} == {
        "colloquial",
        "synonym",
        "doc_number",
        "pinyin",
        "typo",
        "multi",
    }


@pytest.mark.django_db
def test_relevance_floors(corpus):
    site, keys = corpus
    measured = measure(site, keys)
    print("\n" + measured.table())
    assert measured.mrr >= MRR_FLOOR, measured.table()
    assert measured.recall >= RECALL_FLOOR, measured.table()


@pytest.mark.django_db
def test_every_doc_number_variant_puts_the_policy_first(corpus):
    from search.engine import search_pages

    site, keys = corpus
    for query in load_queries():
        if query["kind"] != "doc_number":
            continue
        outcome = search_pages(query=query["query"], site=site)
        assert outcome.doc_number_match, query
        assert keys[outcome.hits[0].page.pk] == query["relevant"][0], query


@pytest.mark.django_db
def test_housing_fund_stays_apart_from_social_insurance(corpus):
    from search.engine import search_pages

    site, keys = corpus
    # Only the corpus's policies count (the site's section pages may match too).
    social = [
        keys[h.page.pk]
        for h in search_pages(query="社保", site=site).hits
        if h.page.pk in keys
    ]
    fund = [
        keys[h.page.pk]
        for h in search_pages(query="公积金", site=site).hits
        if h.page.pk in keys
    ]
    assert "housing_fund" not in social
    assert fund[0] == "housing_fund"
    assert "contribution_base" not in fund
