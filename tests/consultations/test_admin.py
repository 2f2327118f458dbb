"""Staff in the admin: moderation in bulk, decisions with reasons, the enterprise share
and its warning, the adoption report, masked listings and the export permission,
and the follow-up of representatives' suggestions until closed."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cms.consultations.models import (
    CommenterType,
    ConsultationComment,
    ConsultationPage,
    Decision,
    DecisionMeeting,
    FollowUpStatus,
    ModerationStatus,
    RepresentativeCategory,
    RepresentativeSuggestion,
)
from cms.consultations.services import adoption_report_generate

DAY = datetime.timedelta(days=1)
WARNING = "惠企政策企业意见占比低于 50%"


@pytest.fixture
def staff(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def huiqi(make_consultation, add_comment):
    page = make_consultation(
        "闵行区稳岗扩岗专项支持办法（征求意见稿）", is_enterprise_related=True
    )
    comments = [
        add_comment(
            page,
            "建议将补贴发放周期缩短为按季度发放。",
            commenter_type=CommenterType.ENTERPRISE,
            name="上海闵联科技有限公司",
            contact="13812345678",
        ),
        add_comment(
            page, "建议扩大到个体工商户。", name="王小明", contact="wang@example.com"
        ),
        add_comment(page, "建议简化材料。", name="李四"),
    ]
    return page, comments


def _comments_url(page) -> str:
    return reverse("consultations_comments", args=[page.pk])


def test_comments_view_shows_share_warning_and_masks_contacts(staff, huiqi):
    page, _ = huiqi
    html = staff.get(_comments_url(page)).content.decode()
    assert "企业 1 条，个人 2 条" in html
    assert "<dt>企业意见占比</dt><dd>33.3%</dd>" in html
    assert WARNING in html
    assert "138****5678" in html and "w***@example.com" in html and "王**" in html
    for secret in ("13812345678", "wang@example.com", "王小明"):
        assert secret not in html
    edit = staff.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert WARNING in edit and "33.3%" in edit


def test_bulk_moderation_and_share_reaching_half(staff, huiqi, add_comment):
    page, comments = huiqi
    add_comment(page, "企业意见二", commenter_type=CommenterType.ENTERPRISE)
    response = staff.post(
        _comments_url(page),
        {"action": "hide", "selected": [str(comments[2].pk)]},
    )
    assert response.status_code == 302
    response = staff.post(
        _comments_url(page),
        {"action": "approve", "selected": [str(comments[0].pk), str(comments[1].pk)]},
    )
    statuses = dict(ConsultationComment.objects.values_list("pk", "moderation_status"))
    assert [statuses[c.pk] for c in comments] == ["approved", "approved", "hidden"]
    # Hidden comments do not count: 2 enterprise of 3 -> 66.7%, no warning.
    html = staff.get(_comments_url(page)).content.decode()
    assert "<dd>66.7%</dd>" in html and WARNING not in html
    report = staff.get(reverse("consultations_enterprise_share")).content.decode()
    assert page.title in report and "66.7%" in report and "达标" in report


def _formset_data(comments, rows: dict) -> dict:
    data = {
        "action": "save",
        "form-TOTAL_FORMS": str(len(comments)),
        "form-INITIAL_FORMS": str(len(comments)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, comment in enumerate(comments):
        row = {
            "id": comment.pk,
            "moderation_status": comment.moderation_status,
            "summary": "",
            "decision": "",
            "decision_reason": "",
            **rows.get(index, {}),
        }
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return data


def test_decisions_need_reasons_when_partly_or_not_adopted(staff, huiqi):
    page, comments = huiqi
    response = staff.post(
        _comments_url(page),
        _formset_data(
            comments,
            {
                0: {"moderation_status": "approved", "decision": "adopted"},
                1: {"moderation_status": "approved", "decision": "not_adopted"},
                2: {"moderation_status": "approved", "decision": "partly_adopted"},
            },
        ),
    )
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert [form.errors for form in forms] == [
        {},
        {"decision_reason": ["“不予采纳”须填写理由。"]},
        {"decision_reason": ["“部分采纳”须填写理由。"]},
    ]
    assert not ConsultationComment.objects.exclude(decision="").exists()

    response = staff.post(
        _comments_url(page),
        _formset_data(
            comments,
            {
                0: {"moderation_status": "approved", "decision": "adopted"},
                1: {
                    "moderation_status": "approved",
                    "decision": "not_adopted",
                    "decision_reason": "个体工商户已有专项政策覆盖。",
                },
                2: {
                    "moderation_status": "approved",
                    "decision": "partly_adopted",
                    "decision_reason": "申请表格已精简，身份证明仍须提供。",
                    "summary": "建议简化申请材料。",
                },
            },
        ),
    )
    assert response.status_code == 302
    saved = list(ConsultationComment.objects.order_by("pk"))
    assert [(c.moderation_status, c.decision) for c in saved] == [
        ("approved", "adopted"),
        ("approved", "not_adopted"),
        ("approved", "partly_adopted"),
    ]
    assert all(c.decided_at and c.moderated_at for c in saved)


def test_adoption_report_generated_after_closing_then_published(
    staff, make_consultation, add_comment, superuser
):
    today = timezone.localdate()
    page = make_consultation(
        "闵行区就业见习管理办法（征求意见稿）",
        open_date=today - 40 * DAY,
        close_date=today - DAY,
    )
    first = add_comment(
        page,
        "建议见习补贴覆盖16-24岁失业青年。",
        commenter_type=CommenterType.ENTERPRISE,
        moderation_status=ModerationStatus.APPROVED,
    )
    add_comment(page, "无关广告", moderation_status=ModerationStatus.HIDDEN)
    response = staff.post(_comments_url(page), {"action": "report"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["未生成：还有 1 条意见未作出采纳与否的处理。"]

    first.decision = Decision.PARTLY_ADOPTED
    first.decision_reason = "年龄范围按市级政策执行，已增加对长期失业青年的说明。"
    first.save()
    response = staff.post(_comments_url(page), {"action": "report"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    live = ConsultationPage.objects.get(pk=page.pk)
    assert live.adoption_report == ""  # a draft until published
    draft = live.get_latest_revision_as_object()
    assert draft.adoption_report == (
        f"<p>《{page.title}》于{page.open_date.year}年{page.open_date.month}月"
        f"{page.open_date.day}日至{page.close_date.year}年{page.close_date.month}月"
        f"{page.close_date.day}日公开征求意见。共收到有效意见 1 条，其中企业意见 1 条、"
        "个人意见 0 条。经认真研究，采纳 0 条，部分采纳 1 条，不予采纳 0 条。具体情况如下：</p>"
        "<h3>部分采纳的意见</h3><ol><li>建议见习补贴覆盖16-24岁失业青年。<br/>理由："
        "年龄范围按市级政策执行，已增加对长期失业青年的说明。</li></ol>"
    )
    assert draft.adoption_stats == {
        "received": 1,
        "enterprise": 1,
        "individual": 0,
        "adopted": 0,
        "partly_adopted": 1,
        "not_adopted": 0,
    }
    # A publisher publishes it directly, giving the reason the review rules ask for.
    live.get_latest_revision().publish(user=superuser)
    assert ConsultationPage.objects.get(pk=page.pk).status == "report_published"


def test_report_refused_before_closing(make_consultation, superuser):
    from cms.consultations.services import ReportNotReady

    page = make_consultation()
    with pytest.raises(ReportNotReady) as caught:
        adoption_report_generate(consultation=page, user=superuser)
    assert caught.value.message == "征求意见尚未截止，截止后才能生成意见采纳情况。"


def test_listing_masks_and_export_needs_permission(
    client, staff, huiqi, django_user_model
):
    from django.contrib.auth.models import Group

    from cms.taxonomy.models import Organization

    page, _ = huiqi
    page.department = Organization.objects.get(name="就业促进科")
    page.save()
    listing = staff.get(reverse("consultation_comments:index")).content.decode()
    assert "138****5678" in listing and "13812345678" not in listing
    assert "王**" in listing and "王小明" not in listing

    export = staff.get(reverse("consultations_comments_export", args=[page.pk]))
    assert export.status_code == 200
    text = export.content.decode("utf-8-sig")
    assert "13812345678" in text and "wang@example.com" in text

    moderator = django_user_model.objects.create_user(
        username="moderator", password="pw-moderator-1"
    )
    # An editor of the drafting department moderates, but may not export contacts.
    moderator.groups.add(Group.objects.get(name="编辑-就业促进科"))
    client.force_login(moderator)
    refused = client.get(reverse("consultations_comments_export", args=[page.pk]))
    # The admin answers PermissionDenied with a redirect home and a message.
    assert (refused.status_code, refused["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
    assert client.get(_comments_url(page)).status_code == 200
    nobody = django_user_model.objects.create_user(username="nobody", password="pw-n-1")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    refused = client.get(_comments_url(page))
    assert (refused.status_code, refused["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )


def test_comments_cannot_be_added_in_the_admin(staff):
    response = staff.get(reverse("consultation_comments:add"))
    assert response.status_code in (302, 403)


@pytest.fixture
def meeting(make_consultation, section, bureau):
    from cms.consultations.models import MajorDecisionCatalogPage, MajorDecisionPage

    catalog = MajorDecisionCatalogPage(
        title="2025年度目录", slug="mulu-2025", year=2025
    )
    section.add_child(instance=catalog)
    decision = MajorDecisionPage(title="职业技能提升行动实施方案", slug="jineng")
    catalog.add_child(instance=decision)
    meeting = DecisionMeeting.objects.create(
        decision=decision, date=datetime.date(2025, 6, 20), topic="审议实施方案"
    )
    suggestion = RepresentativeSuggestion.objects.create(
        meeting=meeting,
        representative="赵经理",
        category=RepresentativeCategory.PUBLIC,
        content="建议培训补贴向中小企业倾斜。",
    )
    return meeting, suggestion


def test_follow_up_stays_open_until_closed_with_a_response(staff, meeting):
    _, suggestion = meeting
    dashboard = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "公众代表建议待办结（1 条）" in dashboard
    assert "建议培训补贴向中小企业倾斜。" in dashboard

    url = reverse("representative_suggestions:edit", args=[suggestion.pk])
    data = {
        "meeting": suggestion.meeting_id,
        "representative": "赵经理",
        "category": "public",
        "content": suggestion.content,
        "status": "closed",
        "handling_department": "",
        "response": "",
        "responded_on": "",
    }
    response = staff.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "response": ["办结须填写办理情况及反馈。"],
        "responded_on": ["办结须填写反馈日期。"],
    }
    response = staff.post(
        url,
        {
            **data,
            "response": "已在实施方案中增加倾斜措施。",
            "responded_on": "2025-07-10",
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == FollowUpStatus.CLOSED
    dashboard = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "公众代表建议待办结" not in dashboard


def test_meeting_form_records_attendees_and_suggestions(staff, meeting):
    meeting_obj, _ = meeting
    url = reverse("decision_meetings:edit", args=[meeting_obj.pk])
    response = staff.get(url)
    assert response.status_code == 200
    listing = staff.get(reverse("decision_meetings:index")).content.decode()
    assert "审议实施方案" in listing


def test_page_types_open_in_the_admin(staff, section, site_tree):
    from cms.consultations.models import (
        ConsultationIndexPage,
        MajorDecisionCatalogPage,
    )

    for model in ("consultationpage", "majordecisioncatalogpage"):
        url = reverse(
            "wagtailadmin_pages:add", args=["consultations", model, section.pk]
        )
        assert staff.get(url).status_code == 200, model
    # Catalogs live in the column; the column once per site.
    assert not MajorDecisionCatalogPage.can_create_at(site_tree.home)
    assert not ConsultationIndexPage.can_create_at(site_tree.home)


def test_report_goes_live_by_direct_publication_with_a_reason(
    staff, make_consultation, add_comment, superuser
):
    from wagtail.test.utils.form_data import querydict_from_html

    from cms.review.models import DirectPublication

    today = timezone.localdate()
    page = make_consultation(open_date=today - 40 * DAY, close_date=today - DAY)
    add_comment(
        page, moderation_status=ModerationStatus.APPROVED, decision=Decision.ADOPTED
    )
    adoption_report_generate(consultation=page, user=superuser)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = staff.get(url).content.decode()
    form = dict(querydict_from_html(html, form_id="page-edit-form").lists())
    form.update({"body-count": ["0"], "action-publish": ["action-publish"]})

    refused = staff.post(url, {**form, "publish_reason": [""]})
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "publish_reason": ["未经审查流程直接发布，须填写直接发布理由。"]
    }
    assert ConsultationPage.objects.get(pk=page.pk).adoption_report == ""

    published = staff.post(
        url, {**form, "publish_reason": ["采纳情况已经科室负责人审核"]}
    )
    assert published.status_code == 302
    live = ConsultationPage.objects.get(pk=page.pk)
    assert live.status == "report_published"
    assert "采纳 1 条" in live.adoption_report
    assert (
        DirectPublication.objects.get(page=page).reason == "采纳情况已经科室负责人审核"
    )


def test_moderation_reaches_cached_api_responses(staff, huiqi):
    import json

    from django.test import Client

    page, comments = huiqi
    public = Client()  # anonymous: its responses are cached and shared
    query = "query ($id: ID!) { page(id: $id) { ... on ConsultationPage { commentCount } } }"

    def count() -> int:
        response = public.post(
            "/graphql/",
            json.dumps({"query": query, "variables": {"id": str(page.pk)}}),
            content_type="application/json",
        )
        return response.json()["data"]["page"]["commentCount"]

    assert count() == 0
    assert count() == 0  # now served from the response cache
    staff.post(
        _comments_url(page), {"action": "approve", "selected": [str(comments[0].pk)]}
    )
    assert count() == 1
