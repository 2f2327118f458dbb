"""Records follow saves and deletes on every backend, after the commit; a backend
that fails never costs the record (nor a citizen's submission), and the update is
tried again until it lands. Elasticsearch is a local stand-in speaking its HTTP
API (tests/search/elasticsearch_standin.py)."""

from __future__ import annotations

import datetime
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from modelsearch.conf import get_app_config

from cms.questions import services
from cms.questions.models import Question
from search.engine import SearchFilters, search_pages
from search.models import PendingIndexUpdate
from search.registry import content_type_id
from search.updates import retry_due

from .elasticsearch_standin import ElasticsearchStandIn

QUESTIONS_INDEX = "zwgk_t_questions_question"
PAGES_INDEX = "zwgk_t_wagtailcore_page"


@pytest.fixture
def elasticsearch(settings):
    from search.backends.elasticsearch import reset_availability

    standin = ElasticsearchStandIn().start()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [standin.url],
            "INDEX_PREFIX": "zwgk_t_",
            "ANALYZER": "jieba",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    reset_availability()
    # The client logs every refused request; the search's own warnings are tested.
    transport = logging.getLogger("elastic_transport")
    level = transport.level
    transport.setLevel(logging.CRITICAL)
    yield standin
    transport.setLevel(level)
    standin.stop()
    reset_availability()


def in_database_index(question: Question) -> bool:
    IndexEntry = get_app_config().get_model("IndexEntry")
    return IndexEntry.objects.filter(
        content_type_id=content_type_id(Question), object_id=str(question.pk)
    ).exists()


def questions(site, query: str) -> list:
    outcome = search_pages(
        query=query, site=site, filters=SearchFilters(content_types=("question",))
    )
    return [hit.item for hit in outcome.hits]


