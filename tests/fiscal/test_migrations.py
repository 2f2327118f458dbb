"""0002: the one-per-department-year-kind constraints refuse to land on duplicates
with a message naming them, and change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("fiscal", "0001_initial")]
AFTER = [("fiscal", "0002_one_disclosure_per_department_year_kind")]


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicates_are_named_before_the_constraints_would_fail():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        Disclosure = executor.loader.project_state(BEFORE).apps.get_model(
            "fiscal", "FiscalDisclosure"
        )
        rows = [
            Disclosure.objects.create(
                kind="budget",
                year=2026,
                title=title,
                approval_date=datetime.date(2026, 2, 10),
                due_date=datetime.date(2026, 3, 2),
            )
            for title in ("2026年部门预算", "2026年部门预算（重复录入）")
        ]
        with pytest.raises(RuntimeError) as refused:
            MigrationExecutor(connection).migrate(AFTER)
        assert "同一责任科室、年度和类别有多条记录" in str(refused.value)
        assert "year 2026, kind budget: 2 rows" in str(refused.value)
        assert Disclosure.objects.count() == 2

        rows[1].delete()  # the operator removes the duplicate; then it migrates
        MigrationExecutor(connection).migrate(AFTER)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
