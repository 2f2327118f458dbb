"""Reply notices in the admin: preview, generate, print and the private PDF."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cms.disclosure.models import Status
from cms.disclosure.report_models import ReplyNotice
from tests.disclosure.conftest import make_application, user_with

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    """The Wagtail admin answers a missing permission by redirecting to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


D = datetime.date


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def application():
    application = make_application(name="王芳").application
    application.status = Status.REPLIED
    application.reply_type = "withhold"
    application.reply_reason = "internal_affairs"
    application.replied_on = D(2025, 10, 20)
    application.save()
    return application


@pytest.fixture
def officer(django_user_model):
    return user_with(
        django_user_model, "officer", "change_disclosureapplication", "view_replynotice"
    )


def test_preview_generate_print_and_download(client, officer, application):
    client.force_login(officer)
    preview = client.get(
        f"/admin/disclosure-notices/application/{application.pk}/preview/"
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "政府信息公开申请答复告知书（不予公开）" in html
    assert "王芳：" in html
    assert "预览（未编号、未存档）" in html
    assert "《中华人民共和国政府信息公开条例》第十六条第一款的规定" in html

    response = client.post(
        f"/admin/disclosure-notices/application/{application.pk}/generate/"
    )
    notice = ReplyNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/disclosure-notices/{notice.pk}/"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "闵人社信公开告〔2025〕1号" in html
    assert "2025年10月20日" in html
    assert f"/admin/disclosure-notices/{notice.pk}/pdf/" in html

    pdf = client.get(f"/admin/disclosure-notices/{notice.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(pdf["Cache-Control"].split(", "))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_notice_pages_need_their_permissions(client, django_user_model, application):
    clerk = user_with(django_user_model, "clerk2", "change_disclosureapplication")
    viewer = user_with(django_user_model, "viewer", "view_disclosureapplication")
    from cms.disclosure.notices import generate_reply_notice

    notice = generate_reply_notice(application=application, user=None)
    client.force_login(viewer)
    assert denied(
        client.get(f"/admin/disclosure-notices/application/{application.pk}/preview/")
    )
    assert denied(
        client.post(f"/admin/disclosure-notices/application/{application.pk}/generate/")
    )
    client.force_login(clerk)
    assert denied(client.get(f"/admin/disclosure-notices/{notice.pk}/pdf/"))
    assert denied(client.get(f"/admin/disclosure-notices/{notice.pk}/"))
    client.logout()
    anonymous = client.get(f"/admin/disclosure-notices/{notice.pk}/pdf/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    # Not reachable as a media file either.
    assert client.get(f"/media/{notice.file.name}").status_code == 404
    assert ReplyNotice.objects.count() == 1


def test_generating_before_the_reply_is_refused_with_a_message(
    client, officer, application
):
    application.status = Status.LEGAL_REVIEW
    application.save()
    client.force_login(officer)
    response = client.post(
        f"/admin/disclosure-notices/application/{application.pk}/generate/",
        follow=True,
    )
    assert response.status_code == 200
    assert "答复发出后才能生成正式告知书" in response.content.decode()
    assert not ReplyNotice.objects.exists()
