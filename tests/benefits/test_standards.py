"""Benefit standards: overlap refused in Chinese, previous amount filled in, the
current standard on a date, the timeline, public only with the basis policy, and
the 20-working-day disclosure deadline across the National Day holiday."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cms.benefits.models import BenefitStandard, Scheme
from cms.benefits.selectors import standards_on, timeline
from tests.factories import PolicyPageFactory

D = datetime.date


@pytest.fixture
def policy(site_tree):
    return PolicyPageFactory(
        parent=site_tree.policies, title="关于调整本市最低工资标准的通知"
    )


@pytest.fixture
def draft(site_tree):
    """A basis policy not yet published: its standards are not disclosed."""
    return PolicyPageFactory(
        parent=site_tree.policies,
        title="关于调整本市最低工资标准的通知（待发布）",
        live=False,
    )


def make(
    policy, amount, start, end=None, *, category="月最低工资标准", decided=None, **extra
):
    standard = BenefitStandard(
        scheme=Scheme.MINIMUM_WAGE,
        category=category,
        amount=Decimal(amount),
        effective_from=start,
        effective_to=end,
        basis_policy=policy,
        decision_date=decided or start,
        **extra,
    )
    standard.full_clean()
    standard.save()
    return standard


def test_previous_amount_current_standard_and_timeline(policy):
    make(policy, "2590", D(2023, 7, 1), D(2024, 6, 30))
    make(policy, "2690", D(2024, 7, 1), D(2025, 6, 30))
    current = make(policy, "2740", D(2025, 7, 1))
    make(policy, "25", D(2025, 7, 1), category="小时最低工资标准")
    assert current.previous_amount == Decimal("2690.00")
    assert [(s.category, s.amount) for s in standards_on(D(2024, 12, 1))] == [
        ("月最低工资标准", Decimal("2690.00"))
    ]
    assert [(s.category, s.amount) for s in standards_on(D(2025, 7, 1))] == [
        ("小时最低工资标准", Decimal("25.00")),
        ("月最低工资标准", Decimal("2740.00")),
    ]
    assert [
        (s.amount, s.previous_amount)
        for s in timeline(Scheme.MINIMUM_WAGE)
        if s.category == "月最低工资标准"
    ] == [
        (Decimal("2590.00"), None),
        (Decimal("2690.00"), Decimal("2590.00")),
        (Decimal("2740.00"), Decimal("2690.00")),
    ]


def test_an_overlapping_range_is_refused_in_chinese(policy):
    make(policy, "2690", D(2024, 7, 1), D(2025, 6, 30))
    make(policy, "2740", D(2025, 7, 1))
    with pytest.raises(ValidationError) as caught:
        make(policy, "2800", D(2025, 6, 1), D(2025, 12, 31))
    assert caught.value.message_dict == {
        "effective_from": [
            "与已有标准（2690.00 元/月，2024-07-01 至 2025-06-30）的执行期间重叠。"
        ]
    }
    # Starting inside the current standard's range is an overlap, not an adjustment.
    with pytest.raises(ValidationError) as caught:
        make(policy, "2800", D(2025, 1, 1))
    assert caught.value.message_dict == {
        "effective_from": [
            "与已有标准（2690.00 元/月，2024-07-01 至 2025-06-30）的执行期间重叠。"
        ]
    }
    assert BenefitStandard.objects.count() == 2


def test_ending_the_public_standard_moves_the_cached_answers_on(graphql, policy, draft):
    make(policy, "2740", D(2025, 7, 1))
    query = "{ benefitTimeline(scheme: MINIMUM_WAGE) { amount effectiveTo } }"
    assert graphql(query)["data"]["benefitTimeline"] == [
        {"amount": "2740.00", "effectiveTo": None}
    ]
    # Adjusted under a basis policy not yet public: the public standard now ends.
    make(draft, "2800", D(2026, 7, 1))
    assert graphql(query)["data"]["benefitTimeline"] == [
        {"amount": "2740.00", "effectiveTo": "2026-06-30"}
    ]


def test_an_adjustment_ends_the_current_standard_the_day_before(policy):
    current = make(policy, "2740", D(2025, 7, 1))
    adjusted = make(policy, "2800", D(2026, 7, 1), decided=D(2026, 6, 1))
    current.refresh_from_db()
    assert current.effective_to == D(2026, 6, 30)
    assert (adjusted.effective_to, adjusted.previous_amount) == (None, Decimal("2740"))
    assert [s.amount for s in standards_on(D(2026, 6, 30))] == [Decimal("2740")]
    assert [s.amount for s in standards_on(D(2026, 7, 1))] == [Decimal("2800")]
    # A standard before one that already ends does not move it.
    make(policy, "2690", D(2024, 7, 1), D(2025, 6, 30))
    current.refresh_from_db()
    assert current.effective_to == D(2026, 6, 30)


def test_not_public_before_its_basis_policy_is_live(site_tree, policy):
    draft = PolicyPageFactory(parent=site_tree.policies, live=False)
    make(policy, "2740", D(2025, 7, 1))
    hidden = BenefitStandard(
        scheme=Scheme.UNEMPLOYMENT,
        category="失业保险金",
        amount=Decimal("2175"),
        effective_from=D(2025, 7, 1),
        basis_policy=draft,
        decision_date=D(2025, 6, 20),
    )
    hidden.save()
    assert [s.scheme for s in standards_on(D(2025, 8, 1))] == [Scheme.MINIMUM_WAGE]


def test_the_disclosure_deadline_counts_working_days_across_national_day(draft):
    # Decided 2025-09-26 (Fri): 10-1 … 10-8 are off; 9-28 (Sun) and 10-11 (Sat) are
    # 调休 working days.
    standard = make(draft, "2740", D(2025, 10, 1), decided=D(2025, 9, 26))
    assert standard.disclosure_due == D(2025, 10, 30)
    assert (standard.due_date, standard.disclosed_on) == (D(2025, 10, 30), None)
    assert standard.is_overdue(today=D(2025, 10, 30)) is False
    assert standard.is_overdue(today=D(2025, 10, 31)) is True
    standard.disclosed_on = D(2025, 10, 20)
    assert standard.is_overdue(today=D(2025, 12, 1)) is False


def test_current_standards_and_timeline_through_graphql(
    graphql, policy, django_assert_max_num_queries
):
    make(policy, "2690", D(2024, 7, 1), D(2025, 6, 30))
    make(policy, "2740", D(2025, 7, 1))
    query = """
    query ($on: Date) {
      benefitStandards(scheme: MINIMUM_WAGE, on: $on) {
        category amount unit previousAmount effectiveFrom effectiveTo basisPolicy { title }
      }
      benefitTimeline(scheme: MINIMUM_WAGE) { amount effectiveFrom }
    }
    """
    with django_assert_max_num_queries(6):
        data = graphql(query, {"on": "2025-01-01"})["data"]
    assert data == {
        "benefitStandards": [
            {
                "category": "月最低工资标准",
                "amount": "2690.00",
                "unit": "元/月",
                "previousAmount": None,
                "effectiveFrom": "2024-07-01",
                "effectiveTo": "2025-06-30",
                "basisPolicy": {"title": "关于调整本市最低工资标准的通知"},
            }
        ],
        "benefitTimeline": [
            {"amount": "2690.00", "effectiveFrom": "2024-07-01"},
            {"amount": "2740.00", "effectiveFrom": "2025-07-01"},
        ],
    }


def test_the_admin_listing_flags_overdue_adjustments(client, superuser, draft):
    make(draft, "2740", D(2025, 7, 1), decided=D(2025, 6, 1))
    client.force_login(superuser)
    response = client.get("/admin/snippets/benefits/benefitstandard/")
    assert response.status_code == 200
    assert "已超期" in response.text


def test_a_holiday_entered_later_moves_the_due_date(
    draft, django_capture_on_commit_callbacks
):
    from cms.workdays.models import CalendarOverride

    standard = make(draft, "2740", D(2025, 10, 1), decided=D(2025, 9, 26))
    assert standard.due_date == D(2025, 10, 30)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.create(date=D(2025, 10, 20), reason="演示：临时休息日")
    standard.refresh_from_db()
    assert standard.due_date == D(2025, 10, 31)
