"""Policy-list items: conditions validated by the shared vocabulary, the public
rule (published item of a live, 主动公开 policy) and the expired-policy flag."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.core.choices import Disclosure
from cms.core.conditions import Condition, evaluate
from cms.policies.models import ValidityOverride
from cms.policylist.models import ItemCondition
from cms.policylist.selectors import list_updated_at, public_list_items
from tests.factories import PolicyPageFactory


def test_conditions_list_gives_the_vocabulary_conditions_in_order(
    make_item, django_assert_num_queries
):
    item = make_item(
        conditions=[
            ("age", "between", [16, 35]),
            ("hukou", "in", ["本区", "本市外区"]),
            ("insured", "is_true", None),
        ]
    )
    [loaded] = public_list_items()
    with django_assert_num_queries(0):
        conditions = loaded.conditions_list()
    assert conditions == [
        Condition("age", "between", [16, 35]),
        Condition("hukou", "in", ["本区", "本市外区"]),
        Condition("insured", "is_true", None),
    ]
    assert [c.describe() for c in conditions] == [
        "年龄 介于 16～35 周岁",
        "户籍 属于 本区、本市外区",
        "正常缴纳社会保险：是",
    ]
    result = evaluate(
        conditions, {"age": 30, "hukou": "本区"}, today=datetime.date(2026, 1, 5)
    )
    assert (len(result.met), result.unmet, result.unknown) == (
        2,
        [],
        [Condition("insured", "is_true", None)],
    )
    assert item.pk == loaded.pk


@pytest.mark.parametrize(
    ("field", "operator", "value", "errors"),
    [
        ("height", "lte", 180, {"field": ["未知的条件字段“height”"]}),
        (
            "age",
            "in",
            [1],
            {
                "operator": [
                    "“年龄”只能用以下运算：等于、不等于、大于、大于等于、小于、小于等于、介于"
                ]
            },
        ),
        ("age", "lte", "三十五", {"value": ["“年龄”需要数值"]}),
        ("hukou", "in", ["火星"], {"value": ["“户籍”没有这些取值：火星"]}),
        ("age", "between", [40, 30], {"value": ["下限不能大于上限"]}),
    ],
)
def test_a_bad_condition_is_refused_by_field(make_item, field, operator, value, errors):
    item = make_item()
    condition = ItemCondition(item=item, field=field, operator=operator, value=value)
    with pytest.raises(ValidationError) as caught:
        condition.full_clean()
    assert caught.value.message_dict == errors


def test_a_good_condition_is_stored_in_canonical_form(make_item):
    item = make_item()
    condition = ItemCondition(item=item, field="age", operator="lte", value="35")
    condition.full_clean()
    assert condition.value == 35


def test_only_published_items_of_public_live_policies_are_public(
    site_tree, policy, make_item
):
    shown = make_item("一次性创业补贴")
    make_item("草稿中的清单项", published=False)
    withheld_policy = PolicyPageFactory(
        parent=site_tree.policies,
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="涉及内部管理信息",
    )
    make_item("依申请公开政策的清单项", policy=withheld_policy)
    draft_policy = PolicyPageFactory(parent=site_tree.policies, live=False)
    make_item("未发布政策的清单项", policy=draft_policy)
    assert list(public_list_items()) == [shown]


def test_items_of_an_expired_policy_are_flagged_and_can_be_left_out(
    site_tree, policy, make_item
):
    current = make_item("一次性创业补贴")
    old_policy = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于做好2022年创业补贴工作的通知",
        expiry_date=datetime.date(2024, 12, 31),
    )
    expired = make_item("2022年创业补贴", policy=old_policy)
    repealed_policy = PolicyPageFactory(
        parent=site_tree.policies, validity_override=ValidityOverride.REPEALED
    )
    repealed = make_item("已废止的补贴", policy=repealed_policy)

    flags = {item.title: item.policy_expired for item in public_list_items()}
    assert flags == {current.title: False, expired.title: True, repealed.title: True}
    assert list(public_list_items(include_expired=False)) == [current]
    # The flag does not need the annotation.
    assert expired.policy_expired is True
    assert current.policy_expired is False


def test_the_list_shows_its_last_change(make_item):
    assert list_updated_at() is None
    first = make_item("一次性创业补贴")
    second = make_item("创业场地房租补贴")
    assert list_updated_at() == second.updated_at
    first.phone = "021-64120000"
    first.save()
    first.refresh_from_db()
    assert list_updated_at() == first.updated_at
    make_item("未发布的项", published=False)
    assert list_updated_at() == first.updated_at
