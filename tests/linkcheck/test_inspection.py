"""Link inspection end to end: links found in published content, checked against the
local server and the database, judged over 24 hours, routed to the owning 科室."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from cms.core.choices import Disclosure
from cms.linkcheck import selectors
from cms.linkcheck.extract import links_of
from cms.linkcheck.models import Link, LinkCheck, LinkKind, LinkStatus, PageLink
from cms.linkcheck.services import (
    check_batch,
    check_links,
    inspect_all,
    record_page_links,
)
from cms.linkcheck.tasks import nightly_link_inspection
from cms.participation.models import Notification
from cms.policies.models import PolicyAttachment, PolicyServiceItem
from cms.review.setup import editor_group_name
from cms.taxonomy.models import Organization, ServiceItem
from tests.factories import PolicyPageFactory

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def employment(site_tree):
    return Organization.objects.get(name="就业促进科")


@pytest.fixture
def pdf(db):
    document = get_document_model()(
        title="申请表", file=ContentFile(b"%PDF-1.4 test", name="shenqing.pdf")
    )
    document.save()
    return document


def make_policy(site_tree, bureau, department, body_html, **kwargs):
    return PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        department=department,
        body=[("paragraph", RichText(body_html))],
        **kwargs,
    )


def test_links_are_found_in_rich_text_attachments_and_service_items(
    site_tree, bureau, employment, web, pdf
):
    other = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    item = ServiceItem.objects.create(
        name="一次性吸纳就业补贴申领", code="310112000001", web_url=web + "/item/ok"
    )
    policy = make_policy(
        site_tree,
        bureau,
        employment,
        f'<p>见<a href="{web}/page">市人社局通知</a>、'
        f'<a linktype="page" id="{other.pk}">另一政策</a>、'
        f'<a linktype="document" id="{pdf.pk}">申请表</a>、'
        '<a href="mailto:rs@example.gov.cn">来信</a>、<a href="#top">顶部</a>。</p>',
    )
    PolicyAttachment.objects.create(page=policy, document=pdf, title="附件1")
    PolicyServiceItem.objects.create(page=policy, service_item=item)
    policy.refresh_from_db()

    found = sorted(
        (link.kind, link.url, link.source, link.text) for link in links_of(policy)
    )
    assert found == sorted(
        [
            (LinkKind.EXTERNAL, f"{web}/page", "正文", "市人社局通知"),
            (LinkKind.PAGE, f"page:{other.pk}", "正文", "另一政策"),
            (LinkKind.DOCUMENT, f"document:{pdf.pk}", "正文", "申请表"),
            (LinkKind.DOCUMENT, f"document:{pdf.pk}", "附件", ""),
            (LinkKind.SERVICE, f"{web}/item/ok", "一网通办事项", item.name),
        ]
    )

    links = record_page_links(policy)
    assert len(links) == 4  # the file once, in two places
    run = check_links(Link.objects.filter(pk__in=[link.pk for link in links]))
    assert (run.checked, dict(run.counts)) == (4, {LinkStatus.OK: 4})
    assert sorted(
        PageLink.objects.filter(page=policy).values_list("source", "department")
    ) == sorted(
        [
            ("正文", employment.pk),
            ("正文", employment.pk),
            ("正文", employment.pk),
            ("附件", employment.pk),
            ("一网通办事项", employment.pk),
        ]
    )


def test_a_page_the_public_cannot_see_has_no_recorded_links(site_tree, bureau, web):
    draft = make_policy(
        site_tree, bureau, None, f'<p><a href="{web}/page">链接</a></p>', live=False
    )
    withheld = make_policy(
        site_tree,
        bureau,
        None,
        f'<p><a href="{web}/page">链接</a></p>',
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    assert record_page_links(draft) == []
    assert record_page_links(withheld) == []
    assert PageLink.objects.count() == 0


def test_a_result_younger_than_four_hours_is_reused(site_tree, bureau, web):
    policy = make_policy(site_tree, bureau, None, f'<p><a href="{web}/page">a</a></p>')
    link = record_page_links(policy)[0]
    now = timezone.now()
    check_links([link], now=now)
    assert web.hits["/page"] == 1

    link.refresh_from_db()
    run = check_links([link], now=now + 3 * HOUR)
    assert (run.checked, run.reused, web.hits["/page"]) == (0, 1, 1)
    run = check_links([link], now=now + 3 * HOUR, force=True)
    assert (run.checked, web.hits["/page"]) == (1, 2)
    link.refresh_from_db()
    check_links([link], now=now + 8 * HOUR)
    assert web.hits["/page"] == 3
    assert LinkCheck.objects.filter(link=link).count() == 3


def test_a_link_is_broken_only_after_failures_over_24_hours(site_tree, bureau, web):
    policy = make_policy(
        site_tree, bureau, None, f'<p><a href="{web}/missing">旧通知</a></p>'
    )
    link = record_page_links(policy)[0]
    first = timezone.now()

    check_links([link], now=first)
    link.refresh_from_db()
    since = timezone.localtime(first).strftime("%Y-%m-%d %H:%M")
    assert (link.status, link.failures, link.summary) == (
        LinkStatus.CAUTION,
        1,
        f"疑似断链：页面不存在（HTTP 404）（{since} 起失败 1 次，"
        "24 小时后仍失败即判定为断链）",
    )
    # Failing again the same day is still only 疑似.
    check_links([link], now=first + 5 * HOUR)
    link.refresh_from_db()
    assert (link.status, link.failures) == (LinkStatus.CAUTION, 2)
    assert list(selectors.broken_links()) == []

    # The next night, a few seconds short of 24 hours later: broken.
    check_links([link], now=first + 24 * HOUR - datetime.timedelta(seconds=30))
    link.refresh_from_db()
    assert (link.status, link.summary, link.http_status) == (
        LinkStatus.BROKEN,
        "页面不存在（HTTP 404）",
        404,
    )
    assert [use.link_id for use in selectors.broken_links()] == [link.pk]
    assert list(
        LinkCheck.objects.filter(link=link)
        .order_by("checked_at")
        .values_list("outcome", "status")
    ) == [
        ("failure", "caution"),
        ("failure", "caution"),
        ("failure", "broken"),
    ]


def test_a_recovered_link_starts_over(site_tree, bureau, web):
    policy = make_policy(site_tree, bureau, None, f'<p><a href="{web}/error">a</a></p>')
    link = record_page_links(policy)[0]
    now = timezone.now()
    check_links([link], now=now)
    link.refresh_from_db()
    link.url = web + "/page"  # the other site is back
    link.save()
    check_links([link], now=now + 5 * HOUR)
    link.refresh_from_db()
    assert (link.status, link.failures, link.failing_since, link.summary) == (
        LinkStatus.OK,
        0,
        None,
        "",
    )


def test_internal_links_are_checked_against_the_database(site_tree, bureau, pdf):
    live = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau], title="现行")
    draft = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], title="草稿", live=False
    )
    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="内部",
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    policy = make_policy(
        site_tree,
        bureau,
        None,
        f'<p><a linktype="page" id="{live.pk}">1</a>'
        f'<a linktype="page" id="{draft.pk}">2</a>'
        f'<a linktype="page" id="{withheld.pk}">3</a>'
        '<a linktype="page" id="999999">4</a>'
        f'<a linktype="document" id="{pdf.pk}">5</a>'
        '<a href="/zhengce/no-such-page/">6</a></p>',
    )
    links = record_page_links(policy)
    check_links(links)
    results = {
        link.url: (link.status, link.summary)
        for link in Link.objects.filter(pk__in=[link.pk for link in links])
    }
    assert results == {
        f"page:{live.pk}": (LinkStatus.OK, ""),
        f"page:{draft.pk}": (
            LinkStatus.BROKEN,
            "链接的本站页面《草稿》未发布（草稿或已撤下）",
        ),
        f"page:{withheld.pk}": (
            LinkStatus.BROKEN,
            "链接的本站页面《内部》不是主动公开，公众无法访问",
        ),
        "page:999999": (LinkStatus.BROKEN, "链接的本站页面已删除或不存在"),
        f"document:{pdf.pk}": (LinkStatus.OK, ""),
        "path:/zhengce/no-such-page/": (
            LinkStatus.BROKEN,
            "链接的本站页面已删除或不存在",
        ),
    }


def test_broken_links_are_routed_once_to_the_owning_department(
    site_tree, bureau, employment, web, django_user_model, django_assert_max_num_queries
):
    editor = django_user_model.objects.create_user(
        username="jiuye", email="jiuye@example.gov.cn", password="pw-123456"
    )
    editor.groups.add(Group.objects.get(name=editor_group_name("就业促进科")))
    labour = Organization.objects.get(name="劳动关系科")
    ours = make_policy(
        site_tree,
        bureau,
        employment,
        f'<p><a href="{web}/gone">旧办事指南</a><a href="{web}/page">好</a></p>',
        title="关于就业补贴的通知",
    )
    theirs = make_policy(
        site_tree, bureau, labour, f'<p><a href="{web}/gone">旧办事指南</a></p>'
    )
    for page in (ours, theirs):
        record_page_links(page)
    # The first night: 疑似 only, nobody is told yet.
    check_batch(Link.objects.values_list("pk", flat=True))
    link = Link.objects.get(url=web + "/gone")
    assert link.status == LinkStatus.CAUTION
    assert not Notification.objects.filter(kind="linkcheck.broken").exists()
    # The next night (the first failure was 25 hours ago): broken, and routed.
    link.failing_since = timezone.now() - 25 * HOUR
    link.save()
    check_batch([link.pk], force=True)
    link.refresh_from_db()
    assert link.status == LinkStatus.BROKEN and link.routed_at is not None

    notices = {
        n.subject: n for n in Notification.objects.filter(kind="linkcheck.broken")
    }
    assert set(notices) == {
        "【断链】就业促进科负责的页面有 1 处链接无法访问",
        "【断链】劳动关系科负责的页面有 1 处链接无法访问",
    }
    notice = notices["【断链】就业促进科负责的页面有 1 处链接无法访问"]
    assert notice.recipients == ["jiuye@example.gov.cn"]
    assert f"《关于就业补贴的通知》正文：{web}/gone" in notice.body
    assert "问题：页面不存在（HTTP 410）" in notice.body
    assert f"/admin/linkcheck/pages/{ours.pk}/" in notice.body
    # No department editor with an e-mail: the inspectors (superusers) are told.
    other = notices["【断链】劳动关系科负责的页面有 1 处链接无法访问"]
    assert other.recipients == []

    # Still broken the next night: no second notice.
    check_batch([link.pk], force=True)
    assert Notification.objects.filter(kind="linkcheck.broken").count() == 2

    with django_assert_max_num_queries(2):
        assert selectors.broken_link_counts_by_department() == {
            employment.pk: 1,
            labour.pk: 1,
        }
        rows = [
            (use.page.title, use.department.name, use.link.url)
            for use in selectors.broken_links()
        ]
    assert sorted(rows) == sorted(
        [
            ("关于就业补贴的通知", "就业促进科", web + "/gone"),
            (theirs.title, "劳动关系科", web + "/gone"),
        ]
    )


def test_the_nightly_task_records_checks_and_prunes(site_tree, bureau, web, settings):
    settings.LINKCHECK_BATCH_SIZE = 2
    make_policy(
        site_tree,
        bureau,
        None,
        f'<p><a href="{web}/page">1</a><a href="{web}/redirect/3">2</a>'
        f'<a href="{web}/forbidden">3</a></p>',
    )
    hidden = make_policy(
        site_tree, bureau, None, f'<p><a href="{web}/error">x</a></p>', live=False
    )
    from cms.linkcheck.services import record_all_public_pages

    record_all_public_pages()
    LinkCheck.objects.create(
        link=Link.objects.get(url=web + "/page"),
        checked_at=timezone.now() - datetime.timedelta(days=29),
        outcome="ok",
        status="ok",
    )
    result = nightly_link_inspection.enqueue()
    assert result.return_value == {"links": 3, "batches": 2, "pruned": 1}
    assert sorted(Link.objects.values_list("url", "status")) == sorted(
        [
            (web + "/page", LinkStatus.OK),
            (web + "/redirect/3", LinkStatus.CAUTION),
            (web + "/forbidden", LinkStatus.CAUTION),
        ]
    )
    assert not PageLink.objects.filter(page=hidden).exists()
    assert LinkCheck.objects.count() == 3  # the one 29 days old is gone
    # Run again within four hours: nothing fetched again.
    hits = sum(web.hits.values())
    assert inspect_all()["links"] == 3
    assert sum(web.hits.values()) == hits


def test_the_schedule_runs_the_nightly_inspection():
    from cms.scheduling.schedule import PERIODIC_TASKS

    jobs = {job.name: (job.cron, job.description) for job in PERIODIC_TASKS}
    assert jobs["cms.linkcheck.tasks.nightly_link_inspection"] == (
        "0 2 * * *",
        "每晚检查已发布内容中的全部链接（错链断链），断链通知责任科室",
    )
