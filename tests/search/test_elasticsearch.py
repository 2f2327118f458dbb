"""Elasticsearch 9: generated index settings, mappings, documents and query bodies;
the fallback to the database when the cluster is unreachable; a live cluster when
ELASTICSEARCH_URL is set."""

from __future__ import annotations

import logging
import os
import time

import pytest

from search.backends.elasticsearch import (
    ChineseElasticsearchBackend,
    analysis_settings,
    query_body,
    searchable_content_types,
)
from search.query import QueryPlan

CLOSED_PORT_URL = "http://127.0.0.1:9"


def _backend(mode: str = "jieba", url: str = CLOSED_PORT_URL):
    return ChineseElasticsearchBackend(
        {"URLS": [url], "ANALYZER": mode, "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
    )


@pytest.mark.parametrize(
    ("mode", "index_tokenizer", "search_tokenizer"),
    [
        ("ik", "ik_max_word", "ik_smart"),
        ("smartcn", "smartcn_tokenizer", "smartcn_tokenizer"),
        ("jieba", "whitespace", "whitespace"),
    ],
)
def test_analysis_per_mode(mode, index_tokenizer, search_tokenizer):
    analysis = analysis_settings(mode, [["社保", "社会保险"], ["失业金", "失业保险金"]])
    assert analysis == {
        "analyzer": {
            "zh_index": {
                "type": "custom",
                "tokenizer": index_tokenizer,
                "filter": ["lowercase"],
            },
            "zh_search": {
                "type": "custom",
                "tokenizer": search_tokenizer,
                "filter": ["lowercase", "zh_synonyms"],
            },
            "zh_terms": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase"],
            },
            "zh_terms_search": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", "zh_synonyms"],
            },
        },
        "filter": {
            "zh_synonyms": {
                "type": "synonym_graph",
                "synonyms": ["社保, 社会保险", "失业金, 失业保险金"],
                "lenient": True,
            }
        },
    }


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown analyzer mode"):
        analysis_settings("standard", [])


@pytest.mark.django_db
def test_index_settings_carry_the_editors_synonyms():
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="零工驿站，零工市场")
    settings = _backend("ik").current_index_settings()["settings"]
    synonyms = settings["analysis"]["filter"]["zh_synonyms"]["synonyms"]
    assert "社保, 社会保险" in synonyms
    assert "零工驿站, 零工市场" in synonyms
    # Wagtail's own analyzers stay, for autocomplete.
    assert "edgengram_analyzer" in settings["analysis"]["analyzer"]
    assert settings["analysis"]["analyzer"]["zh_index"]["tokenizer"] == "ik_max_word"


def test_page_mapping_analyses_text_as_chinese():
    from cms.policies.models import PolicyPage

    mapping = _backend().mapping_class(PolicyPage).get_mapping()["properties"]
    zh = {"analyzer": "zh_index", "search_analyzer": "zh_search"}
    terms = {"analyzer": "zh_terms", "search_analyzer": "zh_terms_search"}
    assert mapping["title"] == {
        "type": "text",
        **zh,
        "copy_to": ["_all_text", "_all_text_boost_2_0"],
    }
    assert mapping["policies_policypage__doc_number"]["analyzer"] == "zh_index"
    assert mapping["_all_text"] == {"type": "text", **zh}
    assert mapping["_terms"] == {"type": "text", **terms}
    assert mapping["_title_terms"] == {"type": "text", **terms}
    assert mapping["policies_policypage__publish_date_filter"] == {"type": "date"}


@pytest.mark.django_db
def test_documents_carry_jieba_words(make_policy):
    policy = make_policy(
        title="关于调整失业保险金标准的通知", doc_number="闵人社发〔2025〕19号"
    )
    document = _backend("jieba").mapping_class(type(policy)).get_document(policy)
    assert "失业保险金" in document["title"].split()
    assert "失业保险金" in document["_title_terms"].split()
    assert "2025" in document["_title_terms"].split()
    assert document["_terms"].startswith(document["_title_terms"])
    ik_document = _backend("ik").mapping_class(type(policy)).get_document(policy)
    assert ik_document["title"] == "关于调整失业保险金标准的通知"


