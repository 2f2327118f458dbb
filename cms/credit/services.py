"""Writes with rules: publishing, withdrawal at the end of the publicity period and
after 信用修复, and keeping the search index in step with bulk imports."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backends_with_name

from . import selectors
from .models import (
    CreditDecision,
    DecisionKind,
    DecisionLog,
    DecisionLogAction,
    Withdrawal,
)
from .selectors import expired_decisions, public_decisions

logger = logging.getLogger(__name__)
REASON_MAX = 1000


def decision_publish(*, decision: CreditDecision, user=None) -> CreditDecision:
    """Publish a decision saved as a draft; logged."""
    if decision.is_published:
        return decision
    with transaction.atomic():
        decision.is_published = True
        decision.published_at = timezone.now()
        decision.save()
        DecisionLog.objects.create(
            decision=decision, action=DecisionLogAction.PUBLISHED, user=user
        )
    return decision


def withdraw_expired(*, today: datetime.date | None = None) -> int:
    """Mark withdrawn every 行政处罚 whose maximum publicity period has ended (the
    public selector already hides them by date); logged, index and caches follow
    each save. Returns how many were withdrawn."""
    today = today or selectors.local_today()
    count = 0
    for decision in expired_decisions(today=today).iterator():
        with transaction.atomic():
            decision.withdrawn_on = decision.publicity_end + datetime.timedelta(days=1)
            decision.withdrawal = Withdrawal.EXPIRED
            decision.save(update_fields=["withdrawn_on", "withdrawal", "updated_at"])
            DecisionLog.objects.create(
                decision=decision,
                action=DecisionLogAction.EXPIRED,
                note=f"最长公示期至 {decision.publicity_end:%Y-%m-%d} 届满",
            )
        count += 1
    return count


def credit_repair(
    *,
    decision: CreditDecision,
    reason: str,
    repaired_on: datetime.date,
    user,
    today: datetime.date | None = None,
) -> CreditDecision:
    """End a 行政处罚's publicity early after 信用修复: recorded with the reason, the
    date and who, and logged. Raises ValidationError (field by field, in Chinese)."""
    today = today or selectors.local_today()
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if decision.kind != DecisionKind.PENALTY:
        errors["decision"] = "只有行政处罚决定可以信用修复"
    elif not public_decisions(today=today).filter(pk=decision.pk).exists():
        errors["decision"] = "该决定当前未在公示，无需信用修复"
    if not reason:
        errors["reason"] = "请填写信用修复的原因"
    elif len(reason) > REASON_MAX:
        errors["reason"] = f"信用修复原因最多 {REASON_MAX} 字"
    if repaired_on is None:
        errors["repaired_on"] = "请填写信用修复日期"
    elif repaired_on > today:
        errors["repaired_on"] = "信用修复日期不能晚于今天"
    elif (
        "decision" not in errors
        and decision.publicity_min_end
        and repaired_on <= decision.publicity_min_end
    ):
        errors["repaired_on"] = (
            f"最短公示期至 {decision.publicity_min_end:%Y-%m-%d}，"
            "届满后方可信用修复、提前停止公示"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision.withdrawn_on = repaired_on
        decision.withdrawal = Withdrawal.REPAIRED
        decision.withdrawal_note = reason
        decision.withdrawn_by = user
        decision.save(
            update_fields=[
                "withdrawn_on",
                "withdrawal",
                "withdrawal_note",
                "withdrawn_by",
                "updated_at",
            ]
        )
        DecisionLog.objects.create(
            decision=decision,
            action=DecisionLogAction.REPAIRED,
            note=f"{repaired_on:%Y-%m-%d} 信用修复：{reason}",
            user=user,
        )
    return decision


def index_decisions(decisions: list[CreditDecision]) -> None:
    """Bring the index up to date for decisions written in bulk (no save signals):
    public ones (re)indexed, the others removed; a failing backend is recorded for
    the retry sweep like any record update."""
    if not decisions:
        return
    from search.updates import record_failure

    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            with transaction.atomic():
                backend.get_index_for_model(CreditDecision).add_items(
                    CreditDecision, decisions
                )
        except Exception as error:  # noqa: BLE001 - recorded and retried
            logger.warning("Search index: bulk update failed on %s: %s", name, error)
            for decision in decisions:
                record_failure(
                    CreditDecision._meta.label,
                    str(decision.pk),
                    backend=name,
                    error=error,
                )
