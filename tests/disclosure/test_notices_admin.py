"""Reply notices in the admin: preview, generate, print and the private PDF."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest

from api.content.pdf import count_pdf_pages
from cms.disclosure.models import Status
from cms.disclosure.report_models import ReplyNotice
from tests.disclosure.conftest import make_application, user_with

from .notice_cases import CASES, REG, case_id, page_paragraphs, remedy_for, replied

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
    application.reply_text = "该制度用于本局内部人事管理。"
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
    assert (
        "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项的规定"
        in html
    )

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


# What each kind of notice must say besides its article (条例第三十六条第（一）、
# （二）、（五）项, 第三十二条, 第三十七条), as it reads on the printed page.
KEY_CLAUSES = {
    "disclose:already_public": [
        "现告知您获取该政府信息的方式、途径：通过电子邮件发送至您预留的电子邮箱。"
    ],
    "disclose:can_disclose": [
        "提供的方式、途径：通过电子邮件发送至您预留的电子邮箱；"
        "提供的时间：2025年10月20日。",
        "附件：所申请公开的政府信息",
    ],
    "partial": [
        "提供的方式、途径：通过电子邮件发送至您预留的电子邮箱；"
        "提供的时间：2025年10月20日。",
        "对不予公开的内容，说明理由如下：",
    ],
    "withhold:third_party:third_party_refused": ["第三方不同意公开且有合理理由"],
    "unable:not_responsible": [
        "负责公开该政府信息的行政机关为闵行区医疗保障局，联系方式：021-64120000。"
    ],
    "unable:not_held": ["现告知您该政府信息不存在。"],
    "other:fee_unpaid": ["（收费金额200元，缴费截止日2025年10月16日）"],
}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_kind_of_notice_prints_and_makes_a_pdf(client, officer, case):
    reply_type, reason, ground, basis = case
    application = replied(reply_type, reason, ground, text="本机关的说明。")
    client.force_login(officer)
    response = client.post(
        f"/admin/disclosure-notices/application/{application.pk}/generate/"
    )
    notice = ReplyNotice.objects.get(application=application)
    assert response["Location"] == f"/admin/disclosure-notices/{notice.pk}/"

    page = client.get(response["Location"]).content.decode()
    paragraphs = page_paragraphs(page)
    text = "".join(paragraphs)
    assert paragraphs[0].startswith("本机关于2025年9月30日收到您提出的政府信息公开申请")
    assert paragraphs[1] == "经审查，现答复如下："
    if basis:
        assert f"{REG}{basis}的规定" in text
    assert "本机关的说明。" in paragraphs
    remedy_at = paragraphs.index(remedy_for(reply_type))
    assert paragraphs[remedy_at + 1] == "特此告知。"
    for clause in KEY_CLAUSES.get(case_id(case), []):
        assert clause in text
    assert notice.body.split("\n")[3:-2] == paragraphs

    pdf = client.get(f"/admin/disclosure-notices/{notice.pk}/pdf/")
    data = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF-")
    assert count_pdf_pages(data) >= 1
    assert hashlib.sha256(data).hexdigest() == notice.sha256
    assert Path(notice.file.path).read_bytes() == data
