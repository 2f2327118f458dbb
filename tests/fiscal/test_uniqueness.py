"""One disclosure per department, year and kind: the database refuses a second, the
model and the admin form say so beside 年度, in Chinese, and nothing is saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.fiscal.models import FiscalDisclosure, Kind
from cms.taxonomy.models import Organization

from .test_admin import LIST_URL, _form

D = datetime.date


@pytest.fixture
def office(site_tree):
    return Organization.objects.get(name="办公室")


@pytest.fixture
def centre(site_tree):
    return Organization.objects.get(name="闵行区就业促进中心")


def make(department, *, kind=Kind.BUDGET, year=2026, title="2026年部门预算"):
    return FiscalDisclosure.objects.create(
        kind=kind,
        year=year,
        title=title,
        approval_date=D(year, 1, 20),
        department=department,
    )


def test_the_database_refuses_a_second_disclosure_of_a_department_year_and_kind(
    office,
):
    make(office)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(office, title="2026年部门预算（重复）")
    assert FiscalDisclosure.objects.count() == 1


def test_without_a_department_the_year_and_kind_still_count_once(db):
    make(None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(None, title="又一份")
    assert FiscalDisclosure.objects.count() == 1


def test_other_departments_years_and_kinds_are_separate(office, centre):
    make(office)
    make(centre)
    make(office, year=2025, title="2025年部门预算")
    make(office, kind=Kind.FINAL_ACCOUNTS, title="2025年度部门决算")
    make(None)
    assert FiscalDisclosure.objects.count() == 5


def test_full_clean_reports_the_rule_on_the_year_naming_the_existing_one(office):
    make(office, title="2026年局机关部门预算")
    second = FiscalDisclosure(
        kind=Kind.BUDGET,
        year=2026,
        title="2026年部门预算（修订）",
        approval_date=D(2026, 1, 25),
        department=office,
    )
    with pytest.raises(ValidationError) as raised:
        second.full_clean()
    assert raised.value.message_dict == {
        "year": [
            "办公室2026年度的部门预算已有一条《2026年局机关部门预算》；"
            "同一责任科室每个年度每类财政信息只能有一条。"
        ]
    }
    # Editing the existing one is not a clash with itself.
    existing = FiscalDisclosure.objects.get()
    existing.title = "2026年局机关部门预算（更正）"
    existing.full_clean()


def test_the_admin_form_shows_the_error_beside_the_year_and_saves_nothing(
    client, superuser, office
):
    make(office, title="2026年局机关部门预算")
    client.force_login(superuser)
    response = client.post(
        f"{LIST_URL}add/", _form(office, title="2026年局机关部门预算（第二份）")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {
        "year": [
            "办公室2026年度的部门预算已有一条《2026年局机关部门预算》；"
            "同一责任科室每个年度每类财政信息只能有一条。"
        ]
    }
    assert FiscalDisclosure.objects.count() == 1
    assert not FiscalDisclosure.objects.filter(title__endswith="（第二份）").exists()
    # The same form for another kind is accepted.
    accepted = client.post(
        f"{LIST_URL}add/",
        _form(office, kind="final_accounts", title="2025年度部门决算"),
    )
    assert accepted.status_code == 302
    assert FiscalDisclosure.objects.count() == 2
