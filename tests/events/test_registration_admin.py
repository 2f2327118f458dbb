"""The attendee list in the admin: per event, masked, exported in full only with permission."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Site

from cms.events.registrations import EventRegistration, RegistrationStatus
from cms.events.services import registration_create

INDEX = "/admin/event_registrations/"


def _perm(codename, app="events"):
    return Permission.objects.get(codename=codename, content_type__app_label=app)


@pytest.fixture
def staff(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="office", password="pw-office-1"
    )
    user.user_permissions.add(
        _perm("access_admin", "wagtailadmin"),
        _perm("view_eventregistration"),
        _perm("change_eventregistration"),
    )
    return user


@pytest.fixture
def registrations(make_event):
    site = Site.objects.get(is_default_site=True)
    event = make_event(title="走进仲裁院", capacity=2, max_people_per_registration=2)
    other = make_event(title="走进产业园")
    made = [
        registration_create(
            site=site,
            event_id=event.pk,
            name="张三",
            phone="13812345678",
            people_count=2,
        ),
        registration_create(
            site=site,
            event_id=event.pk,
            name="李四",
            phone="13912345678",
            people_count=1,
        ),
        registration_create(
            site=site,
            event_id=other.pk,
            name="王五",
            phone="13712345678",
            people_count=1,
        ),
    ]
    return event, [outcome.registration for outcome in made]


def _export(client, event):
    response = client.get(INDEX, {"event": event.pk, "export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return [
        (row["姓名"], row["手机号码"], row["人数"], row["状态"])
        for row in csv.DictReader(io.StringIO(content))
    ]


@pytest.mark.django_db
def test_attendee_list_per_event_is_masked(client, staff, registrations):
    event, (first, second, _other) = registrations
    client.force_login(staff)
    response = client.get(INDEX, {"event": event.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert first.code in html and second.code in html
    assert _other.code not in html
    assert "138****5678" in html and "张*" in html
    assert "13812345678" not in html and "张三" not in html
    assert "名额 2 人，已确认 2 人，剩余 0 人，候补 1 人" in html


@pytest.mark.django_db
def test_export_full_phone_only_with_permission(client, staff, registrations):
    event, _ = registrations
    client.force_login(staff)
    assert _export(client, event) == [
        ("张*", "138****5678", "2", "报名成功"),
        ("李*", "139****5678", "1", "候补"),
    ]
    staff.user_permissions.add(_perm("export_personal_data"))
    client.force_login(staff)
    assert _export(client, event) == [
        ("张三", "13812345678", "2", "报名成功"),
        ("李四", "13912345678", "1", "候补"),
    ]


@pytest.mark.django_db
def test_staff_cancel_promotes_the_waitlist(client, staff, registrations):
    event, (first, second, _other) = registrations
    client.force_login(staff)
    url = f"/admin/event-registrations/cancel/{first.pk}/"
    assert "138****5678" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}?event={event.pk}"
    statuses = dict(
        EventRegistration.objects.filter(event=event).values_list("code", "status")
    )
    assert statuses == {
        first.code: RegistrationStatus.CANCELLED,
        second.code: RegistrationStatus.CONFIRMED,
    }


@pytest.mark.django_db
def test_without_permission_no_list(client, django_user_model, registrations):
    user = django_user_model.objects.create_user(
        username="editor", password="pw-x-12345"
    )
    user.user_permissions.add(_perm("access_admin", "wagtailadmin"))
    client.force_login(user)
    assert client.get(INDEX).status_code in (302, 403)
    first = registrations[1][0]
    # Wagtail answers a permission error with a redirect to the dashboard.
    response = client.post(f"/admin/event-registrations/cancel/{first.pk}/")
    assert response.status_code in (302, 403)
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db
def test_event_page_links_to_its_attendee_list(client, superuser, registrations):
    event, _ = registrations
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f'href="{INDEX}?event={event.pk}"' in html
    assert "报名名单" in html
