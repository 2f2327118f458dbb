"""定期清理: propose clean-up tasks, review them, carry out the approved action; and
move policies' validity on its dates (施行 → 有效, 失效日期 → 失效).

Every action goes through Wagtail's own paths (a new revision published, unpublish,
a redirect), so the audit log, the API response cache and the search index follow
the same way as for an editor's change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page

from cms.core.selectors import public_pages
from cms.policies.models import (
    PolicyPage,
    RelationType,
    Validity,
    ValidityOverride,
    derive_validity,
)

from .models import (
    Action,
    ArchivedPage,
    CleanupTask,
    PolicyValidityState,
    Reason,
    RetentionRule,
    TaskStatus,
    ValidityStage,
)


class CleanupRefused(Exception):
    """The task cannot be carried out as it stands (message in Chinese)."""


@dataclass(frozen=True)
class Proposal:
    page: Page
    reason: str
    action: str
    detail: str
    successor: Page | None = None
    effective_on: datetime.date | None = None


# --- proposing --------------------------------------------------------------------
def _proposals(today: datetime.date) -> list[Proposal]:
    found: list[Proposal] = []
    policies = public_pages(model=PolicyPage)
    # Past the 失效日期 yet not marked: the page is shown without a 失效 banner date.
    for policy in policies.filter(expiry_date__lte=today, validity_override=""):
        found.append(
            Proposal(
                page=policy,
                reason=Reason.EXPIRED,
                action=Action.MARK_EXPIRED,
                detail=f"失效日期 {policy.expiry_date:%Y-%m-%d} 已过，尚未标注失效。",
                effective_on=policy.expiry_date,
            )
        )
    # Replaced by a newer, public policy but not marked 废止.
    newer = public_pages(model=PolicyPage)
    superseded = (
        policies.filter(
            incoming_relations__relation_type=RelationType.SUPERSEDES,
            incoming_relations__page__in=newer,
        )
        .exclude(validity_override=ValidityOverride.REPEALED)
        .distinct()
    )
    for policy in superseded:
        relation = (
            policy.incoming_relations.filter(
                relation_type=RelationType.SUPERSEDES, page__in=newer
            )
            .select_related("page")
            .order_by("-page__publish_date", "-page_id")
            .first()
        )
        successor = relation.page
        found.append(
            Proposal(
                page=policy,
                reason=Reason.SUPERSEDED,
                action=Action.MARK_REPEALED,
                detail=(
                    f"已被《{successor.title}》"
                    f"（{successor.doc_number or '无文号'}）废止并替代，尚未标注废止。"
                ),
                successor=successor,
                effective_on=successor.effective_date or successor.publish_date,
            )
        )
    # Past the retention of its column type.
    archived = ArchivedPage.objects.values("page_id")
    for rule in RetentionRule.objects.filter(enabled=True).select_related("page_type"):
        model = rule.page_type.model_class()
        if model is None or not issubclass(model, Page):
            continue
        cutoff = timezone.now() - relativedelta(months=rule.months)
        old = public_pages(model=model).filter(first_published_at__lt=cutoff)
        if rule.action == Action.ARCHIVE:
            old = old.exclude(pk__in=archived)
        for page in old:
            found.append(
                Proposal(
                    page=page,
                    reason=Reason.RETENTION,
                    action=rule.action,
                    detail=(
                        f"{rule.page_type.name}保留 {rule.months} 个月，本页首次发布于 "
                        f"{timezone.localtime(page.first_published_at):%Y-%m-%d}。"
                    ),
                )
            )
    return found


def propose_cleanup(*, today: datetime.date | None = None) -> list[CleanupTask]:
    """The monthly run: one proposal per page and reason that is not already open."""
    today = today or timezone.localdate()
    created = []
    for proposal in _proposals(today):
        try:
            with transaction.atomic():
                created.append(
                    CleanupTask.objects.create(
                        page=proposal.page,
                        reason=proposal.reason,
                        action=proposal.action,
                        detail=proposal.detail[:500],
                        successor=proposal.successor,
                        effective_on=proposal.effective_on,
                    )
                )
        except IntegrityError:
            continue  # still waiting for review from an earlier run
    return created


# --- review -----------------------------------------------------------------------
def reject_task(*, task: CleanupTask, user, note: str = "") -> CleanupTask:
    if task.status != TaskStatus.PROPOSED:
        raise CleanupRefused("该清理任务已审核，不能重复处理。")
    task.status = TaskStatus.REJECTED
    task.reviewed_by = user
    task.reviewed_at = timezone.now()
    task.review_note = note[:500]
    task.save()
    log(
        instance=task.page.specific,
        action="cms.cleanup.rejected",
        user=user,
        data={"reason": task.get_reason_display(), "note": task.review_note},
    )
    return task


def approve_task(
    *, task: CleanupTask, user, action: str | None = None, note: str = ""
) -> CleanupTask:
    """Approve ``task`` and carry out its action (the reviewer may choose another)."""
    if task.status != TaskStatus.PROPOSED:
        raise CleanupRefused("该清理任务已审核，不能重复处理。")
    action = action or task.action
    if action not in Action.values:
        raise CleanupRefused("请选择有效的处理方式。")
    page = task.page.specific
    try:
        with transaction.atomic():
            result = ACTIONS[action](task=task, page=page, user=user)
            task.action = action
            task.status = TaskStatus.DONE
            task.result = result[:500]
            task.reviewed_by = user
            task.reviewed_at = timezone.now()
            task.review_note = note[:500]
            task.save()
            log(
                instance=page,
                action="cms.cleanup.done",
                user=user,
                data={
                    "reason": task.get_reason_display(),
                    "action": Action(action).label,
                    "result": task.result,
                },
            )
    except CleanupRefused:
        raise
    except Exception as error:  # a publication rule, a clash of redirect paths ...
        from cms.review.mixins import PublishRefused

        message = (
            "；".join(m for _f, m in error.problems)
            if isinstance(error, PublishRefused)
            else str(error)
        )
        task.status = TaskStatus.FAILED
        task.result = f"执行失败：{message}"[:500]
        task.reviewed_by = user
        task.reviewed_at = timezone.now()
        task.save()
        raise CleanupRefused(task.result) from error
    return task


# --- actions ----------------------------------------------------------------------
def _publish_validity(
    page: PolicyPage, *, override: str, on: datetime.date | None, user
) -> None:
    """Publish ``page`` marked 失效/废止 from ``on``: the banner's text and date."""
    if not isinstance(page, PolicyPage):
        raise CleanupRefused("只有政策文件可以标注失效或废止。")
    if page.has_unpublished_changes:
        raise CleanupRefused("该政策有未发布的修改，请先处理草稿后再标注。")
    page.validity_override = override
    page.validity_date = on
    revision = page.save_revision(user=user, log_action=False)
    revision.publish(user=user, skip_permission_checks=True)


