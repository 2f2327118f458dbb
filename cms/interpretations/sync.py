"""三同步: a policy that needs an interpretation goes live together with it.

(《关于全面推进政务公开工作的意见》: 政策解读与政策文件同步起草、同步审签、同步发布.)
The rules are registered with review's publication-rule hook in wagtail_hooks.py; the
co-publication follows the policy's page_published signal (apps.py connects it).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision

from cms.policies.models import PolicyPage
from cms.review.rules import Problem
from cms.review.services import (
    approved_revision,
    is_live_or_due,
    is_ready,
    publication_problems,
    scheduled_revision,
)

from .models import InterpretationPage

MSG_SYNC_POLICY = (
    "三同步：该政策须与政策解读同步发布，但还没有通过审查的关联解读。"
    "请先让解读通过审查，发布时二者将同时上线。"
)
MSG_SYNC_INTERPRETATION = (
    "三同步：所解读的政策《{title}》尚未发布。解读通过审查后，将随政策同时发布。"
)


def linked_interpretations(policy) -> list[InterpretationPage]:
    if policy.pk is None:
        return []
    return list(
        InterpretationPage.objects.filter(interpreted_policies__policy_id=policy.pk)
        .distinct()
        .order_by("pk")
    )


# --- the rules ----------------------------------------------------------------------
def _policy_waits(policy, interpretation_required: bool) -> list[Problem]:
    if not interpretation_required:
        return []
    if any(is_ready(i) for i in linked_interpretations(policy)):
        return []
    return [("interpretation_required", MSG_SYNC_POLICY)]


def policy_problems(policy) -> list[Problem]:
    return _policy_waits(policy, policy.interpretation_required)


def policy_form_problems(form, cleaned: dict) -> list[Problem]:
    return _policy_waits(form.instance, cleaned.get("interpretation_required"))


def _interpretation_waits(policy_ids, go_live_at=None) -> list[Problem]:
    return [
        (None, MSG_SYNC_INTERPRETATION.format(title=policy.title))
        for policy in PolicyPage.objects.filter(
            pk__in=list(policy_ids), interpretation_required=True
        )
        if not is_live_or_due(policy, go_live_at)
    ]


def interpretation_problems(interpretation) -> list[Problem]:
    policy_ids = [link.policy_id for link in interpretation.interpreted_policies.all()]
    return _interpretation_waits(policy_ids, interpretation.go_live_at)


def interpretation_form_problems(form, cleaned: dict) -> list[Problem]:
    formset = form.formsets.get("interpreted_policies")
    policy_ids = []
    if formset is not None:
        for child in formset.forms:
            data = getattr(child, "cleaned_data", None) or {}
            if data.get("policy") and not data.get("DELETE"):
                policy_ids.append(data["policy"].pk)
    return _interpretation_waits(policy_ids, cleaned.get("go_live_at"))


# --- actions ------------------------------------------------------------------------
def _publish_or_schedule(revision: Revision, *, user, go_live_at=None) -> None:
    if go_live_at is not None and go_live_at > timezone.now():
        # Same scheduled moment as the policy it goes live with.
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def copublish_interpretations(policy, *, user=None) -> list[InterpretationPage]:
    """Publish the approved interpretations of a policy that just went live."""
    go_live_at = None
    if not policy.live:
        scheduled = scheduled_revision(policy)
        if scheduled is None:
            return []
        go_live_at = scheduled.approved_go_live_at
    published = []
    for interpretation in linked_interpretations(policy):
        revision = approved_revision(interpretation)
        if revision is None or revision.pk == interpretation.live_revision_id:
            continue
        _publish_or_schedule(revision, user=user, go_live_at=go_live_at)
        log(
            instance=interpretation,
            action="cms.sync.copublish",
            user=user,
            revision=revision,
            data={"policy": {"id": policy.pk, "title": policy.title}},
        )
        published.append(interpretation)
    return published


def publish_waiting_policies(interpretation, *, user=None) -> None:
    """An interpretation passed review: its approved, waiting policies can go live now."""
    policy_ids = [link.policy_id for link in interpretation.interpreted_policies.all()]
    for policy in PolicyPage.objects.filter(pk__in=policy_ids, live=False):
        revision = approved_revision(policy)
        if revision is not None and not publication_problems(revision.as_object()):
            revision.publish(user=user, skip_permission_checks=True)


def publish_interpretations_with_policy(sender, instance, revision, **kwargs):
    """page_published receiver: the policy went live, its interpretations follow."""
    if isinstance(instance, PolicyPage) and instance.interpretation_required:
        copublish_interpretations(instance)
