"""submit_once: the idempotency every public submission shares, on real rows.

A calendar override stands in for a submission: its unique date plays the part of
a drawn number (or an idempotency key) that a concurrent request can take first.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cms.core.submissions import SubmissionRefused, Submitted, submit_once
from cms.workdays.models import CalendarOverride
from tests.factories.records import CalendarOverrideFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2031, 3, 3)
OTHER_DAY = datetime.date(2031, 3, 4)


def _find(day=DAY):
    return lambda: CalendarOverride.objects.filter(date=day).first()


def _create(day=DAY, reason="台风停工"):
    return lambda: CalendarOverride.objects.create(date=day, reason=reason)


def test_a_retry_with_the_key_answers_the_first_record():
    first = submit_once(key="k1", find=_find(), create=_create())
    again = submit_once(key="k1", find=_find(), create=_create(reason="再次"))

    assert first == Submitted(first.record, created=True)
    assert again == Submitted(first.record, created=False)
    assert list(CalendarOverride.objects.values_list("date", "reason")) == [
        (DAY, "台风停工")
    ]


def test_a_key_reused_for_other_content_is_refused_and_nothing_changes():
    CalendarOverrideFactory(date=DAY, reason="台风停工")

    with pytest.raises(ValidationError) as caught:
        submit_once(
            key="k1",
            find=_find(),
            same=lambda existing: existing.reason == "暴雨停工",
            conflict_message="该幂等键已用于另一份提交。",
            create=_create(reason="暴雨停工"),
        )

    assert caught.value.message_dict == {
        "idempotency_key": ["该幂等键已用于另一份提交。"]
    }
    assert list(CalendarOverride.objects.values_list("reason", flat=True)) == [
        "台风停工"
    ]


def test_a_concurrent_retry_that_got_there_first_is_answered():
    lookups = []

    def find():
        lookups.append(True)
        if len(lookups) == 1:
            # Another request with the same key commits right after this lookup.
            CalendarOverrideFactory(date=DAY, reason="并发的第一次")
            return None
        return CalendarOverride.objects.filter(date=DAY).first()

    submitted = submit_once(key="k1", find=find, create=_create())

    assert submitted.created is False
    assert submitted.record.reason == "并发的第一次"
    assert CalendarOverride.objects.count() == 1


def test_a_conflict_without_the_key_may_be_a_refusal():
    CalendarOverrideFactory(date=DAY)

    def duplicate():
        raise SubmissionRefused("该日期已登记。", code="duplicate")

    with pytest.raises(SubmissionRefused) as caught:
        submit_once(key="", find=_find(), create=_create(), on_conflict=duplicate)

    assert (caught.value.message, caught.value.code) == ("该日期已登记。", "duplicate")
    assert CalendarOverride.objects.count() == 1


def test_a_collided_number_is_drawn_again_within_the_attempts():
    CalendarOverrideFactory(date=DAY)
    draws = iter([DAY, OTHER_DAY])

    def create():
        return CalendarOverride.objects.create(date=next(draws))

    submitted = submit_once(key="", find=lambda: None, create=create, attempts=2)

    assert (submitted.record.date, submitted.created) == (OTHER_DAY, True)
    with pytest.raises(IntegrityError):
        submit_once(key="", find=lambda: None, create=_create(), attempts=1)
