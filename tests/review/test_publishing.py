"""Direct publication with a recorded reason, and 三同步 (policy and interpretation go live together)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.interpretations.models import InterpretationPage
from cms.policies.models import Disclosure, PolicyPage
from cms.review.mixins import PublishRefused
from cms.review.models import DirectPublication, ReviewKind

from .conftest import policy_edit_form_data
from .test_workflow import approve, review_fully, submit


def publish_in_admin(client, user, policy, **overrides):
    client.force_login(user)
    data = policy_edit_form_data(policy, **overrides)
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=(policy.pk,)), data)


@pytest.mark.django_db
class TestDirectPublication:
    def test_superuser_must_give_a_reason(self, client, superuser, make_policy):
        policy = make_policy()
        response = publish_in_admin(client, superuser, policy)
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["publish_reason"] == [
            "未经审查流程直接发布，须填写直接发布理由。"
        ]
        assert not PolicyPage.objects.get(pk=policy.pk).live
        assert not DirectPublication.objects.exists()

    def test_reason_is_recorded_logged_and_reported(
        self, client, superuser, make_policy
    ):
        policy = make_policy()
        response = publish_in_admin(
            client, superuser, policy, publish_reason="应急发布：区政府要求当日公开。"
        )
        assert response.status_code == 302
        policy.refresh_from_db()
        assert policy.live
        record = DirectPublication.objects.get()
        assert (record.page_id, record.user, record.reason) == (
            policy.pk,
            superuser,
            "应急发布：区政府要求当日公开。",
        )
        assert record.revision_id == policy.live_revision_id
        entry = PageLogEntry.objects.get(
            page=policy, action="cms.review.direct_publish"
        )
        assert entry.data == {"reason": "应急发布：区政府要求当日公开。"}
        history = client.get(reverse("wagtailadmin_pages:history", args=(policy.pk,)))
        assert "理由：应急发布：区政府要求当日公开。" in history.content.decode()
        report = client.get(reverse("direct_publications_report"))
        assert report.status_code == 200
        assert policy.title in report.content.decode()
        assert "应急发布：区政府要求当日公开。" in report.content.decode()

    def test_reason_box_is_shown_only_to_those_who_can_publish(
        self, client, superuser, employment_editor, make_policy
    ):
        policy = make_policy()
        url = reverse("wagtailadmin_pages:edit", args=(policy.pk,))
        client.force_login(superuser)
        assert 'name="publish_reason"' in client.get(url).content.decode()
        client.force_login(employment_editor)
        assert 'name="publish_reason"' not in client.get(url).content.decode()

    def test_editor_cannot_publish_at_all(self, client, employment_editor, make_policy):
        policy = make_policy()
        response = publish_in_admin(
            client, employment_editor, policy, publish_reason="我想直接发布"
        )
        assert response.status_code in {200, 302}
        assert not PolicyPage.objects.get(pk=policy.pk).live

    def test_only_active_disclosure_can_go_live(self, client, superuser, make_policy):
        policy = make_policy(
            disclosure=Disclosure.NOT_PUBLIC,
            disclosure_basis="《中华人民共和国政府信息公开条例》第十四条",
        )
        response = publish_in_admin(client, superuser, policy, publish_reason="测试")
        assert response.context["form"].errors["disclosure"] == [
            "仅主动公开的政策可以发布；当前公开属性为“不予公开”，该内容只能保留在后台。"
        ]
        assert not PolicyPage.objects.get(pk=policy.pk).live
        with pytest.raises(PublishRefused):
            policy.get_latest_revision().publish()
        assert not PolicyPage.objects.get(pk=policy.pk).live


@pytest.mark.django_db
class TestThreeSync:
    def test_policy_needing_interpretation_is_refused_without_one(
        self, client, superuser, make_policy
    ):
        policy = make_policy(interpretation_required=True)
        response = publish_in_admin(
            client,
            superuser,
            policy,
            interpretation_required="on",
            publish_reason="领导要求尽快发布",
        )
        errors = response.context["form"].errors["interpretation_required"]
        assert errors[0].startswith("三同步：该政策须与政策解读同步发布")
        assert not PolicyPage.objects.get(pk=policy.pk).live
        with pytest.raises(PublishRefused) as refused:
            policy.get_latest_revision().publish()
        assert refused.value.problems[0][0] == "interpretation_required"

    def test_unreviewed_interpretation_does_not_count(
        self, client, superuser, make_policy, make_interpretation
    ):
        policy = make_policy(interpretation_required=True)
        make_interpretation([policy])  # a draft, never reviewed
        with pytest.raises(PublishRefused):
            policy.get_latest_revision().publish()

    def test_interpretation_cannot_go_live_before_its_policy(
        self, make_policy, make_interpretation
    ):
        policy = make_policy(interpretation_required=True)
        interpretation = make_interpretation([policy])
        with pytest.raises(PublishRefused) as refused:
            interpretation.get_latest_revision().publish()
        assert "尚未发布" in refused.value.problems[0][1]

    def test_policy_first_then_interpretation_go_live_together(
        self, client, reviewers, make_policy, make_interpretation, employment_editor
    ):
        policy = make_policy(interpretation_required=True)
        interpretation = make_interpretation([policy])
        submit(policy, employment_editor)
        review_fully(client, reviewers, policy)
        policy.refresh_from_db()
        assert not policy.live
        assert PageLogEntry.objects.filter(
            page=policy, action="cms.sync.waiting"
        ).exists()

        submit(interpretation, employment_editor)
        review_fully(client, reviewers, interpretation)
        policy.refresh_from_db()
        interpretation.refresh_from_db()
        assert policy.live and interpretation.live
        gap = abs(policy.last_published_at - interpretation.last_published_at)
        assert gap < datetime.timedelta(seconds=5)

    def test_interpretation_first_is_held_then_published_with_policy(
        self, client, reviewers, make_policy, make_interpretation, employment_editor
    ):
        policy = make_policy(interpretation_required=True)
        interpretation = make_interpretation([policy])
        submit(interpretation, employment_editor)
        review_fully(client, reviewers, interpretation)
        interpretation.refresh_from_db()
        assert not interpretation.live
        assert PageLogEntry.objects.filter(
            page=interpretation, action="cms.sync.held"
        ).exists()

        submit(policy, employment_editor)
        review_fully(client, reviewers, policy)
        policy.refresh_from_db()
        interpretation.refresh_from_db()
        assert policy.live and interpretation.live
        entry = PageLogEntry.objects.get(
            page=interpretation, action="cms.sync.copublish"
        )
        assert entry.data["policy"] == {"id": policy.pk, "title": policy.title}

    def test_superuser_publishing_policy_publishes_its_approved_interpretation(
        self,
        client,
        superuser,
        reviewers,
        make_policy,
        make_interpretation,
        employment_editor,
    ):
        policy = make_policy(interpretation_required=True)
        interpretation = make_interpretation([policy])
        submit(interpretation, employment_editor)
        review_fully(client, reviewers, interpretation)
        response = publish_in_admin(
            client,
            superuser,
            policy,
            interpretation_required="on",
            publish_reason="审签已线下完成",
        )
        assert response.status_code == 302
        assert PolicyPage.objects.get(pk=policy.pk).live
        assert InterpretationPage.objects.get(pk=interpretation.pk).live

    def test_scheduled_policy_schedules_interpretation_for_the_same_moment(
        self, client, reviewers, make_policy, make_interpretation, employment_editor
    ):
        policy = make_policy(interpretation_required=True)
        interpretation = make_interpretation([policy])
        submit(interpretation, employment_editor)
        review_fully(client, reviewers, interpretation)

        go_live_at = (timezone.now() + datetime.timedelta(days=2)).replace(
            microsecond=0
        )
        policy.refresh_from_db()
        policy.go_live_at = go_live_at
        policy.save_revision().publish(skip_permission_checks=True)

        policy_revision = policy.revisions.get(approved_go_live_at__isnull=False)
        interp_revision = interpretation.revisions.get(
            approved_go_live_at__isnull=False
        )
        assert policy_revision.approved_go_live_at == go_live_at
        assert interp_revision.approved_go_live_at == go_live_at
        assert not PolicyPage.objects.get(pk=policy.pk).live
        assert not InterpretationPage.objects.get(pk=interpretation.pk).live

        # When the moment comes, Wagtail's scheduler publishes both.
        later = go_live_at + datetime.timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            call_command("publish_scheduled")
        assert PolicyPage.objects.get(pk=policy.pk).live
        assert InterpretationPage.objects.get(pk=interpretation.pk).live


@pytest.mark.django_db
class TestDepartments:
    def test_editor_edits_only_own_department(
        self, client, employment_editor, make_policy, labour
    ):
        own = make_policy()
        other = make_policy(department=labour)
        client.force_login(employment_editor)
        assert (
            client.get(reverse("wagtailadmin_pages:edit", args=(own.pk,))).status_code
            == 200
        )
        response = client.get(reverse("wagtailadmin_pages:edit", args=(other.pk,)))
        assert response.status_code in {302, 403}
        assert own.permissions_for_user(employment_editor).can_edit()
        assert not other.permissions_for_user(employment_editor).can_edit()
        assert not other.permissions_for_user(employment_editor).can_delete()

    def test_editor_can_only_assign_own_department(
        self, client, employment_editor, site_tree, employment
    ):
        client.force_login(employment_editor)
        url = reverse(
            "wagtailadmin_pages:add",
            args=("policies", "policypage", site_tree.policies.pk),
        )
        response = client.get(url)
        assert response.status_code == 200
        field = response.context["form"].fields["department"]
        assert list(field.queryset) == [employment]

    def test_editor_cannot_save_into_another_department(
        self, client, employment_editor, make_policy, labour
    ):
        policy = make_policy()
        client.force_login(employment_editor)
        data = policy_edit_form_data(policy, department=labour.pk)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=(policy.pk,)), data
        )
        assert response.status_code == 200
        assert "department" in response.context["form"].errors
        assert PolicyPage.objects.get(pk=policy.pk).department_id != labour.pk

    def test_reviewer_can_open_a_page_on_their_task_but_not_others(
        self, client, reviewers, make_policy, employment_editor, labour
    ):
        policy = make_policy(department=labour)
        submit(policy, employment_editor)
        secrecy, legal = reviewers[ReviewKind.SECRECY], reviewers[ReviewKind.LEGAL]
        client.force_login(secrecy)
        assert (
            client.get(
                reverse("wagtailadmin_pages:edit", args=(policy.pk,))
            ).status_code
            == 200
        )
        client.force_login(legal)
        assert client.get(
            reverse("wagtailadmin_pages:edit", args=(policy.pk,))
        ).status_code in {
            302,
            403,
        }
        approve(client, secrecy, policy)


@pytest.mark.django_db
def test_copies_cannot_be_published_without_review(
    client, superuser, make_policy, site_tree
):
    policy = make_policy()
    policy.get_latest_revision().publish()
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:copy", args=(policy.pk,))
    response = client.post(
        url,
        {
            "new_title": "副本",
            "new_slug": "fu-ben",
            "new_parent_page": site_tree.policies.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    assert not PolicyPage.objects.filter(slug="fu-ben").exists()
    response = client.post(
        url,
        {
            "new_title": "副本",
            "new_slug": "fu-ben",
            "new_parent_page": site_tree.policies.pk,
        },
    )
    copy = PolicyPage.objects.get(slug="fu-ben")
    assert not copy.live
