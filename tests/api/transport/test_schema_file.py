"""schema.graphql is the API contract: committed, and never out of date."""

from __future__ import annotations

from api.management.commands.export_schema import SCHEMA_FILE, schema_text


def test_committed_schema_matches_the_code():
    committed = SCHEMA_FILE.read_text("utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == schema_text(), (
        "schema.graphql is stale: run `make schema` and commit the result "
        "(check the diff for breaking changes)."
    )
