"""registerForEvent / cancelEventRegistration through real HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.events.registrations import EventRegistration, RegistrationStatus
from cms.participation.models import Notification
from cms.participation.notifications import deliver_due
from tests.events.conftest import DAY

HOUR = datetime.timedelta(hours=1)


def _rows(event):
    return list(
        EventRegistration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("people_count", "status")
    )


@pytest.mark.django_db
def test_confirmed_while_places_last_then_waitlisted_then_full(register, event):
    results = [register(event, people=3) for _ in range(3)]
    assert [r["status"] for r in results] == ["CONFIRMED"] * 3
    assert all(len(r["code"]) == 8 for r in results)
    # 9 of 10 places taken: 2 people do not fit (a registration is never split) ...
    assert register(event, people=2)["status"] == "WAITLISTED"
    # ... 1 person does.
    assert register(event, people=1)["status"] == "CONFIRMED"
    # The waitlist holds as many people again as the capacity (10): 2 + 3 + 3 + 2.
    assert register(event, people=3)["status"] == "WAITLISTED"
    assert register(event, people=3)["status"] == "WAITLISTED"
    assert register(event, people=3) == {
        "__typename": "RegistrationRejected",
        "reason": "FULL",
        "message": "名额和候补名额均已满。",
    }
    assert register(event, people=2)["status"] == "WAITLISTED"
    C, W = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
    assert _rows(event) == [
        (3, C),
        (3, C),
        (3, C),
        (2, W),
        (1, C),
        (3, W),
        (3, W),
        (2, W),
    ]


@pytest.mark.django_db
def test_cancel_frees_places_and_promotes_whole_registrations_fifo(
    register, cancel, event
):
    first = register(event, people=3, phone="13900000001")
    for _ in range(2):
        register(event, people=3)
    register(event, people=1)  # 10 of 10
    waiting = [register(event, people=n) for n in (3, 2, 1)]
    assert [w["status"] for w in waiting] == ["WAITLISTED"] * 3

    result = cancel(first["code"], "139 0000 0001")
    assert result == {
        "__typename": "EventRegistration",
        "code": first["code"],
        "status": "CANCELLED",
        "peopleCount": 3,
    }
    # 3 places free: the 3-person registration first in line takes them all.
    C, W, X = (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    )
    assert _rows(event) == [(3, X), (3, C), (3, C), (1, C), (3, C), (2, W), (1, W)]
    # Cancelling again answers the same; nothing else moves.
    assert cancel(first["code"], "13900000001")["status"] == "CANCELLED"

    # A 3-person cancellation: the 2-person and 1-person registrations both fit.
    second = EventRegistration.objects.filter(event=event, status=C).order_by("pk")[0]
    assert cancel(second.code, second.phone)["status"] == "CANCELLED"
    assert _rows(event) == [(3, X), (3, X), (3, C), (1, C), (3, C), (2, C), (1, C)]


@pytest.mark.django_db
def test_promotion_skips_registrations_too_large_for_the_free_places(
    register, cancel, make_event
):
    event = make_event(capacity=4)
    one = register(event, people=1, phone="13900000001")
    register(event, people=3)
    register(event, people=3)  # waits
    register(event, people=1)  # waits behind it
    cancel(one["code"], "13900000001")
    C, W, X = (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    )
    assert _rows(event) == [(1, X), (3, C), (3, W), (1, C)]


@pytest.mark.django_db
def test_cancel_needs_the_right_phone_and_a_future_event(register, cancel, make_event):
    event = make_event()
    done = register(event, phone="13900000001")
    not_found = {
        "__typename": "RegistrationRejected",
        "reason": "REGISTRATION_NOT_FOUND",
        "message": "未找到报名记录，请核对报名码和手机号码。",
    }
    assert cancel(done["code"], "13900000002") == not_found
    assert cancel("NOSUCHCO", "13900000001") == not_found
    event.registration_opens_at = timezone.now() - 3 * HOUR
    event.registration_closes_at = timezone.now() - 2 * HOUR
    event.start_at = timezone.now() - HOUR
    event.end_at = timezone.now() + HOUR
    event.save()
    assert cancel(done["code"], "13900000001")["reason"] == "CANCELLATION_CLOSED"
    assert EventRegistration.objects.get().status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_duplicate_phone_is_rejected_after_normalization(register, cancel, event):
    first = register(event, phone="13812345678")
    assert register(event, phone="+86 138 1234 5678") == {
        "__typename": "RegistrationRejected",
        "reason": "DUPLICATE_PHONE",
        "message": "该手机号码已报名本活动，请勿重复报名。",
    }
    assert register(event, phone="138-1234-5678")["reason"] == "DUPLICATE_PHONE"
    # After cancelling, the same phone may register again.
    cancel(first["code"], "13812345678")
    assert register(event, phone="138 1234 5678")["status"] == "CONFIRMED"


@pytest.mark.django_db
def test_rejections_follow_the_event_status(register, make_event):
    now = timezone.now().replace(microsecond=0)
    cases = {
        "NOT_YET_OPEN": make_event(
            registration_opens_at=now + DAY, registration_closes_at=now + 5 * DAY
        ),
        "CLOSED": make_event(
            registration_opens_at=now - 5 * DAY, registration_closes_at=now - DAY
        ),
        "EVENT_CANCELLED": make_event(is_cancelled=True),
        "NO_REGISTRATION": make_event(
            capacity=0, registration_opens_at=None, registration_closes_at=None
        ),
        "EVENT_NOT_FOUND": make_event(live=False),
    }
    got = {reason: register(event)["reason"] for reason, event in cases.items()}
    assert got == {reason: reason for reason in cases}
    assert register(cases["CLOSED"])["message"] == "报名已截止。"
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_validation_errors(register, graphql, event):
    assert register(event, people=4) == {
        "__typename": "ValidationErrors",
        "errors": [{"field": "peopleCount", "message": "人数须在 1 至 3 人之间。"}],
    }
    assert register(event, people=0, phone="123", name="") == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "name", "message": "请填写姓名。"},
            {
                "field": "phone",
                "message": "电话号码不正确：请填写 11 位手机号码或带区号的固定电话。",
            },
            {"field": "peopleCount", "message": "人数至少为 1。"},
        ],
    }
    assert register(event, name="名" * 51)["errors"] == [
        {"field": "name", "message": "姓名不能超过 50 个字。"}
    ]
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_idempotency_key_returns_the_same_registration(register, event):
    first = register(event, phone="13900000001", key="key-1")
    assert register(event, phone="13900000001", key="key-1") == first
    assert EventRegistration.objects.count() == 1
    assert register(event, phone="13900000002", key="key-1") == {
        "__typename": "ValidationErrors",
        "errors": [
            {
                "field": "idempotencyKey",
                "message": "该幂等键已用于另一份报名，请为新的报名生成新的键。",
            }
        ],
    }


@pytest.mark.django_db
def test_honeypot_and_rate_limit(graphql, register, event, settings):
    from tests.events.conftest import REGISTER

    data = {
        "eventId": str(event.pk),
        "name": "王五",
        "phone": "13900000001",
        "peopleCount": 1,
        "website": "x",
    }
    result = graphql(REGISTER, {"input": data})["data"]["registerForEvent"]
    assert result["__typename"] == "ValidationErrors"
    assert result["errors"][0]["field"] == "website"

    settings.PARTICIPATION_RATE_LIMITS = {"event_registration": (2, 600)}
    register(event)
    register(event)
    body = graphql(REGISTER, {"input": {**data, "website": None}})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert graphql.last_response.status_code == 200
    assert EventRegistration.objects.count() == 2  # the honeypot stored nothing


@pytest.mark.django_db
def test_staff_notified_after_commit_without_personal_data(
    register, event, superuser, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        result = register(event, people=2, phone="13900000001", name="赵六")
    notification = Notification.objects.get()
    assert notification.kind == "event.registered"
    assert (
        notification.subject == "[政府开放活动] 走进人力资源产业园 新报名（报名成功）"
    )
    assert f"报名码：{result['code']}" in notification.body
    assert "剩余名额：8" in notification.body
    assert "13900000001" not in notification.body and "赵六" not in notification.body
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_failing_mail_never_loses_the_registration(
    register, event, superuser, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.participation.backends.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        result = register(event, phone="13900000001")
    assert result["status"] == "CONFIRMED"
    assert EventRegistration.objects.get().code == result["code"]
    notification = Notification.objects.get()
    # Recorded with the registration; the mail server is only tried outside the
    # request, by the retry sweep.
    assert (notification.status, notification.attempts) == ("pending", 0)
    assert deliver_due() == {"sent": 0, "failed": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error) == (
        "pending",
        1,
        "ConnectionRefusedError: SMTP server unreachable",
    )
    assert EventRegistration.objects.get().code == result["code"]
