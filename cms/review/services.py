"""Publishing under review: the rules the domains register (rules.py: 只有主动公开可以发布
in policies, 三同步 in interpretations, a consultation's statutory window), and recorded
bypasses.

Every path to the live site asks ``publication_problems``: the admin's publish button
(form validation and the before_publish_page hook), a passed workflow
(``finish_workflow``), and programmatic publication (``ReviewedPageMixin.publish``).
"""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState

from .rules import Problem, PublicationRule, rules_for

logger = logging.getLogger(__name__)

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


def is_ready(page: Page) -> bool:
    """Live, approved by review, or already scheduled to go live."""
    return bool(page.live or approved_revision(page) or scheduled_revision(page))


def is_live_or_due(page: Page, go_live_at=None) -> bool:
    """Live now, or scheduled to go live no later than ``go_live_at``."""
    if page.live:
        return True
    revision = scheduled_revision(page)
    if revision is None:
        return False
    return go_live_at is None or revision.approved_go_live_at <= go_live_at


# --- the rules (registered by the domains, see rules.py) ------------------------------
def _problems_by_rule(obj) -> list[tuple[PublicationRule, list[Problem]]]:
    found = []
    for rule in rules_for(type(obj)):
        problems = list(rule.problems(obj))
        if problems:
            found.append((rule, problems))
    return found


def publication_problems(obj) -> list[Problem]:
    """Why ``obj`` (a page as it would go live) may not be published now."""
    return [
        problem for _rule, problems in _problems_by_rule(obj) for problem in problems
    ]


def form_publication_problems(form, cleaned: dict) -> list[Problem]:
    """The same rules, checked on an admin form before anything is saved."""
    problems: list[Problem] = []
    if not (cleaned.get("publish_reason") or "").strip():
        problems.append(("publish_reason", MSG_REASON_REQUIRED))
    for rule in rules_for(type(form.instance)):
        if rule.form_problems is not None:
            problems += list(rule.form_problems(form, cleaned))
    return problems


# --- actions -----------------------------------------------------------------------
@transaction.atomic
def finish_workflow(workflow_state: WorkflowState, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what passed review, unless a rule holds it."""
    page = workflow_state.content_object
    page = page.specific if isinstance(page, Page) else page
    revision = page.get_latest_revision()
    obj = revision.as_object()
    held = _problems_by_rule(obj)
    if not held:
        revision.publish(user=user, skip_permission_checks=True)
        return

    # The first rule that holds the page (in hook order) names what happened.
    log(
        instance=page,
        action=held[0][0].held_action,
        user=user,
        revision=revision,
        data={"problems": [msg for _rule, found in held for _field, msg in found]},
    )
    for rule in rules_for(type(obj)):
        if rule.after_held is not None:
            rule.after_held(obj, user=user)


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
