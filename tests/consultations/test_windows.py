"""The statutory minimum windows: 7 working days for 规范性文件 (across 国庆 with its
调休), 30 days for 规章, 重大行政决策 and drafts tied to market activity."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.consultations.models import ConsultationPage, DraftKind
from cms.consultations.windows import window_errors

D = datetime.date
HINT = (
    "因情况紧急等原因需要缩短的，请填写“缩短征求意见期的理由”，"
    "理由将在征求意见页面上公开说明。"
)


def _errors(kind=DraftKind.NORMATIVE, market=False, open_date=None, close_date=None):
    return window_errors(
        kind=kind, market_related=market, open_date=open_date, close_date=close_date
    )


@pytest.mark.django_db
def test_seven_working_days_across_national_day():
    # 2025 国庆: 1-8 October off; Sunday 28 September and Saturday 11 October work.
    # From Monday 29 September: 29, 30 Sep, 9, 10, 11 (调休), 13, 14 Oct.
    assert _errors(open_date=D(2025, 9, 29), close_date=D(2025, 10, 13)) == {
        "close_date": "规范性文件征求意见期一般不少于 7 个工作日（含首尾两日，节假日和"
        "调休按国家安排），当前仅 6 个工作日；截止日期最早为 2025-10-14。" + HINT
    }
    assert _errors(open_date=D(2025, 9, 29), close_date=D(2025, 10, 14)) == {}
    # Fifteen calendar days are not enough when a holiday falls inside them.
    assert _errors(open_date=D(2025, 9, 30), close_date=D(2025, 10, 14)) != {}


@pytest.mark.django_db
def test_seven_working_days_in_an_ordinary_week_pair():
    # Monday to the next Tuesday: 7 working days, both ends included.
    assert _errors(open_date=D(2025, 11, 3), close_date=D(2025, 11, 11)) == {}
    assert (
        "当前仅 6 个工作日"
        in _errors(open_date=D(2025, 11, 3), close_date=D(2025, 11, 10))["close_date"]
    )


@pytest.mark.django_db
def test_spring_festival_with_its_working_sunday():
    # 2025 春节: 28 Jan - 4 Feb off; Sunday 26 January and Saturday 8 February work.
    # From Friday 24 January: 24, 26 (调休), 27 Jan, 5, 6, 7, 8 (调休) Feb.
    assert _errors(open_date=D(2025, 1, 24), close_date=D(2025, 2, 8)) == {}
    assert _errors(open_date=D(2025, 1, 24), close_date=D(2025, 2, 7)) != {}


@pytest.mark.parametrize(
    ("kind", "market", "label"),
    [
        (DraftKind.RULE, False, "规章"),
        (DraftKind.MAJOR_DECISION, False, "重大行政决策"),
        (DraftKind.NORMATIVE, True, "涉及市场主体的"),
        (DraftKind.OTHER, True, "涉及市场主体的"),
    ],
)
@pytest.mark.django_db
def test_thirty_calendar_days(kind, market, label):
    assert _errors(kind, market, D(2025, 11, 1), D(2025, 11, 30)) == {}
    assert _errors(kind, market, D(2025, 11, 1), D(2025, 11, 29)) == {
        "close_date": f"{label}征求意见期一般不少于 30 日（含首尾两日），当前为 29 日；"
        "截止日期最早为 2025-11-30。" + HINT
    }


@pytest.mark.django_db
def test_other_drafts_and_reversed_dates():
    assert _errors(DraftKind.OTHER, False, D(2025, 11, 3), D(2025, 11, 3)) == {}
    assert _errors(DraftKind.OTHER, False, D(2025, 11, 3), D(2025, 11, 2)) == {
        "close_date": "截止日期不能早于开始日期。"
    }


@pytest.mark.django_db
def test_a_year_without_published_holidays_is_not_counted_on():
    # 2027's arrangement is not in the installed calendar: Monday 4 to Tuesday 12
    # January would be 7 working days by the assumed calendar, but that is a guess.
    errors = _errors(open_date=D(2027, 1, 4), close_date=D(2027, 1, 12))
    assert errors["close_date"].startswith(
        "征求意见期跨入法定节假日安排尚未公布的年份，已确定的工作日仅 0 个"
    )
    # Enough known working days before the new year: fine.
    assert _errors(open_date=D(2026, 12, 21), close_date=D(2027, 1, 5)) == {}


@pytest.mark.django_db
def test_model_validation_names_the_close_date_field(section):
    page = ConsultationPage(
        title="测试",
        slug="ceshi",
        kind=DraftKind.RULE,
        open_date=D(2025, 11, 1),
        close_date=D(2025, 11, 10),
    )
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert caught.value.message_dict == {
        "close_date": [
            "规章征求意见期一般不少于 30 日（含首尾两日），当前为 10 日；"
            "截止日期最早为 2025-11-30。" + HINT
        ]
    }


def _form(bureau, **changes) -> dict:
    data = {
        "title": "闵行区职业技能提升补贴实施办法（征求意见稿）",
        "slug": "jineng-butie-zhengqiu",
        "department": bureau.pk,
        "kind": "normative",
        "open_date": "2025-09-29",
        "close_date": "2025-10-10",
        "summary": "",
        "body": streamfield([]),
        "explanation": rich_text("<p>起草背景。</p>"),
        "attachments": inline_formset([]),
        "contact_phone": "021-64120000",
        "contact_email": "",
        "contact_address": "",
        "short_window_reason": "",
        "adoption_report": rich_text(""),
        "publish_reason": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_admin_refuses_a_short_window_on_the_close_date_field(
    client, superuser, section, bureau
):
    client.force_login(superuser)
    url = reverse(
        "wagtailadmin_pages:add", args=["consultations", "consultationpage", section.pk]
    )
    pages = Page.objects.count()
    response = client.post(url, _form(bureau))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "close_date": [
            "规范性文件征求意见期一般不少于 7 个工作日（含首尾两日，节假日和调休按国家安排），"
            "当前仅 4 个工作日；截止日期最早为 2025-10-14。" + HINT
        ]
    }
    assert Page.objects.count() == pages

    response = client.post(url, _form(bureau, close_date="2025-10-14"))
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="jineng-butie-zhengqiu")
    assert (page.open_date, page.close_date, page.live) == (
        D(2025, 9, 29),
        D(2025, 10, 14),
        False,
    )
