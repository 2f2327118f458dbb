"""The keyword filter, through every way grams.py plans it, finds exactly what a
case-insensitive substring search of the masked fields finds, and counts it
exactly; the text rows hold masked text only and follow every write."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q

from cms.credit import grams
from cms.credit.models import DecisionKind, DecisionText, PartyType
from cms.credit.selectors import (
    IDENTIFIER_CHARS,
    filter_decisions,
    public_decisions,
)
from cms.credit.services import credit_repair, withdraw_expired

from .conftest import resident_id

pytestmark = pytest.mark.django_db

LIST = (
    "query($filter: CreditDecisionFilter) {"
    " creditDecisions(filter: $filter, first: 3) {"
    " totalCount edges { node { id } } pageInfo { hasNextPage } } }"
)
# Each planned differently (grams.keyword_match): common and rare keywords, one
# and two characters with and without letter case, a separator, END, nothing.
KEYWORDS = (
    "劳务派遣",
    "劳务",
    "派遣有限",
    "庄",
    "号",
    "某",
    "2026",
    "〔",
    "abc",
    "ABC",
    "aBc-z",
    "z",
    "Z",
    "É",
    "é",
    "ß",
    "ｂ",
    "Ｂ",
    "σ",
    "Σ",
    "ı",
    "I",
    "i",
    "有限公司\n甲乙",
    "相邻。\n甲方",
    "号" + grams.END,
    "甲乙丙",
    "乙丙相邻",
    "拖欠",
    "欧阳晓明",
    "晓",
)


@pytest.fixture(autouse=True)
def _fresh_frequencies():
    # The remembered counts are hints for the plan: start each test without any.
    grams._FREQUENCIES.clear()
    yield
    grams._FREQUENCIES.clear()


@pytest.fixture(params=["few", "many"])
def plan(request, monkeypatch) -> str:
    """Both plans of a keyword: few candidates (looked up by id) and many (the
    page tests row by row, the count collects ids once)."""
    if request.param == "many":
        monkeypatch.setattr(grams, "COMMON", 0)
        monkeypatch.setattr(grams, "COMMON_SHARE", 10**9)
    return request.param


@pytest.fixture
def decisions(make_decision):
    made = [
        make_decision(
            party_name=f"上海莘庄{n}劳务派遣有限公司",
            content="未经许可擅自经营劳务派遣业务。",
        )
        for n in range(3)
    ]
    made += [
        make_decision(
            party_name="ABC-Zz 物流有限公司",
            content="École ÉCOLE straße ｂ σοφός ΣΟΦΟΣ İstanbul ı",
            decision_date=datetime.date(2026, 3, 3),
        ),
        make_decision(
            party_name="上海七宝物流有限公司",
            # Every bigram of 有限公司\n甲乙 is in a field, the keyword only
            # across two fields.
            content="甲乙相邻，乙丙相邻。\n甲方另查：公司\n说明",
            decision_date=datetime.date(2026, 3, 1),
        ),
        make_decision(
            party_name="欧阳晓明",
            party_type=PartyType.NATURAL_PERSON,
            id_number=resident_id("19850612", "457"),
            content="当事人欧阳晓明拖欠劳动者工资。",
            decision_date=datetime.date(2026, 2, 27),
        ),
        make_decision(
            kind=DecisionKind.LICENSE,
            party_name="上海颛桥劳务派遣有限责任公司",
            decision_date=datetime.date(2026, 1, 5),
        ),
    ]
    return made


def substring(keyword: str) -> list[int]:
    """What the filter must find: the substring test itself, on the fields."""
    return list(
        public_decisions()
        .filter(
            Q(document_number__icontains=keyword)
            | Q(public_party_name__icontains=keyword)
            | Q(public_content__icontains=keyword)
            | Q(public_identifier=keyword)
        )
        .values_list("pk", flat=True)
    )


def found(keyword: str) -> list[int]:
    return list(
        filter_decisions(public_decisions(), keyword=keyword).values_list(
            "pk", flat=True
        )
    )


def test_every_plan_finds_and_counts_exactly_the_substring_matches(
    decisions, plan, graphql
):
    assert substring("劳务派遣") and substring("庄") and substring("abc")
    for keyword in KEYWORDS:
        expected = substring(keyword)
        assert found(keyword) == expected, keyword
        # The page (sliced) and the count (every match) are planned apart.
        page = graphql(LIST, {"filter": {"keyword": keyword}})
        assert "errors" not in page, page
        connection = page["data"]["creditDecisions"]
        assert [int(edge["node"]["id"]) for edge in connection["edges"]] == (
            expected[:3]
        ), keyword
        assert connection["totalCount"] == len(expected), keyword
        assert connection["pageInfo"]["hasNextPage"] is (len(expected) > 3)


def test_a_public_identifier_is_found_whole_and_only_such_keywords_ask(decisions, plan):
    for decision in decisions:
        identifier = decision.public_identifier
        # The rule that lets other keywords leave identifiers out
        # (selectors.IDENTIFIER_CHARS), for both kinds: 统一社会信用代码 and
        # a masked ID number.
        assert IDENTIFIER_CHARS.fullmatch(identifier), identifier
        assert decision.pk in found(identifier)
    assert "*" in decisions[5].public_identifier
    # A keyword no identifier can equal is not looked for among them.
    query = str(filter_decisions(public_decisions(), keyword="劳务派遣").query)
    assert '"public_identifier" =' not in query


def in_list_order(decisions, holds) -> list[int]:
    ordered = sorted(decisions, key=lambda d: (d.decision_date, d.pk), reverse=True)
    return [d.pk for d in ordered if holds(d)]


def test_common_keywords_and_single_characters(decisions, plan):
    staffing = in_list_order(decisions, lambda d: "劳务派遣" in d.public_party_name)
    assert len(staffing) == 4
    assert found("劳务派遣") == staffing
    assert found("派遣有限") == staffing
    assert found("庄") == in_list_order(
        decisions, lambda d: "庄" in d.public_party_name
    )
    assert found("号") == in_list_order(decisions, lambda d: True)  # every 文书号
    # Both bigrams of 甲乙丙 are there, the substring is not.
    assert found("甲乙丙") == []
    # The end of the party name and the start of the content: no field holds it.
    assert found("有限公司\n甲乙") == []
    assert found("乙丙相邻。\n甲方") == [decisions[4].pk]


def test_ascii_letters_match_in_either_case(decisions, plan):
    abc = decisions[3].pk
    for keyword in ("abc", "ABC", "aBc-zZ", "z", "Z", "école"[1:], "STRA"):
        assert found(keyword) == [abc], keyword
    assert found("zzz") == []


def test_a_masked_name_is_not_found_by_the_raw_name(decisions, plan):
    person = decisions[5]
    assert person.public_party_name == "欧某某某"
    text = DecisionText.objects.get(decision=person).text
    assert "晓" not in text and "阳" not in text
    assert person.id_number not in text and "19850612" not in text
    assert found("欧阳晓明") == []
    assert found("晓") == []  # one character, through the bigrams
    assert found("阳晓") == []  # two, the bigram itself
    assert found("欧某某某") == [person.pk]
    assert found("拖欠") == [person.pk]


def test_text_rows_follow_edits_and_leave_on_withdrawal(make_decision, plan):
    expiring = make_decision(
        content="劳务派遣用工比例超过规定。",
        decision_date=datetime.date(2024, 1, 5),
    )
    repaired = make_decision(
        content="劳务派遣单位未依法订立劳动合同。",
        decision_date=datetime.date(2026, 1, 5),
    )
    text = DecisionText.objects.get(decision=repaired).text
    assert repaired.document_number in text
    assert "劳务派遣单位未依法订立劳动合同。" in text
    repaired.content = "劳务派遣单位未依法订立书面劳动合同。"
    repaired.save()
    assert "书面" in DecisionText.objects.get(decision=repaired).text
    for keyword in ("劳务派遣", "劳务", "派", "书面"):
        assert found(keyword) == [repaired.pk], keyword
    today = datetime.date(2026, 5, 1)

    assert DecisionText.objects.filter(decision=expiring).exists()
    assert withdraw_expired(today=today) == 1
    assert not DecisionText.objects.filter(decision=expiring).exists()
    credit_repair(
        decision=repaired,
        reason="已整改并作出信用承诺",
        repaired_on=datetime.date(2026, 4, 20),
        user=None,
        today=today,
    )
    assert not DecisionText.objects.filter(decision=repaired).exists()
    for keyword in ("劳务派遣", "劳务", "派", "书面"):
        assert found(keyword) == [], keyword


def test_the_fold_takes_as_one_what_icontains_takes_as_one():
    """Every character whose upper case, lower-cased, is another lower case is
    folded to that one (the table in grams.py against Python's Unicode)."""
    for code in range(0x110000):
        char = chr(code)
        upper = char.upper()
        if len(upper) == 1 and len(upper.lower()) == 1:
            assert grams.index_fold(char) == upper.lower(), hex(code)
    assert grams.index_fold("xΣ") == grams.index_fold("xσ") == "xσ"


def test_the_list_with_a_keyword_has_pinned_queries(
    decisions, graphql, django_assert_max_num_queries
):
    # As without a keyword (test_api: two), and the uncached hints: the bigram
    # counts (a character's range for a character) and the listed count.
    for keyword, queries in (("劳务派遣", 4), ("庄", 4), ("莘庄1劳务", 4)):
        grams._FREQUENCIES.clear()
        with django_assert_max_num_queries(queries):
            result = graphql(LIST, {"filter": {"keyword": keyword}})
        assert result["data"]["creditDecisions"]["totalCount"] == len(
            substring(keyword)
        )
        # Remembered: no more than without a keyword.
        with django_assert_max_num_queries(2):
            graphql(LIST, {"filter": {"keyword": keyword}})
