"""The keyword filter's bigram index: masked text only, kept in step with every
write, and the same matches as a substring search."""

from __future__ import annotations

import datetime

import pytest

from cms.core.importing import read_file
from cms.credit.grams import decode, field_grams
from cms.credit.importing import COLUMNS, DecisionImporter
from cms.credit.models import DecisionGram, PartyType
from cms.credit.selectors import filter_decisions, public_decisions
from cms.credit.services import credit_repair

from .conftest import resident_id

pytestmark = pytest.mark.django_db


def stored(decision) -> set[str]:
    return {
        decode(gram)
        for gram in DecisionGram.objects.filter(decision=decision).values_list(
            "gram", flat=True
        )
    }


def public_bigrams(decision) -> set[str]:
    texts = (
        decision.document_number,
        decision.public_party_name,
        decision.public_content,
    )
    return {decode(gram) for text in texts for gram in field_grams(text)}


def found(keyword: str) -> list[int]:
    return list(
        filter_decisions(public_decisions(), keyword=keyword).values_list(
            "pk", flat=True
        )
    )


def test_a_natural_persons_name_and_id_number_never_reach_the_index(make_decision):
    id_number = resident_id("19850612", "457")
    decision = make_decision(
        # Its own digits, none of the birth date's (the factory numbers decisions
        # in the order tests run).
        document_number="闵人社监罚字〔2026〕第00077号",
        party_name="欧阳晓明",
        party_type=PartyType.NATURAL_PERSON,
        id_number=id_number,
        content=f"当事人欧阳晓明（身份证号码{id_number}）未按照规定支付劳动者工资。",
    )
    grams = stored(decision)
    assert grams
    # Every row is a bigram of the masked public text, nothing else.
    assert grams <= public_bigrams(decision)
    assert {"阳晓", "晓明"}.isdisjoint(grams)
    # The digits of the birth date, hidden by the mask, are in no row.
    assert {"19", "98", "85", "50", "06", "61", "12"}.isdisjoint(grams)
    assert "欧某某某" in decision.public_party_name
    assert found("晓明") == []
    assert found("欧阳晓明") == []
    assert found(id_number) == []
    assert found("19850612") == []
    assert found("欧某某某") == [decision.pk]


def test_keywords_find_what_a_substring_search_finds(make_decision):
    staffing = make_decision(
        party_name="上海莘庄劳务派遣有限公司",
        content="未经许可擅自经营劳务派遣业务，涉及社保缴费。",
    )
    other = make_decision(
        party_name="上海七宝物流有限公司",
        content="甲乙相邻，乙丙相邻。",
    )
    assert found("社保") == [staffing.pk]  # two characters: the bigram itself
    assert found("莘庄劳务") == [staffing.pk]  # a fragment of the company name
    assert found("庄劳") == [staffing.pk]
    assert found(staffing.document_number) == [staffing.pk]
    assert found(staffing.public_identifier) == [staffing.pk]  # whole, not a part
    assert found(staffing.public_identifier[:8]) == []
    assert sorted(found("有限公司")) == sorted([staffing.pk, other.pk])
    assert found("物") == [other.pk]  # one character: a substring scan
    # Both bigrams of 甲乙丙 are there, the substring is not.
    assert found("甲乙丙") == []
    assert found("乙丙相邻") == [other.pk]
    assert found("拖欠") == []
    assert found("LAOWU") == []


def test_the_index_follows_edits_and_withdrawal(make_decision):
    decision = make_decision(
        content="违反规定延长劳动者工作时间。",
        decision_date=datetime.date(2026, 1, 5),
    )
    assert found("延长") == [decision.pk]
    decision.content = "未按照规定建立职工名册。"
    decision.save()
    assert found("延长") == []
    assert found("职工名册") == [decision.pk]
    assert "延长" not in stored(decision)

    credit_repair(
        decision=decision,
        reason="已整改并作出信用承诺",
        repaired_on=datetime.date(2026, 4, 20),
        user=None,
        today=datetime.date(2026, 5, 1),
    )
    assert stored(decision) == set()
    assert found("职工名册") == []


def test_unpublished_and_minor_decisions_have_no_rows(make_decision):
    draft = make_decision(is_published=False)
    minor = make_decision(severity="minor")
    assert stored(draft) == set()
    assert stored(minor) == set()
    draft.is_published = True
    draft.save()
    assert stored(draft) == public_bigrams(draft)


def test_import_writes_and_rewrites_the_rows(tmp_path):
    headers = [column.label for column in COLUMNS]
    row = {
        "决定类别": "行政处罚",
        "文书号": "闵人社监罚字〔2026〕第07001号",
        "当事人": "陈思远",
        "当事人类型": "自然人",
        "身份证号码": resident_id("19920101", "331"),
        "违法事实": "当事人陈思远以欺诈手段骗取社会保险基金支出。",
        "依据": "《社会保险法》第八十八条",
        "处罚种类": "罚款",
        "决定日期": "2026-03-02",
        "决定机关": "上海市闵行区人力资源和社会保障局",
        "失信严重程度": "严重",
    }
    path = tmp_path / "双公示.csv"

    def write(values) -> None:
        path.write_text(
            ",".join(headers)
            + "\n"
            + ",".join(str(values.get(name, "")) for name in headers)
            + "\n",
            encoding="utf-8",
        )

    write(row)
    DecisionImporter(index=False).run(read_file(path))
    (pk,) = found("骗取")
    assert {"思远", "陈思"}.isdisjoint(stored(pk))
    assert found("陈某某") == [pk]

    write(row | {"违法事实": "当事人陈思远未按照规定支付劳动者工资。"})
    report = DecisionImporter(index=False).run(read_file(path))
    assert report.updated == 1
    assert found("骗取") == []
    assert found("支付劳动者") == [pk]
