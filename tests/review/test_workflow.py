"""先审查、后公开: the review workflow, its checklist, and what it publishes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from cms.policies.models import Disclosure, PolicyPage
from cms.review.checklist import CHECKLIST
from cms.review.models import ReviewKind, ReviewTaskState

ALL_CHECKS = {key: "on" for key, _label in CHECKLIST}


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def act(client, user, page, action: str, data: dict, *, xhr: bool = True):
    """Post a workflow action the way the admin's modal does."""
    page.refresh_from_db()
    task_state = page.specific.current_workflow_task_state
    client.force_login(user)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)
    )
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    return client.post(url, data, **headers), task_state


def text(response) -> str:
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


def approve(client, user, page, opinion="内容准确，同意公开。"):
    response, task_state = act(
        client, user, page, "approve", {"opinion": opinion, **ALL_CHECKS}
    )
    assert response.status_code == 200
    assert TaskState.objects.get(pk=task_state.pk).status in {"approved"}
    return task_state


def review_fully(client, reviewers, page):
    for kind in (ReviewKind.SECRECY, ReviewKind.DISCLOSURE):
        approve(client, reviewers[kind], page)
    page.refresh_from_db()
    if page.specific.current_workflow_task_state is not None:
        approve(client, reviewers[ReviewKind.LEGAL], page)


@pytest.mark.django_db
class TestChecklistGate:
    def test_approval_without_all_six_checks_is_refused(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy()
        submit(policy, employment_editor)
        checks = dict(ALL_CHECKS)
        del checks["check_wording"]
        response, task_state = act(
            client,
            reviewers[ReviewKind.SECRECY],
            policy,
            "approve",
            {"opinion": "同意", **checks},
        )
        assert response.status_code == 200
        assert "须确认文字关后才能通过" in text(response)
        assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"

    def test_approval_without_opinion_is_refused(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy()
        submit(policy, employment_editor)
        response, task_state = act(
            client, reviewers[ReviewKind.SECRECY], policy, "approve", dict(ALL_CHECKS)
        )
        assert "请填写审查意见" in text(response)
        assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"

    def test_reviewer_of_another_step_cannot_approve(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy()
        submit(policy, employment_editor)
        response, task_state = act(
            client,
            reviewers[ReviewKind.DISCLOSURE],
            policy,
            "approve",
            {"opinion": "同意", **ALL_CHECKS},
        )
        assert response.status_code in {302, 403}
        assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"


@pytest.mark.django_db
class TestReviewRecords:
    def test_passing_all_steps_publishes_and_records_each_review(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy(is_normative=True)
        submit(policy, employment_editor)
        assert not PolicyPage.objects.get(pk=policy.pk).live

        approve(client, reviewers[ReviewKind.SECRECY], policy, "未涉及国家秘密。")
        approve(client, reviewers[ReviewKind.DISCLOSURE], policy, "属主动公开。")
        assert not PolicyPage.objects.get(pk=policy.pk).live
        approve(client, reviewers[ReviewKind.LEGAL], policy, "合法性审核通过。")

        policy.refresh_from_db()
        assert policy.live
        states = ReviewTaskState.objects.filter(
            workflow_state__object_id=str(policy.pk)
        ).order_by("started_at", "pk")
        assert [(s.task.name, s.status, s.opinion) for s in states] == [
            ("保密审查", "approved", "未涉及国家秘密。"),
            ("公开属性审查", "approved", "属主动公开。"),
            ("法制审核", "approved", "合法性审核通过。"),
        ]
        assert all(s.checklist == {k: True for k, _ in CHECKLIST} for s in states)

        comments = list(
            PageLogEntry.objects.filter(page=policy, action="wagtail.workflow.approve")
            .order_by("timestamp", "pk")
            .values_list("data__comment", flat=True)
        )
        assert comments[0] == (
            "保密审查意见：未涉及国家秘密。；六关审查：政治关✓、法律关✓、政策关✓、内容关✓、格式关✓、文字关✓"
        )
        client.force_login(reviewers[ReviewKind.SECRECY])
        history = client.get(reverse("wagtailadmin_pages:history", args=(policy.pk,)))
        # Reviewers have no page permissions of their own; the superuser view shows it.
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("hist", "h@example.com", "pw")
        client.force_login(admin)
        history = client.get(reverse("wagtailadmin_pages:history", args=(policy.pk,)))
        assert "合法性审核通过" in history.content.decode()

    def test_legal_review_is_skipped_for_non_normative_documents(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy(is_normative=False)
        submit(policy, employment_editor)
        approve(client, reviewers[ReviewKind.SECRECY], policy)
        approve(client, reviewers[ReviewKind.DISCLOSURE], policy)
        policy.refresh_from_db()
        assert policy.live
        legal = TaskState.objects.get(
            workflow_state__object_id=str(policy.pk), task__name="法制审核"
        )
        assert legal.status == "skipped"
        assert legal.comment == "非规范性文件，免于法制审核。"

    def test_content_not_for_active_disclosure_never_goes_live(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy(
            disclosure=Disclosure.ON_APPLICATION,
            disclosure_basis="《中华人民共和国政府信息公开条例》第十六条",
        )
        submit(policy, employment_editor)
        review_fully(client, reviewers, policy)
        policy.refresh_from_db()
        assert not policy.live
        entry = PageLogEntry.objects.get(page=policy, action="cms.review.withheld")
        assert "依申请公开" in entry.data["problems"][0]

    def test_rejection_sends_it_back_to_the_editor(
        self, client, reviewers, make_policy, employment_editor
    ):
        policy = make_policy()
        workflow_state = submit(policy, employment_editor)
        response, _ = act(
            client,
            reviewers[ReviewKind.SECRECY],
            policy,
            "reject",
            {"comment": "附件缺少盖章版。"},
        )
        workflow_state.refresh_from_db()
        assert workflow_state.status == "needs_changes"
        assert not PolicyPage.objects.get(pk=policy.pk).live
