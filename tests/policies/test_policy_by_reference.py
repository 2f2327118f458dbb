"""policy_by_reference: the one rule by which imports (待遇标准, 政策清单) name a
policy: its 发文字号 in any bracket and spacing form, or its exact title."""

from __future__ import annotations

import pytest

from cms.policies.selectors import policy_by_reference
from tests.factories import PolicyPageFactory

TITLE = "关于调整本区失业保险金标准的通知"


@pytest.fixture
def policy(site_tree):
    return PolicyPageFactory(
        parent=site_tree.policies, title=TITLE, doc_number="闵人社发〔2025〕19号"
    )


@pytest.mark.parametrize(
    "text",
    [
        "闵人社发〔2025〕19号",
        "闵人社发[2025]19号",
        "闵人社发（2025）019号",
        "闵人社发 【2025】 19 号",
        "闵人社发〔２０２５〕１９号",
        TITLE,
    ],
)
def test_a_policy_is_found_by_its_number_in_any_form_or_its_title(policy, text):
    assert policy_by_reference(text) == policy


@pytest.mark.parametrize(
    "text",
    [
        "闵人社发〔2025〕20号",
        "闵人社发〔2024〕19号",
        "关于调整本区失业保险金标准",  # part of the title
        "",
    ],
)
def test_nothing_else_finds_it(policy, text):
    assert policy_by_reference(text) is None


def test_a_title_two_policies_share_finds_neither(policy, site_tree):
    PolicyPageFactory(parent=site_tree.policies, title=TITLE, doc_number="")
    assert policy_by_reference(TITLE) is None
    # The number still names one of them.
    assert policy_by_reference("闵人社发[2025]19号") == policy


def test_a_text_that_is_one_policys_title_and_anothers_number_finds_neither(
    policy, site_tree
):
    PolicyPageFactory(parent=site_tree.policies, title="闵人社发〔2025〕19号")
    assert policy_by_reference("闵人社发〔2025〕19号") is None


def test_one_query(policy, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert policy_by_reference("闵人社发[2025]19号") == policy
