"""Benefit standards follow their basis policy's publication and the calendar."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone


def policy_published(sender, instance, **kwargs) -> None:
    """page_published: the policy's standards are public from today (公开日期), and
    the search index takes them in."""
    from search.updates import schedule_update

    from .models import BenefitStandard
    from .selectors import public_standards

    standards = BenefitStandard.objects.filter(basis_policy_id=instance.pk)
    if not public_standards().filter(basis_policy_id=instance.pk).exists():
        return
    standards.filter(disclosed_on__isnull=True).update(
        disclosed_on=timezone.localdate()
    )
    for pk in standards.values_list("pk", flat=True):
        schedule_update(BenefitStandard, pk)


def policy_unpublished(sender, instance, **kwargs) -> None:
    """page_unpublished: the policy's standards leave the search index."""
    from search.updates import schedule_update

    from .models import BenefitStandard

    for pk in BenefitStandard.objects.filter(basis_policy_id=instance.pk).values_list(
        "pk", flat=True
    ):
        schedule_update(BenefitStandard, pk)


def refresh_due_dates() -> int:
    """Recompute the 公开期限 of every standard (a holiday was entered); return how
    many moved."""
    from .models import BenefitStandard, disclosure_due_for

    changed = []
    for standard in BenefitStandard.objects.only(
        "pk", "decision_date", "due_date", "due_date_provisional"
    ):
        due, provisional = disclosure_due_for(standard.decision_date)
        if (due, provisional) != (standard.due_date, standard.due_date_provisional):
            standard.due_date, standard.due_date_provisional = due, provisional
            changed.append(standard)
    BenefitStandard.objects.bulk_update(
        changed, ["due_date", "due_date_provisional"], batch_size=500
    )
    return len(changed)


def calendar_changed(**kwargs) -> None:
    transaction.on_commit(refresh_due_dates)
