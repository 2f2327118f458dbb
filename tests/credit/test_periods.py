"""The 7-working-day deadline (working-day calendar, across holidays), publicity
periods by severity, automatic withdrawal at the end, early withdrawal after 信用修复."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from modelsearch.conf import get_app_config

from cms.credit import services
from cms.credit.models import (
    CreditDecision,
    DecisionKind,
    DecisionLog,
    Severity,
    Withdrawal,
)
from cms.credit.periods import add_months, disclosure_due, publicity_ends
from cms.credit.selectors import overdue_decisions, public_decisions
from cms.credit.tasks import withdraw_expired_decisions
from search.registry import content_type_id

pytestmark = pytest.mark.django_db


def test_seven_working_days_skip_weekends_and_holidays():
    # Thursday 25 September 2025: the National Day holiday (1–8 October) and the
    # swapped working Saturday 11 October lie in between.
    assert disclosure_due(datetime.date(2025, 9, 25)) == (
        datetime.date(2025, 10, 11),
        False,
    )
    # Monday 2 March 2026: an ordinary fortnight.
    assert disclosure_due(datetime.date(2026, 3, 2))[0] == datetime.date(2026, 3, 11)
    # Friday 26 December 2025 across 元旦 (1–3 January 2026; 4 January worked).
    assert disclosure_due(datetime.date(2025, 12, 26))[0] == datetime.date(2026, 1, 7)


def test_periods_by_severity_end_on_the_corresponding_day():
    day = datetime.date(2025, 3, 10)
    assert publicity_ends(Severity.MINOR, day) == (None, None)
    assert publicity_ends(Severity.GENERAL, day) == (
        datetime.date(2025, 6, 10),
        datetime.date(2026, 3, 10),
    )
    assert publicity_ends(Severity.SERIOUS, day) == (
        datetime.date(2026, 3, 10),
        datetime.date(2028, 3, 10),
    )
    assert add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_overdue_is_measured_against_the_due_date(make_decision):
    local = timezone.get_current_timezone()

    def at(day: int) -> datetime.datetime:
        return datetime.datetime(2025, 10, day, 9, tzinfo=local)

    # Decided 25 September 2025, due 11 October.
    in_time = make_decision(
        decision_date=datetime.date(2025, 9, 25), published_at=at(11)
    )
    late = make_decision(decision_date=datetime.date(2025, 9, 25), published_at=at(13))
    waiting = make_decision(
        decision_date=datetime.date(2025, 9, 25), is_published=False
    )
    make_decision(decision_date=datetime.date(2025, 9, 25), severity=Severity.MINOR)
    assert in_time.due_date == datetime.date(2025, 10, 11)
    assert not in_time.is_overdue() and late.is_overdue()
    assert waiting.is_overdue(datetime.date(2025, 10, 12))
    assert not waiting.is_overdue(datetime.date(2025, 10, 11))
    assert set(overdue_decisions(today=datetime.date(2025, 10, 11))) == {late}
    assert set(overdue_decisions(today=datetime.date(2025, 10, 12))) == {late, waiting}


def _in_index(decision) -> bool:
    IndexEntry = get_app_config().get_model("IndexEntry")
    return IndexEntry.objects.filter(
        content_type_id=content_type_id(CreditDecision), object_id=str(decision.pk)
    ).exists()


def test_withdrawal_at_the_end_of_the_period(
    make_decision, set_today, django_capture_on_commit_callbacks
):
    set_today(datetime.date(2026, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        decision = make_decision(decision_date=datetime.date(2025, 3, 10))
        licence = make_decision(
            kind=DecisionKind.LICENSE, decision_date=datetime.date(2020, 3, 10)
        )
    assert decision.publicity_end == datetime.date(2026, 3, 10)
    assert _in_index(decision)

    set_today(datetime.date(2026, 3, 10))  # the last day
    assert set(public_decisions()) == {decision, licence}
    # The day after, the public rule hides it by date, before the task runs ...
    set_today(datetime.date(2026, 3, 11))
    assert set(public_decisions()) == {licence}
    # ... and the nightly task marks it withdrawn, logged, out of the index.
    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw_expired_decisions.call() == 1
    decision.refresh_from_db()
    assert (decision.withdrawn_on, decision.withdrawal) == (
        datetime.date(2026, 3, 11),
        Withdrawal.EXPIRED,
    )
    assert list(DecisionLog.objects.values_list("action", "note")) == [
        ("expired", "最长公示期至 2026-03-10 届满")
    ]
    assert not _in_index(decision) and _in_index(licence)
    assert withdraw_expired_decisions.call() == 0


def test_credit_repair_ends_publicity_early_with_reason_date_and_who(
    make_decision, set_today, django_user_model, django_capture_on_commit_callbacks
):
    officer = django_user_model.objects.create_user("jiancha", password="x")
    set_today(datetime.date(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        decision = make_decision(
            severity=Severity.SERIOUS, decision_date=datetime.date(2025, 3, 10)
        )
    set_today(datetime.date(2026, 4, 1))

    # Not before the minimum period (to 2026-03-10) has ended; nothing changes.
    with pytest.raises(ValidationError) as refused:
        services.credit_repair(
            decision=decision,
            reason="",
            repaired_on=datetime.date(2026, 3, 10),
            user=officer,
        )
    assert refused.value.message_dict == {
        "reason": ["请填写信用修复的原因"],
        "repaired_on": ["最短公示期至 2026-03-10，届满后方可信用修复、提前停止公示"],
    }
    decision.refresh_from_db()
    assert decision.withdrawn_on is None and list(public_decisions()) == [decision]

    with django_capture_on_commit_callbacks(execute=True):
        services.credit_repair(
            decision=decision,
            reason="已足额补发拖欠工资并缴纳罚款，作出信用承诺",
            repaired_on=datetime.date(2026, 3, 20),
            user=officer,
        )
    decision.refresh_from_db()
    assert (
        decision.withdrawn_on,
        decision.withdrawal,
        decision.withdrawal_note,
        decision.withdrawn_by,
    ) == (
        datetime.date(2026, 3, 20),
        Withdrawal.REPAIRED,
        "已足额补发拖欠工资并缴纳罚款，作出信用承诺",
        officer,
    )
    assert list(public_decisions()) == []
    assert not _in_index(decision)
    assert list(DecisionLog.objects.values_list("action", "note", "user")) == [
        (
            "repaired",
            "2026-03-20 信用修复：已足额补发拖欠工资并缴纳罚款，作出信用承诺",
            officer.pk,
        )
    ]
    # Once withdrawn there is nothing left to repair.
    with pytest.raises(ValidationError) as again:
        services.credit_repair(
            decision=decision,
            reason="重复",
            repaired_on=datetime.date(2026, 3, 21),
            user=officer,
        )
    assert again.value.message_dict == {
        "decision": ["该决定当前未在公示，无需信用修复"]
    }


def test_a_minor_penalty_found_necessary_to_publish_is_public_three_months(
    make_decision, set_today, django_user_model
):
    """《信用修复管理办法》: 轻微失信 原则上不予公示; where the 行业主管部门 finds it
    necessary, at most 3 months, and 信用修复 once the legal duties are done."""
    day = datetime.date(2026, 4, 10)
    assert publicity_ends(Severity.MINOR, day, minor_published=True) == (
        None,
        datetime.date(2026, 7, 10),
    )
    set_today(datetime.date(2026, 4, 20))
    withheld = make_decision(severity=Severity.MINOR, decision_date=day)
    published = make_decision(
        severity=Severity.MINOR, minor_published=True, decision_date=day
    )
    assert withheld.publicity_withheld and not published.publicity_withheld
    assert set(public_decisions()) == {published}
    # Due like any other: 7 working days, overdue when published late.
    assert published.due_date == datetime.date(2026, 4, 21)
    set_today(datetime.date(2026, 7, 10))  # the last day of the 3 months
    assert set(public_decisions()) == {published}
    set_today(datetime.date(2026, 7, 11))
    assert set(public_decisions()) == set()

    # No minimum period: 信用修复 as soon as the duties are done.
    set_today(datetime.date(2026, 4, 20))
    officer = django_user_model.objects.create_user("jiancha2", password="x")
    services.credit_repair(
        decision=published,
        reason="已改正并建立职工名册",
        repaired_on=datetime.date(2026, 4, 11),
        user=officer,
    )
    published.refresh_from_db()
    assert published.withdrawal == Withdrawal.REPAIRED
    assert set(public_decisions()) == set()


def test_only_a_minor_penalty_can_be_found_necessary_to_publish(make_decision):
    for fields in (
        {"severity": Severity.GENERAL},
        {"kind": DecisionKind.LICENSE, "severity": ""},
    ):
        decision = make_decision(**fields)
        decision.minor_published = True
        with pytest.raises(ValidationError) as refused:
            decision.full_clean()
        assert refused.value.message_dict["minor_published"] == [
            "只有轻微失信的行政处罚可以选择“确有必要公示”"
        ]
