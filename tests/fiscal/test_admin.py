"""财政信息 in the admin: each department's editors see and edit only their own
disclosures, filed under their own department; the listing exports with the due
date and the overdue flag."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group

from cms.fiscal.models import FiscalDisclosure, Kind
from cms.taxonomy.models import Organization

LIST_URL = "/admin/snippets/fiscal/fiscaldisclosure/"
D = datetime.date
JANUARY_20 = D(2026, 1, 20)


@pytest.fixture
def departments(site_tree):
    return {
        name: Organization.objects.get(name=name)
        for name in ("办公室", "闵行区就业促进中心")
    }


@pytest.fixture
def editor(django_user_model, departments):
    user = django_user_model.objects.create_user(
        username="bangongshi", password="pw-bgs-123"
    )
    user.groups.add(Group.objects.get(name="编辑-办公室"))
    return user


def make(title, department, *, approved=JANUARY_20, disclosed=None, kind=Kind.BUDGET):
    disclosure = FiscalDisclosure(
        kind=kind,
        year=approved.year,
        title=title,
        approval_date=approved,
        disclosed_on=disclosed,
        department=department,
    )
    disclosure.save()
    return disclosure


def test_an_editor_sees_and_edits_only_their_departments_disclosures(
    client, editor, departments
):
    own = make("2026年局机关部门预算", departments["办公室"])
    other = make("2026年就业促进中心部门预算", departments["闵行区就业促进中心"])
    client.force_login(editor)
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert "2026年局机关部门预算" in listing.text
    assert "2026年就业促进中心部门预算" not in listing.text
    assert client.get(f"{LIST_URL}edit/{own.pk}/").status_code == 200
    assert client.get(f"{LIST_URL}edit/{other.pk}/").status_code in (302, 403)
    assert client.get(f"{LIST_URL}delete/{other.pk}/").status_code in (302, 403)


def test_the_listing_exports_due_dates_and_overdue_flags(
    client, superuser, departments
):
    make("2025年部门预算", departments["办公室"], approved=D(2025, 1, 20))
    make(
        "2025年部门决算",
        departments["办公室"],
        approved=D(2025, 8, 12),
        disclosed=D(2025, 8, 30),
        kind=Kind.FINAL_ACCOUNTS,
    )
    client.force_login(superuser)
    export = client.get(LIST_URL, {"export": "csv"})
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].split(",") == [
        "标题",
        "类别",
        "年度",
        "责任科室",
        "批复日期",
        "公开期限",
        "公开日期",
        "超期",
        "发布",
    ]
    assert sorted(rows[1:]) == sorted(
        [
            "2025年部门预算,部门预算,2025,办公室,2025-01-20,2025-02-09,,已超期,False",
            "2025年部门决算,部门决算,2025,办公室,2025-08-12,2025-09-01,2025-08-30,,False",
        ]
    )


def _form(department, **fields):
    data = {
        "kind": "budget",
        "year": "2026",
        "title": "2026年局机关部门预算",
        "approval_date": "2026-01-20",
        "disclosed_on": "",
        "department": str(department.pk),
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "figures-0-name": "收入合计",
        "figures-0-amount": "12850.40",
        "figures-0-unit": "万元",
        "figures-0-ORDER": "1",
        "figures-0-id": "",
        "figures-0-DELETE": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_an_editor_files_a_disclosure_with_figures_under_their_department(
    client, editor, departments
):
    client.force_login(editor)
    assert client.get(f"{LIST_URL}add/").status_code == 200
    refused = client.post(
        f"{LIST_URL}add/",
        _form(departments["办公室"], disclosed_on="2026-01-19"),
    )
    assert refused.status_code == 200
    assert "公开日期不能早于批复日期。" in refused.text
    assert FiscalDisclosure.objects.count() == 0
    other = client.post(f"{LIST_URL}add/", _form(departments["闵行区就业促进中心"]))
    assert other.status_code == 200
    assert FiscalDisclosure.objects.count() == 0
    created = client.post(f"{LIST_URL}add/", _form(departments["办公室"]))
    assert created.status_code == 302
    disclosure = FiscalDisclosure.objects.get()
    assert (disclosure.department, disclosure.due_date) == (
        departments["办公室"],
        D(2026, 2, 9),
    )
    assert [(f.name, str(f.amount), f.unit) for f in disclosure.figures.all()] == [
        ("收入合计", "12850.40", "万元")
    ]
