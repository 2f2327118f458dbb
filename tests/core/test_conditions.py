"""The condition vocabulary shared by the policy list (申请条件) and 政策找人."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.core.conditions import (
    FIELDS,
    OPERATORS_BY_KIND,
    Condition,
    evaluate,
    validate_condition,
)

TODAY = datetime.date(2026, 12, 3)


def test_every_field_has_operators_and_choices_where_needed():
    for spec in FIELDS:
        assert OPERATORS_BY_KIND[spec.kind]
        if spec.kind in ("choice", "choices"):
            assert spec.choices, spec.key


def test_numbers_choices_sets_and_booleans():
    conditions = [
        validate_condition("age", "between", ["16", 35]),
        validate_condition("hukou", "in", ["本区", "本市外区"]),
        validate_condition("groups", "any", ["高校毕业生", "就业困难人员"]),
        validate_condition("insured", "is_true", None),
    ]
    profile = {"age": 24, "hukou": "本区", "groups": ["高校毕业生"], "insured": True}
    result = evaluate(conditions, profile, today=TODAY)
    assert result.matches and len(result.met) == 4

    result = evaluate(conditions, {**profile, "age": 36, "insured": False}, today=TODAY)
    assert [c.field for c in result.unmet] == ["age", "insured"]
    assert not result.matches and not result.possible


def test_all_and_not_in_on_sets():
    both = validate_condition("groups", "all", ["退役军人", "残疾人"])
    neither = validate_condition("groups", "not_in", ["城镇低保人员"])
    assert evaluate([both], {"groups": ["退役军人"]}, today=TODAY).unmet == [both]
    assert evaluate([both], {"groups": ["残疾人", "退役军人"]}, today=TODAY).matches
    assert evaluate([neither], {"groups": ["城镇低保人员"]}, today=TODAY).unmet
    assert evaluate([neither], {"groups": []}, today=TODAY).matches


def test_missing_field_is_unknown_not_unmet():
    condition = validate_condition("years_since_graduation", "lte", 2)
    result = evaluate([condition], {"age": 22}, today=TODAY)
    assert result.unknown == [condition]
    assert not result.matches and result.possible


def test_years_since_graduation_is_derived_on_the_day():
    condition = validate_condition("years_since_graduation", "lte", 2)
    assert evaluate([condition], {"graduation_year": 2024}, today=TODAY).matches
    assert evaluate([condition], {"graduation_year": 2023}, today=TODAY).unmet


def test_descriptions_are_chinese():
    assert validate_condition("age", "lte", "35").describe() == "年龄 小于等于 35 周岁"
    assert (
        validate_condition("hukou", "in", ["本区", "本市外区"]).describe()
        == "户籍 属于 本区、本市外区"
    )
    assert validate_condition("insured", "is_true", None).describe() == (
        "正常缴纳社会保险：是"
    )
    assert Condition("age", "between", [16, 24]).describe() == "年龄 介于 16～24 周岁"


@pytest.mark.parametrize(
    ("field", "operator", "value", "key", "message"),
    [
        ("height", "eq", 1, "field", "未知的条件字段“height”"),
        ("age", "any", [1], "operator", "“年龄”只能用以下运算"),
        ("age", "lte", "三十五", "value", "“年龄”需要数值"),
        ("age", "lte", "nan", "value", "“年龄”需要数值"),
        ("age", "between", [40, 30], "value", "下限不能大于上限"),
        ("hukou", "in", ["火星"], "value", "“户籍”没有这些取值：火星"),
        ("hukou", "eq", ["本区", "外省市"], "value", "“等于”只能取一个值"),
    ],
)
def test_bad_conditions_are_refused_in_chinese(field, operator, value, key, message):
    with pytest.raises(ValidationError) as caught:
        validate_condition(field, operator, value)
    assert message in caught.value.message_dict[key][0]
