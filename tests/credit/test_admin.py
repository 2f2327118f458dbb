"""The 双公示 admin: listing filters, the (masked) export, upload, 信用修复, scope."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.credit.models import CreditDecision, DecisionKind, PartyType, Severity
from cms.taxonomy.models import Organization

from .conftest import resident_id
from .test_import import HEADER, penalty

pytestmark = pytest.mark.django_db
INDEX = "credit_decisions:index"


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def listed(response) -> list[str]:
    return [d.document_number for d in response.context["object_list"]]


def test_filters_by_kind_severity_overdue_and_withdrawn(
    admin_client, make_decision, set_today
):
    set_today(datetime.date(2026, 4, 1))
    in_time = timezone.make_aware(datetime.datetime(2026, 3, 5, 9))
    licence = make_decision(kind=DecisionKind.LICENSE, published_at=in_time)
    serious = make_decision(severity=Severity.SERIOUS, published_at=in_time)
    late = make_decision(is_published=False, decision_date=datetime.date(2026, 3, 2))
    withdrawn = make_decision(
        withdrawn_on=datetime.date(2026, 3, 30), published_at=in_time
    )
    url = reverse(INDEX)
    assert listed(admin_client.get(url, {"kind": "license"})) == [
        licence.document_number
    ]
    assert listed(admin_client.get(url, {"severity": "serious"})) == [
        serious.document_number
    ]
    assert listed(admin_client.get(url, {"overdue": "true"})) == [late.document_number]
    assert listed(admin_client.get(url, {"withdrawn": "true"})) == [
        withdrawn.document_number
    ]
    page = admin_client.get(url).content.decode()
    assert "2026-03-11（超期）" in page
    assert "导入 Excel/CSV" in page


def test_the_export_is_the_masked_public_version(admin_client, make_decision):
    id_number = resident_id()
    make_decision(
        party_name="张三丰",
        party_type=PartyType.NATURAL_PERSON,
        id_number=id_number,
        content="张三丰从事非法职业中介活动。",
    )
    response = admin_client.get(reverse(INDEX), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["当事人"] == "张某某"
    assert rows[0]["统一社会信用代码/身份证号码"] == "110***********" + id_number[-4:]
    assert rows[0]["违法事实/许可内容"] == "张某某从事非法职业中介活动。"
    assert "张三丰" not in text and id_number not in text


def test_upload_reports_rows_by_line(admin_client):
    data = io.StringIO()
    writer = csv.writer(data)
    writer.writerows([HEADER, penalty(1), penalty(2, **{"决定日期": "昨天"})])
    upload = SimpleUploadedFile(
        "双公示.csv", data.getvalue().encode("utf-8-sig"), content_type="text/csv"
    )
    response = admin_client.post(
        reverse("credit_decisions:import"), {"file": upload, "kind": ""}
    )
    page = response.content.decode()
    assert "新建 1 条，更新 0 条，未变化 0 条，失败 1 条" in page
    assert "第 3 行：决定日期格式应为 YYYY-MM-DD" in page
    assert CreditDecision.objects.count() == 1

    bad = admin_client.post(
        reverse("credit_decisions:import"),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF"), "kind": ""},
    )
    assert "只能导入 .xlsx、.csv 或 .jsonl 文件" in bad.content.decode()


def test_credit_repair_from_the_admin(
    admin_client, make_decision, set_today, superuser
):
    set_today(datetime.date(2026, 4, 1))
    decision = make_decision(decision_date=datetime.date(2025, 12, 1))
    url = reverse("credit_decisions:repair", args=[decision.pk])
    assert (
        "信用修复"
        in admin_client.get(
            reverse("credit_decisions:edit", args=[decision.pk])
        ).content.decode()
    )
    refused = admin_client.post(url, {"repaired_on": "2026-02-01", "reason": "已整改"})
    assert "最短公示期至 2026-03-01，届满后方可信用修复" in refused.content.decode()
    done = admin_client.post(
        url, {"repaired_on": "2026-03-05", "reason": "已整改并缴纳罚款"}
    )
    assert done.status_code == 302
    decision.refresh_from_db()
    assert (decision.withdrawal, decision.withdrawn_by) == ("repaired", superuser)


def test_a_department_sees_its_own_decisions(
    client, site_tree, make_decision, django_user_model
):
    own = Organization.objects.get(name="劳动关系科")
    other = Organization.objects.get(name="就业促进科")
    mine = make_decision(department=own)
    theirs = make_decision(department=other)
    editor = django_user_model.objects.create_user("laodong", password="x")
    editor.groups.add(Group.objects.get(name="编辑-劳动关系科"))
    client.force_login(editor)
    assert listed(client.get(reverse(INDEX))) == [mine.document_number]
    assert client.get(
        reverse("credit_decisions:edit", args=[theirs.pk])
    ).status_code in (
        403,
        302,
    )
    assert (
        client.get(reverse("credit_decisions:edit", args=[mine.pk])).status_code == 200
    )
