"""A bulk import (no post_save) still moves the API's response cache on: the next
identical query shows the imported records, not the answer cached before."""

from __future__ import annotations

import pytest

from cms.core.importing import read_file
from cms.credit.importing import DecisionImporter
from tests.core.files import write_csv
from tests.credit.test_import import HEADER, penalty

pytestmark = pytest.mark.django_db

LIST = "{ creditDecisions(first: 5) { edges { node { documentNumber } } } }"


def numbers(graphql) -> list[str]:
    data = graphql(LIST, method="get")["data"]["creditDecisions"]["edges"]
    return [edge["node"]["documentNumber"] for edge in data]


def test_imported_records_are_served_at_once(graphql, tmp_path):
    assert numbers(graphql) == []
    assert graphql.last_response.status_code == 200
    path = write_csv(tmp_path / "双公示.csv", [HEADER, penalty(1)])
    report = DecisionImporter().run(read_file(path))
    assert report.created == 1
    assert numbers(graphql) == ["闵人社监罚字〔2026〕第00001号"]
    # An unchanged re-import writes nothing and leaves the cached answer alone.
    cached = graphql.last_response
    DecisionImporter().run(read_file(path))
    numbers(graphql)
    assert graphql.last_response["ETag"] == cached["ETag"]
