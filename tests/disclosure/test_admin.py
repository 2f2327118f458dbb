"""Processing in the admin, through the real test client."""

from __future__ import annotations

import csv
import datetime
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.disclosure import services
from cms.disclosure.models import DisclosureApplication, EventKind, Status

from .conftest import RESIDENT_ID, make_application

pytestmark = pytest.mark.django_db

QUERIES = 16
PERSONAL = ("李华", RESIDENT_ID, "13912345678", "lihua@example.com", "建康路8号")


@pytest.fixture
def application():
    return make_application().application


def edit_url(application) -> str:
    return reverse("disclosure:edit", args=[application.pk])


def post_step(client, application, step: str, **fields):
    data = {"step": step, **{f"{step}-{key}": value for key, value in fields.items()}}
    return client.post(edit_url(application), data, follow=True)


def assert_refused(response) -> None:
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def step_form(response, name: str):
    return next(s["form"] for s in response.context["steps"] if s["name"] == name)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_listing_masks_personal_data(client, clerk, application):
    client.force_login(clerk)
    response = client.get(reverse("disclosure:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert application.tracking_number in html
    assert "李*" in html and "139****5678" in html
    assert not any(value in html for value in PERSONAL)


def test_listing_filters_by_deadline(client, clerk, django_assert_max_num_queries):
    for _ in range(6):
        make_application()  # due 2025-11-04, long overdue today
    services.assign_application(
        application=DisclosureApplication.objects.first(), user=clerk, assignee=clerk
    )
    client.force_login(clerk)
    # No query per row: the count does not grow with the applications listed.
    with django_assert_max_num_queries(QUERIES):
        response = client.get(reverse("disclosure:index"), {"deadline": "overdue"})
    assert len(response.context["object_list"]) == 6
    response = client.get(reverse("disclosure:index"), {"q": "YSQ-2025-000003"})
    assert [a.tracking_number for a in response.context["object_list"]] == [
        "YSQ-2025-000003"
    ]
    response = client.get(reverse("disclosure:index"), {"deadline": "stopped"})
    assert len(response.context["object_list"]) == 0


def test_processing_page_masks_unless_permitted(client, clerk, head, application):
    client.force_login(clerk)
    html = client.get(edit_url(application)).content.decode()
    assert "110105********002X" in html
    assert not any(value in html for value in PERSONAL)
    client.force_login(head)
    html = client.get(edit_url(application)).content.decode()
    assert all(value in html for value in PERSONAL)


def test_users_without_the_permission_cannot_process(client, django_user_model):
    from .conftest import user_with

    application = make_application().application
    client.force_login(user_with(django_user_model, "editor"))
    assert_refused(client.get(edit_url(application)))
    assert_refused(client.get(reverse("disclosure:dashboard")))


def test_an_application_is_processed_step_by_step(client, clerk, head, lawyer):
    application = make_application().application
    client.force_login(clerk)
    response = post_step(client, application, "accept")
    assert messages_of(response) == ["已受理。"]
    response = post_step(client, application, "assign", assignee=clerk.pk)
    response = post_step(
        client, application, "note", text="申请人来电询问进度，已告知期限。"
    )
    assert "申请人来电询问进度" in response.content.decode()
    # The clerk may not approve an extension: the form is not even offered.
    assert 'data-step="extend"' not in response.content.decode()
    client.force_login(head)
    response = post_step(
        client, application, "extend", on="2025-10-31", days=25, reason="档案核查"
    )
    assert messages_of(response) == ["延长的期限最长不得超过 20 个工作日。"]
    response = post_step(
        client, application, "extend", on="2025-10-31", days=20, reason="档案核查"
    )
    assert messages_of(response) == ["已批准延期并告知申请人。"]
    response = post_step(
        client, application, "extend", on="2025-11-03", days=5, reason="再延"
    )
    assert 'data-step="extend"' in response.content.decode()
    assert messages_of(response) == ["延期答复只能批准一次，本申请已延期。"]
    client.force_login(clerk)
    response = post_step(
        client,
        application,
        "draft_reply",
        reply_type="withhold",
        reply_reason="not_held",
        reply_text="经查，本机关不掌握该信息。",
    )
    # Shown on the field, the form keeps what was typed.
    assert response.status_code == 200
    assert messages_of(response) == ["请检查填写的内容。"]
    form = step_form(response, "draft_reply")
    assert form.errors == {"reply_reason": ["所选理由不属于答复类型“不予公开”。"]}
    assert form["reply_text"].value() == "经查，本机关不掌握该信息。"
    post_step(
        client,
        application,
        "draft_reply",
        reply_type="unable",
        reply_reason="not_held",
        reply_text="经查，本机关不掌握该信息。",
    )
    post_step(client, application, "submit_legal_review")
    client.force_login(lawyer)
    response = post_step(client, application, "legal_review", approve="1", comment="")
    assert messages_of(response) == ["法制审核意见已记录。"]
    client.force_login(clerk)
    response = post_step(client, application, "reply", on="2025-11-20")
    assert messages_of(response) == ["已答复申请人。"]
    application.refresh_from_db()
    assert (application.status, application.due_date, application.replied_on) == (
        Status.REPLIED,
        date(2025, 12, 2),
        date(2025, 11, 20),
    )
    assert application.notices.count() == 1
    post_step(client, application, "close")
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert list(application.events.values_list("kind", flat=True)) == [
        EventKind.RECEIVED,
        EventKind.RECEIPT_CONFIRMED,
        EventKind.ACCEPTED,
        EventKind.ASSIGNED,
        EventKind.EXTENDED,
        EventKind.APPLICANT_NOTIFIED,
        EventKind.REPLY_DRAFTED,
        EventKind.LEGAL_REVIEW_REQUESTED,
        EventKind.LEGAL_APPROVED,
        EventKind.REPLIED,
        EventKind.APPLICANT_NOTIFIED,
        EventKind.CLOSED,
    ]
    html = client.get(edit_url(application)).content.decode()
    assert "延长 20 个工作日，理由：档案核查" in html
    notice = application.notices.get()
    assert reverse("disclosure_notice_pdf", args=[notice.pk]) in html


def test_invalid_step_form_is_shown_again(client, clerk, application):
    client.force_login(clerk)
    response = post_step(client, application, "request_correction", on="", text="")
    assert response.status_code == 200
    assert messages_of(response) == ["请检查填写的内容。"]
    assert not DisclosureApplication.objects.filter(status=Status.CORRECTION).exists()


def test_dashboard_and_home_panel_show_deadlines(client, clerk):
    make_application()
    stopped = make_application().application
    services.request_correction(
        application=stopped, user=clerk, text="补正", on=date(2025, 10, 9)
    )
    client.force_login(clerk)
    html = client.get(reverse("disclosure:dashboard")).content.decode()
    assert "<strong>已超期 1 件</strong>" in html
    assert "计时中止（待补正或征求其他机关意见）1 件" in html
    assert "已超期" in html and "李*" in html
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "依申请公开期限提醒" in home
    assert reverse("disclosure:dashboard") in home


def test_export_needs_the_export_permission(client, clerk, head, application):
    client.force_login(clerk)
    assert_refused(client.get(reverse("disclosure:export")))
    client.force_login(head)
    response = client.get(reverse("disclosure:export"))
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["申请编号", "收到申请之日", "申请人类型", "申请人姓名/名称"]
    assert rows[1][:6] == [
        application.tracking_number,
        "2025-09-30",
        "自然人",
        "李华",
        "居民身份证",
        RESIDENT_ID,
    ]
    assert rows[0][-2:] == ["申请方式", "收到申请之日的依据"]
    assert rows[1][-2:] == ["网上申请", "双方确认之日"]
    response = client.get(reverse("disclosure:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["D2"].value == "李华"


def holiday_submission():
    """Submitted online on Saturday 2025-10-04 (国庆): awaits confirmation."""
    return make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 10, 4, 9, 30))
    ).application


def test_staff_confirm_an_online_receipt_on_the_processing_page(client, clerk):
    application = holiday_submission()
    client.force_login(clerk)
    html = client.get(edit_url(application)).content.decode()
    assert "尚未确认收到：非工作日网上提交" in html
    assert "待确认收到（将于 2025-10-09 自动确认）" in html
    assert 'data-step="confirm_receipt"' in html
    assert 'data-step="accept"' not in html
    assert 'data-step="request_correction"' not in html
    # A refused step leaves nothing changed and says why, on the field.
    response = post_step(client, application, "confirm_receipt", on="2025-10-03")
    assert step_form(response, "confirm_receipt").errors == {
        "on": ["确认收到日期不能早于申请提交之日（2025-10-04）。"]
    }
    assert DisclosureApplication.objects.get().received_date is None
    response = post_step(client, application, "confirm_receipt", on="2025-10-09")
    assert messages_of(response) == ["已确认收到申请，答复期限自确认之日的次日起计算。"]
    html = response.content.decode()
    assert (
        '<dd data-field="received_date">2025-10-09（双方确认之日，clerk 确认）</dd>'
        in html
    )
    assert 'data-step="confirm_receipt"' not in html
    assert 'data-step="accept"' in html
    application.refresh_from_db()
    assert (application.received_date, application.due_date) == (
        date(2025, 10, 9),
        date(2025, 11, 5),
    )


def test_the_dashboard_lists_receipts_awaiting_confirmation(client, clerk):
    application = holiday_submission()
    make_application()
    client.force_login(clerk)
    html = client.get(reverse("disclosure:dashboard")).content.decode()
    assert '<span data-count="awaiting-receipt">1</span>' in html
    assert 'data-list="awaiting-receipt"' in html
    assert application.tracking_number in html
    assert "（已过自动确认日）" in html  # 2025-10-09 is long past
    listing = client.get(reverse("disclosure:index"), {"deadline": "awaiting_receipt"})
    assert list(listing.context["object_list"]) == [application]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待确认收到 1 件" in home


def test_each_of_two_open_consultations_is_ended_on_its_own(client, clerk):
    application = services.accept_application(
        application=make_application().application, user=clerk
    )
    client.force_login(clerk)
    for name, on in (("甲公司", "2025-10-13"), ("乙公司", "2025-10-15")):
        response = post_step(
            client,
            application,
            "start_consultation",
            on=on,
            party_kind="third_party",
            party_name=name,
        )
        assert messages_of(response) == ["已开始征求意见，所需时间不计入答复期限。"]
    first, second = application.pauses.order_by("started_on")
    form = step_form(response, "end_consultation")
    assert [label for _value, label in form.fields["pause"].choices][1:] == [
        "第三方“甲公司”（2025-10-13 发出）",
        "第三方“乙公司”（2025-10-15 发出）",
    ]
    other = services.accept_application(
        application=make_application().application, user=clerk
    )
    services.start_consultation(
        application=other,
        user=clerk,
        party_kind="agency",
        party_name="区财政局",
        on=date(2025, 10, 13),
    )
    foreign = other.pauses.get()
    response = post_step(
        client, application, "end_consultation", on="2025-10-17", pause=foreign.pk
    )
    assert "pause" in step_form(response, "end_consultation").errors
    post_step(client, application, "end_consultation", on="2025-10-17", pause=first.pk)
    response = post_step(
        client, application, "end_consultation", on="2025-10-24", pause=second.pk
    )
    assert messages_of(response) == ["征求意见已结束。"]
    application.refresh_from_db()
    # 9 working days off the clock, not 4 + 7: due 29 working days after 09-30.
    assert (application.status, application.due_date) == (
        Status.ACCEPTED,
        date(2025, 11, 17),
    )
