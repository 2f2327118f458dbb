"""submission_transaction(): no silent rollback slips through as a success."""

from __future__ import annotations

import pytest
from django.db import transaction

from cms.participation.durability import SubmissionNotSaved, submission_transaction
from cms.participation.models import Notification


def _row(subject: str) -> Notification:
    return Notification.objects.create(kind="test", subject=subject, body="正文")


# Commits are what is checked: real transactions, not a test wrapped in one.
@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_a_committed_block_counts_as_saved():
    with submission_transaction():
        _row("提交成功")

    # What a swallowed database error inside the block leaves behind: a
    # transaction marked for rollback, and no exception.
    with pytest.raises(SubmissionNotSaved), submission_transaction():
        _row("被静默回滚")
        transaction.set_rollback(True)

    # The block's own errors pass through.
    with pytest.raises(ZeroDivisionError), submission_transaction():
        _row("出错回滚")
        1 / 0  # noqa: B018

    # Inside a transaction the caller owns, the commit is the caller's.
    with transaction.atomic(), submission_transaction():
        _row("由调用方提交")

    assert sorted(Notification.objects.values_list("subject", flat=True)) == [
        "提交成功",
        "由调用方提交",
    ]
