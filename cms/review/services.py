"""Rules of publishing: 只有主动公开可以发布, 三同步, a consultation's statutory window
(cms.consultations.windows), and recorded bypasses.

Every path to the live site asks ``publication_problems``: the admin's publish button
(form validation and the before_publish_page hook), a passed workflow
(``finish_workflow``), and programmatic publication (``ReviewedPageMixin.publish``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState

logger = logging.getLogger(__name__)

Problem = tuple[str | None, str]

MSG_NOT_PUBLIC = (
    "仅主动公开的政策可以发布；当前公开属性为“{label}”，该内容只能保留在后台。"
)
MSG_SYNC_POLICY = (
    "三同步：该政策须与政策解读同步发布，但还没有通过审查的关联解读。"
    "请先让解读通过审查，发布时二者将同时上线。"
)
MSG_SYNC_INTERPRETATION = (
    "三同步：所解读的政策《{title}》尚未发布。解读通过审查后，将随政策同时发布。"
)
MSG_REASON_REQUIRED = "未经审查流程直接发布，须填写直接发布理由。"


# --- selectors --------------------------------------------------------------------
def approved_revision(page: Page) -> Revision | None:
    """The revision a completed workflow approved, if it is still the latest one."""
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .select_related("current_task_state__revision")
        .order_by("-created_at", "-id")
        .first()
    )
    if state is None or state.current_task_state is None:
        return None
    revision = state.current_task_state.revision
    if revision is None or revision.pk != page.latest_revision_id:
        return None
    return revision


def scheduled_revision(page: Page) -> Revision | None:
    return (
        page.revisions.filter(approved_go_live_at__isnull=False)
        .order_by("-approved_go_live_at")
        .first()
    )


def interpretation_is_ready(interpretation) -> bool:
    """Live, approved by review, or already scheduled to go live."""
    return bool(
        interpretation.live
        or approved_revision(interpretation)
        or scheduled_revision(interpretation)
    )


def linked_interpretations(policy) -> list:
    from cms.interpretations.models import InterpretationPage

    if policy.pk is None:
        return []
    return list(
        InterpretationPage.objects.filter(interpreted_policies__policy_id=policy.pk)
        .distinct()
        .order_by("pk")
    )


def policy_is_live_or_due(policy, go_live_at=None) -> bool:
    if policy.live:
        return True
    revision = scheduled_revision(policy)
    if revision is None:
        return False
    return go_live_at is None or revision.approved_go_live_at <= go_live_at


# --- the rules ----------------------------------------------------------------------
def _disclosure_problem(obj) -> Problem | None:
    from cms.policies.models import Disclosure

    disclosure = getattr(obj, "disclosure", Disclosure.PUBLIC)
    if disclosure != Disclosure.PUBLIC:
        return ("disclosure", MSG_NOT_PUBLIC.format(label=Disclosure(disclosure).label))
    return None


def _policy_sync_problem(policy, interpretation_required: bool) -> Problem | None:
    if not interpretation_required:
        return None
    if any(interpretation_is_ready(i) for i in linked_interpretations(policy)):
        return None
    return ("interpretation_required", MSG_SYNC_POLICY)


def _interpretation_sync_problems(
    policy_ids: Iterable[int], go_live_at=None
) -> list[Problem]:
    from cms.policies.models import PolicyPage

    problems: list[Problem] = []
    for policy in PolicyPage.objects.filter(
        pk__in=list(policy_ids), interpretation_required=True
    ):
        if not policy_is_live_or_due(policy, go_live_at):
            problems.append((None, MSG_SYNC_INTERPRETATION.format(title=policy.title)))
    return problems


def publication_problems(obj) -> list[Problem]:
    """Why ``obj`` (a page as it would go live) may not be published now."""
    from cms.consultations import windows as consultation_windows
    from cms.consultations.models import ConsultationPage
    from cms.interpretations.models import InterpretationPage
    from cms.policies.models import PolicyPage

    problems: list[Problem] = []
    if isinstance(obj, PolicyPage):
        for problem in (
            _disclosure_problem(obj),
            _policy_sync_problem(obj, obj.interpretation_required),
        ):
            if problem:
                problems.append(problem)
    elif isinstance(obj, InterpretationPage):
        policy_ids = [link.policy_id for link in obj.interpreted_policies.all()]
        problems += _interpretation_sync_problems(policy_ids, obj.go_live_at)
    elif isinstance(obj, ConsultationPage):
        problems += consultation_windows.publication_problems(obj)
    return problems


def form_publication_problems(form, cleaned: dict) -> list[Problem]:
    """The same rules, checked on an admin form before anything is saved."""
    from cms.consultations import windows as consultation_windows
    from cms.consultations.models import ConsultationPage
    from cms.interpretations.models import InterpretationPage
    from cms.policies.models import Disclosure, PolicyPage

    problems: list[Problem] = []
    if not (cleaned.get("publish_reason") or "").strip():
        problems.append(("publish_reason", MSG_REASON_REQUIRED))
    model = type(form.instance)
    if issubclass(model, PolicyPage):
        disclosure = cleaned.get("disclosure", Disclosure.PUBLIC)
        if disclosure != Disclosure.PUBLIC:
            label = Disclosure(disclosure).label
            problems.append(("disclosure", MSG_NOT_PUBLIC.format(label=label)))
        sync = _policy_sync_problem(
            form.instance, cleaned.get("interpretation_required")
        )
        if sync:
            problems.append(sync)
    elif issubclass(model, InterpretationPage):
        formset = form.formsets.get("interpreted_policies")
        policy_ids = []
        if formset is not None:
            for child in formset.forms:
                data = getattr(child, "cleaned_data", None) or {}
                if data.get("policy") and not data.get("DELETE"):
                    policy_ids.append(data["policy"].pk)
        problems += _interpretation_sync_problems(policy_ids, cleaned.get("go_live_at"))
    elif issubclass(model, ConsultationPage):
        problems += consultation_windows.form_publication_problems(
            form.instance, cleaned
        )
    return problems


# --- actions -----------------------------------------------------------------------
def _publish_or_schedule(revision: Revision, *, user, go_live_at=None) -> None:
    if go_live_at is not None and go_live_at > timezone.now():
        # Same scheduled moment as the policy it goes live with.
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def copublish_interpretations(policy, *, user=None) -> list:
    """三同步: publish the approved interpretations of a policy that just went live."""
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


@transaction.atomic
def finish_workflow(workflow_state: WorkflowState, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what passed review, unless a rule holds it."""
    from cms.interpretations.models import InterpretationPage

    page = workflow_state.content_object
    page = page.specific if isinstance(page, Page) else page
    revision = page.get_latest_revision()
    obj = revision.as_object()
    problems = publication_problems(obj)
    if not problems:
        revision.publish(user=user, skip_permission_checks=True)
        return

    fields = {field for field, _message in problems}
    if "disclosure" in fields or "close_date" in fields:
        # Not public, or a consultation window too short without a reason.
        action = "cms.review.withheld"
    elif isinstance(page, InterpretationPage):
        action = "cms.sync.held"
    else:
        action = "cms.sync.waiting"
    log(
        instance=page,
        action=action,
        user=user,
        revision=revision,
        data={"problems": [message for _field, message in problems]},
    )
    if isinstance(page, InterpretationPage):
        _publish_waiting_policies(obj, user=user)


def _publish_waiting_policies(interpretation, *, user=None) -> None:
    """An interpretation passed review: its approved, waiting policies can go live now."""
    from cms.policies.models import PolicyPage

    policy_ids = [link.policy_id for link in interpretation.interpreted_policies.all()]
    for policy in PolicyPage.objects.filter(pk__in=policy_ids, live=False):
        revision = approved_revision(policy)
        if revision is not None and not publication_problems(revision.as_object()):
            revision.publish(user=user, skip_permission_checks=True)


def record_direct_publication(*, page: Page, user, reason: str):
    from .models import DirectPublication

    page = page.specific
    revision = page.live_revision or page.get_latest_revision()
    record = DirectPublication.objects.create(
        page=page, page_title=page.title, revision=revision, user=user, reason=reason
    )
    log(
        instance=page,
        action="cms.review.direct_publish",
        user=user,
        revision=revision,
        data={"reason": reason},
    )
    return record
