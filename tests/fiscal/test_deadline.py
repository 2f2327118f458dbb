"""Fiscal disclosures: the 预算法 第十四条 twenty calendar days from 批复 (across a
month end), overdue and on time, 公开日期 filled in on publishing, field errors, and
the admin's "已超期" filter."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.fiscal.models import FiscalDisclosure, Kind
from cms.fiscal.selectors import overdue_disclosures

D = datetime.date


def make(approved, *, disclosed=None, kind=Kind.BUDGET, published=False, **extra):
    extra.setdefault("title", f"{approved.year}年部门{Kind(kind).label}")
    extra.setdefault("year", approved.year)
    disclosure = FiscalDisclosure(
        kind=kind,
        approval_date=approved,
        disclosed_on=disclosed,
        published=published,
        **extra,
    )
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@pytest.mark.django_db
def test_twenty_calendar_days_across_a_month_end():
    # 批复 on 2026-01-20: the 20th day after is 2026-02-09 (a Monday; calendar
    # days, the Spring Festival working-day calendar does not matter).
    budget = make(D(2026, 1, 20))
    assert budget.due_date == D(2026, 2, 9)
    # Across February into March in a non-leap year.
    final = make(D(2026, 2, 15), kind=Kind.FINAL_ACCOUNTS, year=2025)
    assert final.due_date == D(2026, 3, 7)
    assert FiscalDisclosure.objects.get(pk=final.pk).due_date == D(2026, 3, 7)


@pytest.mark.django_db
def test_overdue_when_late_or_still_undisclosed():
    pending = make(D(2026, 1, 20))
    assert pending.is_overdue(today=D(2026, 2, 9)) is False
    assert pending.is_overdue(today=D(2026, 2, 10)) is True
    # One disclosure a kind and year: the others are a 决算 and a 绩效自评.
    on_time = make(
        D(2026, 1, 20),
        disclosed=D(2026, 2, 9),
        title="按时",
        kind=Kind.FINAL_ACCOUNTS,
        year=2025,
    )
    assert on_time.is_overdue(today=D(2026, 12, 31)) is False
    late = make(
        D(2026, 1, 20),
        disclosed=D(2026, 2, 10),
        title="迟延",
        kind=Kind.SELF_EVALUATION,
        year=2025,
    )
    assert late.is_overdue(today=D(2026, 2, 10)) is True
    assert {d.title for d in overdue_disclosures(today=D(2026, 2, 10))} == {
        pending.title,
        "迟延",
    }
    assert {d.title for d in overdue_disclosures(today=D(2026, 2, 9))} == {"迟延"}


@pytest.mark.django_db
def test_evaluations_follow_the_bureau_rule_of_twenty_days():
    evaluation = make(D(2026, 5, 25), kind=Kind.PROJECT_EVALUATION, year=2025)
    assert evaluation.due_date == D(2026, 6, 14)
    assert evaluation.statutory is False
    assert make(D(2026, 5, 25)).statutory is True


@pytest.mark.django_db
def test_publishing_fills_in_the_disclosure_date():
    disclosure = make(D(2026, 1, 20))
    assert disclosure.disclosed_on is None
    disclosure.published = True
    disclosure.save(update_fields=["published"])
    disclosure.refresh_from_db()
    assert disclosure.disclosed_on == timezone.localdate()


@pytest.mark.django_db
def test_bad_dates_are_refused_per_field_in_chinese():
    with pytest.raises(ValidationError) as caught:
        make(D(2026, 1, 20), disclosed=D(2026, 1, 19), year=2030)
    assert caught.value.message_dict == {
        "year": ["年度不能晚于批复日期的次年。"],
        "disclosed_on": ["公开日期不能早于批复日期。"],
    }
    assert FiscalDisclosure.objects.count() == 0


def test_the_admin_filters_overdue_disclosures(client, superuser, site_tree):
    make(D(2025, 1, 20), title="2025年部门预算（未公开）")
    make(
        D(2025, 1, 20),
        disclosed=D(2025, 2, 1),
        title="2025年部门预算（已公开）",
        year=2024,
    )
    client.force_login(superuser)
    url = "/admin/snippets/fiscal/fiscaldisclosure/"
    listing = client.get(url)
    assert listing.status_code == 200
    assert "2025年部门预算（已公开）" in listing.text
    overdue = client.get(url, {"overdue": "true"})
    assert overdue.status_code == 200
    assert "2025年部门预算（未公开）" in overdue.text
    assert "已超期" in overdue.text
    assert "2025年部门预算（已公开）" not in overdue.text