def _mark_expired(*, task, page, user) -> str:
    on = task.effective_on or getattr(page, "expiry_date", None)
    _publish_validity(page, override=ValidityOverride.EXPIRED, on=on, user=user)
    return f"已标注失效（{on:%Y-%m-%d}）" if on else "已标注失效"


def _mark_repealed(*, task, page, user) -> str:
    on = task.effective_on or timezone.localdate()
    _publish_validity(page, override=ValidityOverride.REPEALED, on=on, user=user)
    return f"已标注废止（{on:%Y-%m-%d}）" if on else "已标注废止"


def _redirect(*, task, page, user) -> str:
    successor = task.successor
    if successor is None or not public_pages().filter(pk=successor.pk).exists():
        raise CleanupRefused("没有可重定向到的公开新政策。")
    site = page.get_site()
    old_path = Redirect.normalise_path(page.get_url_parts()[2])
    Redirect.objects.update_or_create(
        site=site,
        old_path=old_path,
        defaults={"redirect_page": successor.specific, "is_permanent": True},
    )
    page.unpublish(user=user, log_action=True)
    return f"已撤下，原地址 {old_path} 重定向到《{successor.title}》"


def _archive(*, task, page, user) -> str:
    ArchivedPage.objects.update_or_create(page_id=page.pk, defaults={"task": task})
    # A full save of the live row moves the API response cache on (lists change);
    # the search finds only listed pages.
    if page.live:
        page.save()
    return "已归档：不在列表和搜索中，原地址仍可访问"


def _take_down(*, task, page, user) -> str:
    if page.live:
        page.unpublish(user=user, log_action=True)
    return "已撤下"


ACTIONS = {
    Action.MARK_EXPIRED: _mark_expired,
    Action.MARK_REPEALED: _mark_repealed,
    Action.REDIRECT: _redirect,
    Action.ARCHIVE: _archive,
    Action.TAKE_DOWN: _take_down,
}


# --- validity on its dates --------------------------------------------------------
def validity_stage(policy: PolicyPage, today: datetime.date) -> str:
    if policy.expiry_date and policy.expiry_date <= today:
        return ValidityStage.EXPIRED
    if policy.effective_date and policy.effective_date > today:
        return ValidityStage.PENDING
    return ValidityStage.VALID


def advance_validity(*, today: datetime.date | None = None) -> list[tuple[int, str]]:
    """Policies whose 施行日期 or 失效日期 has come since the last run: log the change
    and save the live page, so the API's cached responses and the search index show
    the new 有效性. A policy seen for the first time is only recorded."""
    today = today or timezone.localdate()
    known = dict(PolicyValidityState.objects.values_list("page_id", "stage"))
    changed = []
    dated = PolicyPage.objects.filter(validity_override="").exclude(
        effective_date__isnull=True, expiry_date__isnull=True
    )
    for policy in dated.iterator(500):
        stage = validity_stage(policy, today)
        before = known.get(policy.pk)
        if before == stage:
            continue
        PolicyValidityState.objects.update_or_create(
            page_id=policy.pk, defaults={"stage": stage, "changed_on": today}
        )
        if before is None:
            continue
        with transaction.atomic():
            if policy.live:
                # A full save of the live row: the API cache's generation moves and
                # Wagtail updates the search index.
                policy.save()
            log(
                instance=policy,
                action="cms.cleanup.validity",
                data={
                    "from": ValidityStage(before).label,
                    "to": ValidityStage(stage).label,
                    "on": today.isoformat(),
                    "validity": Validity(
                        derive_validity(
                            override="", expiry_date=policy.expiry_date, today=today
                        )
                    ).label,
                },
            )
        changed.append((policy.pk, stage))
    return changed
