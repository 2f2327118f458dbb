"""Records in the public search (registry: search/registry.py), proven with the
网上咨询 Q&As published as 选登: segmented like pages, public-only, faceted,
removed when withdrawn or deleted. Database backend (SQLite FTS5 / PostgreSQL)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from modelsearch.conf import get_app_config

from cms.questions import services
from cms.questions.models import Question
from search.engine import SearchFilters, search_pages
from search.registry import content_type_id


def entry(question: Question):
    IndexEntry = get_app_config().get_model("IndexEntry")
    return IndexEntry.objects.filter(
        content_type_id=content_type_id(Question), object_id=str(question.pk)
    ).first()


def words(entry) -> tuple[list[str], list[str]]:
    """The title and body words an index entry holds (PostgreSQL keeps the
    segmented text beside its vectors, SQLite's FTS5 table the text itself)."""
    title = getattr(entry, "title_text", None) or entry.title
    body = getattr(entry, "body_text", None) or entry.body
    return title.split(), body.split()


def found(site, query: str, **filters) -> list:
    outcome = search_pages(query=query, site=site, filters=SearchFilters(**filters))
    return [hit.item for hit in outcome.hits]


def questions(site, query: str) -> list:
    """The Q&As found (the 网上咨询 column's own intro may match too)."""
    return found(site, query, content_types=("question",))


@pytest.mark.django_db
def test_a_published_question_is_found_by_words_inside_its_text(make_question, site):
    question = make_question(
        published=True,
        title="灵活就业人员怎么参加社会保险",
        content="本人从事网约车工作，想以灵活就业人员身份缴纳社保，请问去哪里办理？",
        answer="可在社区事务受理服务中心办理灵活就业登记和社会保险缴费。",
    )
    # The index holds jieba's words of the 选登 text, title apart.
    title, body = words(entry(question))
    assert "灵活就业" in title
    assert "社会保险" in title
    assert "受理" in body
    # A word inside a sentence, a synonym (社保 = 社会保险), one from the answer.
    assert questions(site, "灵活就业") == [question]
    assert questions(site, "社保怎么交") == [question]
    assert questions(site, "受理服务中心") == [question]
    hit = search_pages(
        query="灵活就业", site=site, filters=SearchFilters(content_types=("question",))
    ).hits[0]
    assert hit.search_type.key == "question"
    assert hit.page is None and hit.record == question


@pytest.mark.django_db
def test_only_published_questions_ever_appear(make_question, site):
    words = "灵活就业人员如何缴纳社会保险"
    public = make_question(published=True, title=words)
    unanswered = make_question(title=words)
    answered_only = make_question(title=words, answer="可在社区事务受理服务中心办理。")
    no_consent = make_question(title=words, consent_to_publish=False, answer="可以。")
    withdrawn = make_question(published=True, title=words)
    services.question_unpublish(question=withdrawn)  # no commit callbacks: stale index
    assert entry(withdrawn) is not None

    assert questions(site, "灵活就业") == [public]
    for question in (unanswered, answered_only, no_consent):
        assert entry(question) is None
    # The index may lag (the update runs after the commit); the query-time rule
    # does not: the withdrawn Q&A is out although its entry is still there.
    assert withdrawn not in questions(site, "灵活就业")


@pytest.mark.django_db
def test_what_the_asker_typed_is_never_indexed(make_question, site):
    question = make_question(
        published=True,
        title="张三的社保卡 13812345678 丢了怎么补办",
        content="我是张三，身份证 110105199001011234，电话 13812345678",
        name="张三",
    )
    title, body = words(entry(question))
    text = " ".join([*title, *body])
    for secret in ("张三", "13812345678", "110105199001011234"):
        assert secret not in text
        assert questions(site, secret) == []
    assert questions(site, "社保卡补办") == [question]


@pytest.mark.django_db
def test_withdrawing_and_deleting_remove_the_entry(
    make_question, site, django_capture_on_commit_callbacks
):
    withdrawn = make_question(published=True, title="失业保险金申领需要哪些条件")
    deleted = make_question(published=True, title="失业保险金申领需要哪些材料")
    assert {hit for hit in questions(site, "失业保险金")} == {withdrawn, deleted}

    with django_capture_on_commit_callbacks(execute=True):
        services.question_unpublish(question=withdrawn)
    assert entry(withdrawn) is None
    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()
    assert entry(deleted) is None
    assert questions(site, "失业保险金") == []

    # Published again: back in the index, with the text as it is now.
    with django_capture_on_commit_callbacks(execute=True):
        services.question_publish(question=withdrawn, title="失业保险金领取条件")
    assert questions(site, "领取条件") == [withdrawn]


@pytest.mark.django_db
def test_an_edited_answer_is_searchable_after_the_commit(
    make_question, site, django_capture_on_commit_callbacks
):
    question = make_question(published=True, title="社保卡如何补办")
    assert questions(site, "补换卡") == []
    question.answer = "可到社区事务受理服务中心补换卡。"
    with django_capture_on_commit_callbacks(execute=True):
        question.save()
    assert questions(site, "补换卡") == [question]


@pytest.fixture
def mixed(make_policy, make_question, site_tree):
    from cms.taxonomy.models import Organization, Topic

    topic = Topic.objects.filter(parent__isnull=False).order_by("pk").first()
    policy = make_policy(
        title="关于做好失业保险金发放工作的通知",
        publish_date=datetime.date(2025, 6, 1),
        written_date=datetime.date(2025, 5, 20),
    )
    policy.topics.set([topic.parent])
    policy.save()
    insurance = Organization.objects.get(name="社会保险科")
    question = make_question(
        published=True, title="失业保险金申领需要哪些条件", department=insurance
    )
    Question.objects.filter(pk=question.pk).update(
        published_at=timezone.make_aware(datetime.datetime(2026, 3, 6, 9))
    )
    return {"policy": policy, "question": question, "topic": topic, "org": insurance}


@pytest.mark.django_db
def test_facets_count_records_with_pages(mixed, site, bureau):
    outcome = search_pages(query="失业保险金", site=site)
    assert outcome.total == 2
    facets = {
        name: {(v.value, v.label, v.count) for v in values}
        for name, values in outcome.facets.items()
    }
    assert facets["contentType"] == {
        ("policy", "政策文件", 1),
        ("question", "网上咨询", 1),
    }
    topic = mixed["topic"]
    assert facets["topic"] == {
        (str(topic.parent.pk), topic.parent.name, 1),
        (str(topic.pk), topic.name, 1),
    }
    assert facets["organization"] == {
        (str(bureau.pk), bureau.name, 1),
        (str(mixed["org"].pk), "社会保险科", 1),
    }
    assert facets["year"] == {("2026", "2026年", 1), ("2025", "2025年", 1)}
    # A question has no 有效性: only the policy counts there.
    assert facets["validity"] == {("valid", "有效", 1)}


@pytest.mark.django_db
def test_filters_apply_to_records(mixed, site, bureau):
    question, policy, topic = mixed["question"], mixed["policy"], mixed["topic"]
    assert found(site, "失业保险金", content_types=("question",)) == [question]
    assert found(site, "失业保险金", content_types=("policy",)) == [policy]
    # A first-level topic finds the Q&A filed under its second-level topic.
    assert set(found(site, "失业保险金", topic_ids=(topic.parent.pk,))) == {
        question,
        policy,
    }
    assert found(site, "失业保险金", topic_ids=(topic.pk,)) == [question]
    assert found(site, "失业保险金", organization_ids=(mixed["org"].pk,)) == [question]
    assert found(site, "失业保险金", organization_ids=(bureau.pk,)) == [policy]
    assert found(site, "失业保险金", years=(2026,)) == [question]
    assert found(site, "失业保险金", years=(2025,)) == [policy]
    assert found(site, "失业保险金", validities=("valid",)) == [policy]

    filtered = search_pages(
        query="失业保险金",
        site=site,
        filters=SearchFilters(content_types=("question",)),
    )
    # Each facet ignores its own filter: the other content type stays choosable.
    assert {(v.value, v.count) for v in filtered.facets["contentType"]} == {
        ("policy", 1),
        ("question", 1),
    }
    assert [(v.value, v.count) for v in filtered.facets["year"]] == [("2026", 1)]


@pytest.mark.django_db
def test_date_order_interleaves_records_and_pages(mixed, make_policy, site):
    newest = make_policy(
        title="关于失业保险金标准调整的通知",
        publish_date=datetime.date(2026, 4, 1),
        written_date=datetime.date(2026, 3, 30),
    )
    outcome = search_pages(query="失业保险金", site=site, order="date")
    assert [hit.item for hit in outcome.hits] == [
        newest,
        mixed["question"],
        mixed["policy"],
    ]
    window = search_pages(
        query="失业保险金", site=site, order="date", offset=1, limit=1
    )
    assert [hit.item for hit in window.hits] == [mixed["question"]]
    assert window.total == 3


@pytest.mark.django_db
def test_a_records_query_costs_a_few_statements_more(
    mixed, make_question, site, django_assert_max_num_queries
):
    for n in range(15):
        make_question(published=True, title=f"第{n}个关于失业保险金的咨询")
    search_pages(query="失业保险金", site=site)  # warm the dictionary
    # Pages as before (12 at most), and for the records: count, facets (topic,
    # organization), the window's ids and the records themselves.
    with django_assert_max_num_queries(17):
        outcome = search_pages(query="失业保险金", site=site, limit=20)
    assert outcome.total == 17
    assert len(outcome.hits) == 17