def test_query_body():
    plan = QueryPlan(
        text="闵人社发〔2025〕19号 失业金",
        doc_numbers=["闵人社发〔2025〕19号"],
        groups=[("失业金", "失业保险金")],
        phrases=[("闵人", "社发", "2025", "19", "号")],
    )
    fields = ["title^8", "_title_terms^8", "_all_text", "_terms^2"]
    # Pages, then every registered record type (网上咨询, 双公示 …).
    content_types = searchable_content_types()
    assert content_types[:2] == ["wagtailcore.Page", "questions.Question"]
    assert query_body(plan, size=50) == {
        "query": {
            "bool": {
                "filter": [
                    {
                        "terms": {
                            "_django_content_type": content_types,
                        }
                    }
                ],
                "should": [
                    {
                        "multi_match": {
                            "query": "失业金 失业保险金",
                            "fields": fields,
                            "type": "best_fields",
                            "operator": "or",
                        }
                    },
                    {
                        "match_phrase": {
                            "_title_terms": {
                                "query": "闵人 社发 2025 19 号",
                                "boost": 8,
                            }
                        }
                    },
                    {"match_phrase": {"_terms": {"query": "闵人 社发 2025 19 号"}}},
                ],
                "minimum_should_match": 1,
            }
        },
        "_source": False,
        "stored_fields": ["pk"],
        "docvalue_fields": ["_django_content_type"],
        "size": 50,
        "track_total_hits": False,
    }


@pytest.fixture
def unreachable_elasticsearch(settings):
    from search.backends.elasticsearch import reset_availability

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [CLOSED_PORT_URL],
            "ANALYZER": "jieba",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    reset_availability()
    # The client logs every refused connection; the engine's own warning is tested.
    transport = logging.getLogger("elastic_transport")
    level = transport.level
    transport.setLevel(logging.CRITICAL)
    yield
    transport.setLevel(level)
    reset_availability()


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(
    unreachable_elasticsearch, make_policy, site, caplog
):
    from search.engine import search_pages

    started = time.monotonic()
    # Publishing still works: indexing errors on Elasticsearch are logged, not raised.
    policy = make_policy(title="关于调整失业保险金标准的通知")
    with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
        outcome = search_pages(query="失业金怎么领", site=site)
    assert [hit.page for hit in outcome.hits] == [policy]
    assert any(
        "Elasticsearch unavailable" in record.getMessage() for record in caplog.records
    )
    # The next query does not wait for the dead cluster again.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
        again = search_pages(query="失业保险金", site=site)
    assert again.total == 1
    assert not caplog.records
    assert time.monotonic() - started < 5


ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")


@pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set: no cluster to test"
)
@pytest.mark.django_db
def test_live_cluster_indexes_and_finds(settings, make_policy, site):
    from search.backends.elasticsearch import reset_availability
    from search.engine import search_pages
    from search.services import rebuild_index

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": "zwgk_test_",
            "ANALYZER": "auto",
            "TIMEOUT": 5,
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    reset_availability()
    policy = make_policy(
        title="关于调整失业保险金标准的通知", doc_number="闵人社发〔2025〕19号"
    )
    make_policy(title="关于调整住房公积金缴存基数的通知")
    rebuild_index(backend_names=["default"])
    from search.backends.elasticsearch import configured_backend

    backend = configured_backend()
    backend.es.indices.refresh(index=backend.page_index_name())
    outcome = search_pages(query="失业金怎么领", site=site)
    assert [hit.page for hit in outcome.hits] == [policy]
    assert search_pages(query="闵人社发[2025]19号", site=site).hits[0].page == policy
