"""The window measured from the actual publication date, and a shorter window only
with a recorded reason that the public reads (《重大行政决策程序暂行条例》第十四条:
"因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明")."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.consultations.models import ConsultationPage, DraftKind
from cms.consultations.windows import page_window, window_errors
from cms.review.mixins import PublishRefused
from cms.review.services import finish_workflow

D = datetime.date
DAY = datetime.timedelta(days=1)
HINT = (
    "因情况紧急等原因需要缩短的，请填写“缩短征求意见期的理由”，"
    "理由将在征求意见页面上公开说明。"
)
REASON = "本办法须于年底前印发以保障补贴按期发放，经局长办公会议研究，征求意见期缩短。"


def _errors(kind=DraftKind.RULE, market=False, **dates):
    return window_errors(kind=kind, market_related=market, **dates)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- the rule, with hand-computed dates ---------------------------------------------
@pytest.mark.django_db
def test_thirty_days_from_a_publication_later_than_the_opening_date():
    window = {"open_date": D(2025, 11, 1), "close_date": D(2025, 11, 30)}
    # Published before or on the opening date: the planned 30 days (1-30 November).
    assert _errors(**window, published_on=D(2025, 10, 20)) == {}
    assert _errors(**window, published_on=D(2025, 11, 1)) == {}
    # Published on 5 November: 5-30 November is 26 days; 30 days end on 4 December.
    assert _errors(**window, published_on=D(2025, 11, 5)) == {
        "close_date": "发布日期 2025-11-05 晚于开始日期 2025-11-01，征求意见期自发布之日"
        "起算；规章征求意见期一般不少于 30 日（含首尾两日），当前为 26 日；"
        "截止日期最早为 2025-12-04。" + HINT
    }
    assert (
        _errors(
            open_date=D(2025, 11, 1),
            close_date=D(2025, 12, 4),
            published_on=D(2025, 11, 5),
        )
        == {}
    )


@pytest.mark.django_db
def test_seven_working_days_from_a_late_publication():
    # Planned Monday 3 to Tuesday 11 November 2025: 7 working days.
    window = {"open_date": D(2025, 11, 3), "close_date": D(2025, 11, 11)}
    assert _errors(DraftKind.NORMATIVE, **window) == {}
    # Published Wednesday 5: 5, 6, 7, 10, 11 November — 5 working days; the 7th
    # working day from the 5th is Thursday 13 November.
    assert _errors(DraftKind.NORMATIVE, **window, published_on=D(2025, 11, 5)) == {
        "close_date": "发布日期 2025-11-05 晚于开始日期 2025-11-03，征求意见期自发布之日"
        "起算；规范性文件征求意见期一般不少于 7 个工作日（含首尾两日，节假日和调休按"
        "国家安排），当前仅 5 个工作日；截止日期最早为 2025-11-13。" + HINT
    }
    # Published on Saturday 8: counting starts Monday 10; 10-14, 17, 18 = 7.
    late = {"open_date": D(2025, 11, 3), "published_on": D(2025, 11, 8)}
    assert _errors(DraftKind.NORMATIVE, close_date=D(2025, 11, 18), **late) == {}
    assert (
        "当前仅 6 个工作日；截止日期最早为 2025-11-18。"
        in (
            _errors(DraftKind.NORMATIVE, close_date=D(2025, 11, 17), **late)[
                "close_date"
            ]
        )
    )


@pytest.mark.django_db
def test_a_recorded_reason_allows_a_shorter_window_but_not_an_empty_one():
    window = {"open_date": D(2025, 11, 1), "close_date": D(2025, 11, 30)}
    # Published the day before closing: 2 days.
    day_before = {**window, "published_on": D(2025, 11, 29)}
    assert "当前为 2 日" in _errors(**day_before)["close_date"]
    assert "当前为 2 日" in _errors(**day_before, reason="  \n ")["close_date"]
    assert _errors(**day_before, reason=REASON) == {}
    # A planned window of 10 days, with the reason.
    assert (
        _errors(open_date=D(2025, 11, 1), close_date=D(2025, 11, 10), reason=REASON)
        == {}
    )
    # Published after the closing date: nobody could comment, whatever the reason.
    after = {**window, "published_on": D(2025, 12, 1), "reason": REASON}
    assert _errors(**after) == {
        "close_date": "发布日期 2025-12-01 已晚于截止日期 2025-11-30，公众无法再提交"
        "意见；请重新确定开始日期和截止日期。"
    }


@pytest.mark.django_db
def test_the_window_of_a_published_page(make_consultation):
    page = make_consultation(
        kind=DraftKind.MAJOR_DECISION,
        open_date=D(2025, 11, 1),
        close_date=D(2025, 12, 10),
        first_published_at=at(D(2025, 11, 5), 15),
    )
    window = page_window(page)
    assert (
        page.published_on,
        window.start,
        window.days,
        window.published_late,
        window.is_shortened,
    ) == (D(2025, 11, 5), D(2025, 11, 5), 36, True, False)
    # Shortening a published page is measured from its publication date.
    page.close_date = D(2025, 11, 30)
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert caught.value.message_dict == {
        "close_date": [
            "发布日期 2025-11-05 晚于开始日期 2025-11-01，征求意见期自发布之日起算；"
            "重大行政决策征求意见期一般不少于 30 日（含首尾两日），当前为 26 日；"
            "截止日期最早为 2025-12-04。" + HINT
        ]
    }
    page.short_window_reason = REASON
    page.clean()


# --- every way to publish ---------------------------------------------------------
@pytest.fixture
def late_draft(make_consultation):
    """A 规章 planned for 36 days, 30 days ago: publishing today leaves 6."""
    today = timezone.localdate()
    return make_consultation(
        "闵行区人力资源服务机构管理办法（征求意见稿）",
        kind=DraftKind.RULE,
        open_date=today - 30 * DAY,
        close_date=today + 5 * DAY,
        live=False,
    )


def _late_message(today: datetime.date) -> str:
    return (
        f"发布日期 {today.isoformat()} 晚于开始日期 {(today - 30 * DAY).isoformat()}，"
        "征求意见期自发布之日起算；规章征求意见期一般不少于 30 日（含首尾两日），"
        f"当前为 6 日；截止日期最早为 {(today + 29 * DAY).isoformat()}。" + HINT
    )


@pytest.mark.django_db
def test_programmatic_publication_is_refused_without_a_reason(late_draft):
    with pytest.raises(PublishRefused) as caught:
        late_draft.save_revision().publish()
    assert caught.value.problems == [
        ("close_date", _late_message(timezone.localdate()))
    ]
    late_draft.refresh_from_db()
    assert (late_draft.live, late_draft.first_published_at) == (False, None)

    late_draft.short_window_reason = REASON
    late_draft.save_revision().publish()
    late_draft.refresh_from_db()
    assert late_draft.live
    assert late_draft.published_on == timezone.localdate()


@pytest.mark.django_db
def test_scheduled_publication_is_measured_from_its_go_live_time(make_consultation):
    # Planned 30 days from tomorrow; scheduled for three days later it would be 28.
    today = timezone.localdate()
    page = make_consultation(
        kind=DraftKind.RULE,
        open_date=today + DAY,
        close_date=today + 30 * DAY,
        live=False,
    )
    page.go_live_at = at(today + 3 * DAY)
    with pytest.raises(PublishRefused) as caught:
        page.save_revision().publish()
    assert "当前为 28 日" in caught.value.problems[0][1]
    page.go_live_at = at(today + DAY, 0)
    page.save_revision().publish()
    assert page.revisions.filter(approved_go_live_at=at(today + DAY, 0)).exists()


@pytest.mark.django_db
def test_a_passed_review_does_not_publish_a_window_gone_short(late_draft, superuser):
    state = late_draft.get_workflow().start(late_draft, superuser)
    finish_workflow(state, user=superuser)
    late_draft.refresh_from_db()
    assert late_draft.live is False
    entry = PageLogEntry.objects.filter(
        page=late_draft, action="cms.review.withheld"
    ).get()
    assert entry.data == {"problems": [_late_message(timezone.localdate())]}


def _form(page_or_none, bureau, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "闵行区人力资源服务机构管理办法（征求意见稿）",
        "slug": "renli-ziyuan-jigou-zhengqiu",
        "department": bureau.pk,
        "kind": "rule",
        "is_market_related": "",
        "open_date": (today - 30 * DAY).isoformat(),
        "close_date": (today + 5 * DAY).isoformat(),
        "short_window_reason": "",
        "summary": "规范人力资源服务机构的设立和经营活动。",
        "body": streamfield([]),
        "explanation": rich_text("<p>起草说明。</p>"),
        "attachments": inline_formset([]),
        "contact_phone": "021-64120000",
        "contact_email": "",
        "contact_address": "",
        "adoption_report": rich_text(""),
        "publish_reason": "紧急发布",
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_admin_publish_refused_then_published_with_the_reason_shown(
    client, graphql, superuser, section, bureau
):
    client.force_login(superuser)
    url = reverse(
        "wagtailadmin_pages:add", args=["consultations", "consultationpage", section.pk]
    )
    pages = Page.objects.count()
    today = timezone.localdate()
    response = client.post(url, _form(None, bureau))
    assert response.status_code == 200
    assert response.context["form"].errors == {"close_date": [_late_message(today)]}
    assert Page.objects.count() == pages

    # Saving as a draft is fine: the planned window is lawful.
    draft = _form(None, bureau)
    del draft["action-publish"]
    assert client.post(url, draft).status_code == 302
    page = ConsultationPage.objects.get(slug="renli-ziyuan-jigou-zhengqiu")
    assert page.live is False
    # Its edit view warns what publishing today would mean.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    html = html.decode()
    assert "尚未发布，以下按今天发布计算。" in html
    assert "当前为 6 日" in html and "未填写缩短理由的，不能发布。" in html

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit, _form(page, bureau, short_window_reason=REASON))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.live, page.published_on) == (True, today)

    data = graphql(
        """query ($id: ID!) { page(id: $id) { ... on ConsultationPage {
          openDate closeDate
          window { publishedOn startDate closeDate days workingDays minimum
                   isShortened shortenedReason } } } }""",
        {"id": str(page.pk)},
    )["data"]["page"]
    window = page_window(page)
    assert data == {
        "openDate": (today - 30 * DAY).isoformat(),
        "closeDate": (today + 5 * DAY).isoformat(),
        "window": {
            "publishedOn": today.isoformat(),
            "startDate": today.isoformat(),
            "closeDate": (today + 5 * DAY).isoformat(),
            "days": 6,
            "workingDays": window.working_days,
            "minimum": "一般不少于 30 日",
            "isShortened": True,
            "shortenedReason": REASON,
        },
    }
    html = client.get(page.url).content.decode()
    assert (
        f"缩短征求意见期的说明：</strong>{REASON}（法定期限一般不少于 30 日）" in html
    )
    assert f"征求意见期 {today:%Y-%m-%d} 至 {today + 5 * DAY:%Y-%m-%d}（6 日）" in html
    assert (
        f"发布日期 {today:%Y-%m-%d}（原定 {today - 30 * DAY:%Y-%m-%d} 开始，"
        "征求意见期自发布之日起算）" in html
    )


@pytest.mark.django_db
def test_a_reason_is_not_shown_when_the_window_is_not_short(
    graphql, make_consultation, client
):
    page = make_consultation(kind=DraftKind.RULE, short_window_reason=REASON)
    data = graphql(
        """query ($id: ID!) { page(id: $id) { ... on ConsultationPage {
          window { isShortened shortenedReason minimum } } } }""",
        {"id": str(page.pk)},
    )["data"]["page"]
    assert data == {
        "window": {
            "isShortened": False,
            "shortenedReason": None,
            "minimum": "一般不少于 30 日",
        }
    }
    assert REASON not in client.get(page.url).content.decode()