def _due_now() -> None:
    PendingIndexUpdate.objects.update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_records_on_elasticsearch_follow_publishing(
    elasticsearch, make_question, site, django_capture_on_commit_callbacks
):
    question = make_question(
        published=True,
        title="张三问失业保险金申领需要哪些条件",
        content="我叫张三，电话 13812345678。",
        name="张三",
    )
    document = elasticsearch.indices[QUESTIONS_INDEX][str(question.pk)]
    assert document["_django_content_type"] == ["questions.Question"]
    assert "失业保险金" in document["_title_terms"].split()
    for secret in ("张三", "13812345678"):
        assert secret not in json.dumps(document, ensure_ascii=False)
    assert in_database_index(question)  # the fallback index follows too

    # The public search asks Elasticsearch over the pages' and the records' index.
    elasticsearch.requests.clear()
    assert questions(site, "失业保险金") == [question]
    searched = [
        path.strip("/").removesuffix("/_search").split(",")
        for method, path in elasticsearch.requests
        if method == "POST" and path.endswith("/_search")
    ]
    assert searched and all(
        indexes[:2] == [PAGES_INDEX, QUESTIONS_INDEX] for indexes in searched
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.question_unpublish(question=question)
    assert str(question.pk) not in elasticsearch.indices[QUESTIONS_INDEX]
    assert not in_database_index(question)
    assert questions(site, "失业保险金") == []


@pytest.mark.django_db
def test_no_record_index_yet_is_no_error(elasticsearch, make_policy, site, caplog):
    policy = make_policy(title="关于调整失业保险金标准的通知")
    assert QUESTIONS_INDEX not in elasticsearch.indices
    with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
        outcome = search_pages(query="失业保险金", site=site)
    assert [hit.item for hit in outcome.hits] == [policy]
    assert not caplog.records  # answered by Elasticsearch, no fallback


@pytest.mark.django_db
def test_a_failing_backend_keeps_the_record_and_retries_until_it_lands(
    elasticsearch, make_question, site, caplog
):
    elasticsearch.failing = True
    with caplog.at_level(logging.WARNING, logger="search.updates"):
        question = make_question(published=True, title="失业保险金申领需要哪些条件")
    assert question.is_published  # saved and published, whatever the index did
    assert in_database_index(question)  # the other backend took it
    assert "Search index: backend default could not update questions.Question" in (
        caplog.text
    )
    pending = PendingIndexUpdate.objects.get()
    assert (pending.model_label, pending.object_id, pending.backend) == (
        "questions.Question",
        str(question.pk),
        "default",
    )
    assert pending.attempts == 1
    assert "503" in pending.last_error or "master_not_discovered" in pending.last_error
    assert pending.next_attempt_at > timezone.now()

    assert retry_due() == {"updated": 0, "failed": 0}  # not due yet
    _due_now()
    assert retry_due() == {"updated": 0, "failed": 1}
    pending.refresh_from_db()
    assert pending.attempts == 2
    assert pending.next_attempt_at > timezone.now() + datetime.timedelta(minutes=4)

    elasticsearch.failing = False
    _due_now()
    assert retry_due() == {"updated": 1, "failed": 0}
    assert not PendingIndexUpdate.objects.exists()
    assert str(question.pk) in elasticsearch.indices[QUESTIONS_INDEX]
    assert questions(site, "失业保险金") == [question]


@pytest.mark.django_db
def test_a_removal_is_retried_too(
    elasticsearch, make_question, django_capture_on_commit_callbacks
):
    question = make_question(published=True, title="失业保险金申领需要哪些条件")
    pk = str(question.pk)
    elasticsearch.failing = True
    with django_capture_on_commit_callbacks(execute=True):
        question.delete()
    assert not Question.objects.filter(pk=pk).exists()
    assert pk in elasticsearch.indices[QUESTIONS_INDEX]  # not reached
    assert PendingIndexUpdate.objects.get().object_id == pk

    elasticsearch.failing = False
    _due_now()
    assert retry_due() == {"updated": 1, "failed": 0}
    assert pk not in elasticsearch.indices[QUESTIONS_INDEX]


SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) {
    __typename
    ... on QuestionReceipt { trackingNumber queryCode }
  }
}
"""


@pytest.mark.django_db
def test_a_citizens_question_costs_no_index_work(
    elasticsearch, graphql, site_tree, django_capture_on_commit_callbacks
):
    from cms.taxonomy.models import Topic

    elasticsearch.failing = True
    elasticsearch.requests.clear()
    topic = Topic.objects.filter(parent__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        body = graphql(
            SUBMIT,
            {
                "input": {
                    "topicId": str(topic.pk),
                    "title": "灵活就业人员社保缴费",
                    "content": "请问灵活就业人员如何在网上办理社会保险缴费登记？",
                    "phone": "13812345678",
                    "consentToPublish": True,
                }
            },
        )
    assert body["data"]["submitQuestion"]["__typename"] == "QuestionReceipt"
    assert Question.objects.count() == 1
    # Not public yet: nothing to index or remove, so nothing asked of the cluster.
    assert elasticsearch.requests == []
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.django_db
def test_reindex_one_type_in_place(make_question, site):
    question = make_question(published=True, title="失业保险金申领需要哪些条件")
    hidden = make_question(published=True, title="失业保险金申领需要哪些材料")
    # Changed behind the signals' back (a bulk update): the index lags.
    Question.objects.filter(pk=hidden.pk).update(is_published=False)
    Question.objects.filter(pk=question.pk).update(published_title="失业金领取条件")
    call_command("rebuild_search_index", "--type", "question", verbosity=0)
    assert not in_database_index(hidden)
    assert questions(site, "领取条件") == [question]

    with pytest.raises(CommandError, match="未知的搜索类型：penalty"):
        call_command("rebuild_search_index", "--type", "penalty", verbosity=0)


@pytest.mark.django_db
def test_a_full_rebuild_makes_pending_updates_moot(make_question, site):
    question = make_question(published=True, title="失业保险金申领需要哪些条件")
    PendingIndexUpdate.objects.create(
        model_label="questions.Question",
        object_id=str(question.pk),
        backend="default",
        next_attempt_at=timezone.now(),
    )
    call_command("rebuild_search_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert questions(site, "失业保险金") == [question]
