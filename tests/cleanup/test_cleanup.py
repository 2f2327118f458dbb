"""定期清理 end to end: proposal → review in the admin → action → what the public API
and search show; and policies' validity moving on its dates."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry

from cms.cleanup.models import (
    Action,
    CleanupTask,
    PolicyValidityState,
    Reason,
    RetentionRule,
    TaskStatus,
    ValidityStage,
)
from cms.cleanup.services import advance_validity
from cms.cleanup.tasks import propose_cleanup_tasks
from cms.policies.models import PolicyPage, PolicyRelation, RelationType
from tests.factories import PolicyPageFactory

POLICIES = "{ policies { edges { node { title validity } } } }"
SEARCH = "query($q: String!) { search(query: $q) { edges { node { title } } } }"
PAGE = "query($p: String!) { page(urlPath: $p) { title } }"
NOTICE = """query($p: String!) { page(urlPath: $p) {
  ... on PolicyPage { validityNotice { validity since text } } } }"""


@pytest.fixture
def old_and_new(site_tree, bureau):
    old = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="闵行区就业见习管理办法（2019年）",
        slug="jianxi-2019",
        doc_number="闵人社规〔2019〕3号",
    )
    new = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="闵行区就业见习管理办法",
        slug="jianxi-2025",
        doc_number="闵人社规〔2025〕1号",
        effective_date=datetime.date(2025, 7, 1),
    )
    PolicyRelation.objects.create(
        page=new, target=old, relation_type=RelationType.SUPERSEDES
    )
    return old, new


def validities(graphql) -> dict[str, str]:
    return {
        edge["node"]["title"]: edge["node"]["validity"]
        for edge in graphql(POLICIES)["data"]["policies"]["edges"]
    }


def review(client, task, decision, **extra):
    return client.post(
        "/admin/cleanup/", {"task": task.pk, "decision": decision, **extra}
    )


def test_a_superseded_policy_is_proposed_reviewed_and_marked(
    client, graphql, superuser, old_and_new
):
    old, new = old_and_new
    assert propose_cleanup_tasks.enqueue().return_value == {"proposed": 1}
    task = CleanupTask.objects.get()
    assert (
        task.page_id,
        task.reason,
        task.action,
        task.successor_id,
        task.effective_on,
        task.detail,
        task.status,
    ) == (
        old.pk,
        Reason.SUPERSEDED,
        Action.MARK_REPEALED,
        new.pk,
        datetime.date(2025, 7, 1),
        "已被《闵行区就业见习管理办法》（闵人社规〔2025〕1号）废止并替代，尚未标注废止。",
        TaskStatus.PROPOSED,
    )
    # The next month, still open: not proposed again.
    assert propose_cleanup_tasks.enqueue().return_value == {"proposed": 0}

    client.force_login(superuser)
    html = client.get("/admin/cleanup/").content.decode()
    assert "闵行区就业见习管理办法（2019年）" in html and "通过并执行" in html
    assert validities(graphql)["闵行区就业见习管理办法（2019年）"] == "VALID"

    response = review(client, task, "approve", action="mark_repealed", note="同意")
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.result, task.reviewed_by, task.review_note) == (
        TaskStatus.DONE,
        "已标注废止（2025-07-01）",
        superuser,
        "同意",
    )
    assert validities(graphql) == {
        "闵行区就业见习管理办法（2019年）": "REPEALED",
        "闵行区就业见习管理办法": "VALID",
    }
    # The banner: its date and the successor, in the API and on the page itself.
    old_path = old.url_path[len(old.get_site().root_page.url_path) - 1 :]
    notice = graphql(NOTICE, {"p": old_path})["data"]["page"]["validityNotice"]
    assert notice == {
        "validity": "REPEALED",
        "since": "2025-07-01",
        "text": "本文件已于2025年7月1日废止，"
        "由《闵行区就业见习管理办法》（闵人社规〔2025〕1号）替代。",
    }
    old.refresh_from_db()
    assert old.validity_date == datetime.date(2025, 7, 1)
    assert notice["text"] in client.get(old.url).content.decode()
    entry = PageLogEntry.objects.filter(page=old, action="cms.cleanup.done").get()
    assert entry.message == (
        "定期清理（已被新政策废止并替代，未标注废止）：已标注废止（2025-07-01）"
    )
    # Marked: nothing left to propose; a decided task cannot be decided again.
    assert propose_cleanup_tasks.enqueue().return_value == {"proposed": 0}
    review(client, task, "reject", note="重复")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_redirecting_to_the_successor(client, graphql, superuser, old_and_new):
    old, new = old_and_new
    old_path = old.url_path[len(old.get_site().root_page.url_path) - 1 :]
    assert graphql(PAGE, {"p": old_path})["data"]["page"] == {"title": old.title}
    propose_cleanup_tasks.enqueue()
    task = CleanupTask.objects.get()
    client.force_login(superuser)
    review(client, task, "approve", action="redirect")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.result == (
        f"已撤下，原地址 {old_path.rstrip('/')} 重定向到《闵行区就业见习管理办法》"
    )
    old.refresh_from_db()
    assert not old.live
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.redirect_page_id) == (
        old_path.rstrip("/"),
        new.pk,
    )
    data = graphql(
        "query($p: String!) { redirect(path: $p) { isPermanent page { title } } }",
        {"p": old_path},
    )["data"]
    assert data == {
        "redirect": {"isPermanent": True, "page": {"title": "闵行区就业见习管理办法"}}
    }
    assert graphql(PAGE, {"p": old_path})["data"]["page"] is None
    assert list(validities(graphql)) == ["闵行区就业见习管理办法"]


def test_past_retention_a_page_is_archived_off_lists_and_search(
    client, graphql, superuser, site_tree, bureau
):
    RetentionRule.objects.create(
        page_type=ContentType.objects.get_for_model(PolicyPage), months=24
    )
    archived = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="关于开展2022年职业技能竞赛的通知",
        slug="jingsai-2022",
    )
    PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="关于开展2026年职业技能竞赛的通知",
        slug="jingsai-2026",
    )
    PolicyPage.objects.filter(pk=archived.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=3 * 365)
    )
    propose_cleanup_tasks.enqueue()
    task = CleanupTask.objects.get()
    assert (task.page_id, task.reason, task.action) == (
        archived.pk,
        Reason.RETENTION,
        Action.ARCHIVE,
    )
    assert task.detail.startswith("政策文件保留 24 个月，本页首次发布于 ")

    found = graphql(SEARCH, {"q": "职业技能竞赛"})["data"]["search"]["edges"]
    assert len(found) == 2
    client.force_login(superuser)
    review(client, task, "approve")
    task.refresh_from_db()
    assert (task.status, task.result) == (
        TaskStatus.DONE,
        "已归档：不在列表和搜索中，原地址仍可访问",
    )
    assert list(validities(graphql)) == ["关于开展2026年职业技能竞赛的通知"]
    found = graphql(SEARCH, {"q": "职业技能竞赛"})["data"]["search"]["edges"]
    assert [edge["node"]["title"] for edge in found] == [
        "关于开展2026年职业技能竞赛的通知"
    ]
    # The address still answers.
    assert graphql(PAGE, {"p": "/zhengce/jingsai-2022/"})["data"]["page"] == {
        "title": "关于开展2022年职业技能竞赛的通知"
    }
    # Archived: not proposed again.
    assert propose_cleanup_tasks.enqueue().return_value == {"proposed": 0}


def test_a_rejection_needs_a_note_and_changes_nothing(
    client, graphql, superuser, old_and_new
):
    old, _new = old_and_new
    propose_cleanup_tasks.enqueue()
    task = CleanupTask.objects.get()
    client.force_login(superuser)
    response = review(client, task, "reject")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"《{old.title}》：驳回时请填写审核意见。"]
    task.refresh_from_db()
    assert task.status == TaskStatus.PROPOSED

    review(client, task, "reject", note="新办法尚未施行，暂不标注")
    task.refresh_from_db()
    assert (task.status, task.review_note) == (
        TaskStatus.REJECTED,
        "新办法尚未施行，暂不标注",
    )
    assert validities(graphql)[old.title] == "VALID"
    assert PageLogEntry.objects.get(
        page=old, action="cms.cleanup.rejected"
    ).message == (
        "定期清理任务（已被新政策废止并替代，未标注废止）被驳回：新办法尚未施行，暂不标注"
    )
    # Rejected, so the next month proposes it again for a fresh decision.
    assert propose_cleanup_tasks.enqueue().return_value == {"proposed": 1}


def test_only_cleanup_reviewers_see_the_review(client, django_user_model, site_tree):
    user = django_user_model.objects.create_user(
        username="bianji", password="pw-123456", is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/cleanup/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_validity_moves_on_its_dates_logged_with_cache_and_search(
    graphql, site_tree, bureau
):
    from api.cache import current_generation

    today = timezone.localdate()
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="关于调整失业保险金标准的通知",
        effective_date=today - datetime.timedelta(days=30),
        expiry_date=today,
    )
    pending = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="关于提高工伤保险待遇的通知",
        effective_date=today + datetime.timedelta(days=1),
    )
    # Yesterday's run saw the first one valid, the second not yet in force.
    assert advance_validity(today=today - datetime.timedelta(days=1)) == []
    assert dict(PolicyValidityState.objects.values_list("page_id", "stage")) == {
        policy.pk: ValidityStage.VALID,
        pending.pk: ValidityStage.PENDING,
    }
    before = current_generation()
    assert advance_validity(today=today) == [(policy.pk, ValidityStage.EXPIRED)]
    assert current_generation() != before  # cached API responses are stale now
    entry = PageLogEntry.objects.get(page=policy, action="cms.cleanup.validity")
    assert entry.message == f"{today.isoformat()} 起由“有效”变为“失效”（有效性：失效）"
    assert validities(graphql)["关于调整失业保险金标准的通知"] == "EXPIRED"

    tomorrow = today + datetime.timedelta(days=1)
    assert advance_validity(today=tomorrow) == [(pending.pk, ValidityStage.VALID)]
    assert (
        PageLogEntry.objects.get(page=pending, action="cms.cleanup.validity").message
        == f"{tomorrow.isoformat()} 起由“尚未施行”变为“有效”（有效性：有效）"
    )
    # Nothing moved since: nothing logged.
    assert advance_validity(today=tomorrow) == []


def test_the_schedule_runs_cleanup_monthly_and_validity_daily():
    from cms.scheduling.schedule import PERIODIC_TASKS

    jobs = {job.name: job.cron for job in PERIODIC_TASKS}
    assert jobs["cms.cleanup.tasks.propose_cleanup_tasks"] == "0 3 1 * *"
    assert jobs["cms.cleanup.tasks.advance_policy_validity"] == "5 0 * * *"
