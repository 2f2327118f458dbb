"""The office edits the calendar in the admin (工作日历) and deadlines follow at once."""

from __future__ import annotations

from datetime import date

import pytest

from cms.workdays.calendar import add_working_days, is_provisional, is_working_day
from cms.workdays.models import CalendarOverride, CalendarYear
from tests.factories.records import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_override_added_in_the_admin_changes_the_calendar(admin_client):
    assert is_working_day(date(2025, 11, 17))
    response = admin_client.post(
        "/admin/snippets/workdays/calendaroverride/add/",
        {"date": "2025-11-17", "is_working_day": "", "reason": "台风停工"},
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.get().reason == "台风停工"
    assert not is_working_day(date(2025, 11, 17))

    listing = admin_client.get("/admin/snippets/workdays/calendaroverride/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "日历调整" in html
    assert "台风停工" in html


def test_duplicate_date_is_refused_in_chinese(admin_client):
    CalendarOverrideFactory(date=date(2025, 11, 17))
    response = admin_client.post(
        "/admin/snippets/workdays/calendaroverride/add/",
        {"date": "2025-11-17", "reason": "重复"},
    )
    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert CalendarOverride.objects.count() == 1


def test_year_marked_complete_in_the_admin(admin_client):
    assert is_provisional(date(2027, 3, 1))
    response = admin_client.post(
        "/admin/snippets/workdays/calendaryear/add/",
        {"year": "2027", "is_complete": "on", "source": "国办发明电〔2026〕号"},
    )
    assert response.status_code == 302
    assert CalendarYear.objects.get().is_complete
    assert not is_provisional(date(2027, 3, 1))
    assert add_working_days(date(2027, 2, 26), 1).provisional is False


def test_year_overview_marks_adjusted_days_and_provisional_years(admin_client):
    CalendarOverrideFactory(date=date(2025, 11, 17), reason="台风停工")
    html = admin_client.get("/admin/workdays/overview/?year=2025").content.decode()
    assert 'data-year-status="official"' in html
    # chinese_calendar.get_workdays counts 248 for 2025; less the closure.
    assert "全年工作日 247 天" in html
    assert (
        'class="adjusted-working official" title="National Day" data-date="2025-09-28"'
        in html
    )
    assert (
        'class="holiday official" title="National Day" data-date="2025-10-01"' in html
    )
    assert 'class="holiday override" title="台风停工" data-date="2025-11-17"' in html
    assert (
        '<li data-special="2025-11-17">2025-11-17 放假（台风停工） · 日历调整</li>'
        in html
    )
    assert "工作日历一览" in html  # the menu item

    html = admin_client.get("/admin/workdays/overview/?year=2027").content.decode()
    assert 'data-year-status="assumed"' in html
    assert "按此计算的期限均标注为“暂定”" in html
    assert (
        'class="holiday assumed provisional" title="国庆节（按放假办法暂定）" '
        'data-date="2027-10-01"' in html
    )
    assert (
        '<li data-special="2027-02-09">2027-02-09 放假（春节补假（按放假办法暂定））'
        " · 暂定</li>" in html
    )
    assert "《全国年节及纪念日放假办法》（2024年修订）" in html
