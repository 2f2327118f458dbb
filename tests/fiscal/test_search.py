"""Fiscal disclosures in the public search: found by title, kind, department and
figure names while published and disclosed; a draft, a withdrawn one, or one whose
公开日期 is still to come is never found, whatever the index holds."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.fiscal.models import FiscalDisclosure, FiscalFigure, Kind
from cms.taxonomy.models import Organization

D = datetime.date

SEARCH = """
query ($q: String!, $types: [SearchContentType!]) {
  search(query: $q, filter: {contentType: $types}) {
    totalCount
    edges { node {
      contentType title urlPath snippet
      record { __typename ... on FiscalDisclosure {
        id kind year title disclosedOn department { name }
        figures { name amount unit }
      } }
    } }
  }
}
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


@pytest.fixture
def office(site_tree):
    return Organization.objects.get(name="办公室")


def make(department, *, kind=Kind.BUDGET, year=2026, published=True, **extra):
    extra.setdefault("title", f"闵行区人力资源和社会保障局{year}年度{Kind(kind).label}")
    extra.setdefault("approval_date", D(year, 1, 21))
    extra.setdefault("disclosed_on", D(year, 2, 9) if published else None)
    disclosure = FiscalDisclosure(
        kind=kind, year=year, department=department, published=published, **extra
    )
    disclosure.figures = [
        FiscalFigure(name="收入合计", amount=Decimal("12850.40")),
        FiscalFigure(name="三公经费", amount=Decimal("18.60")),
    ]
    disclosure.save()
    return disclosure


def search(graphql, q, types=("FISCAL_DISCLOSURE",)):
    body = graphql(SEARCH, {"q": q, "types": list(types) if types else None})
    assert "errors" not in body, body
    return body["data"]["search"]


def test_a_published_disclosure_is_found_with_its_record(
    graphql, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        budget = make(office)
    found = search(graphql, "部门预算")
    assert found["totalCount"] == 1
    node = found["edges"][0]["node"]
    assert node["contentType"] == "FISCAL_DISCLOSURE"
    assert node["title"] == "闵行区人力资源和社会保障局2026年度部门预算"
    assert node["urlPath"] is None
    assert node["record"] == {
        "__typename": "FiscalDisclosure",
        "id": str(budget.pk),
        "kind": "BUDGET",
        "year": 2026,
        "title": "闵行区人力资源和社会保障局2026年度部门预算",
        "disclosedOn": "2026-02-09",
        "department": {"name": "办公室"},
        "figures": [
            {"name": "收入合计", "amount": "12850.40", "unit": "万元"},
            {"name": "三公经费", "amount": "18.60", "unit": "万元"},
        ],
    }
    assert "<em>" in node["snippet"]
    # The key figures' names find it too, and so does the search over every type.
    assert search(graphql, "三公经费")["totalCount"] == 1
    everything = search(graphql, "三公经费", types=None)
    assert [e["node"]["contentType"] for e in everything["edges"]].count(
        "FISCAL_DISCLOSURE"
    ) == 1


def test_drafts_and_future_disclosures_are_not_found(
    graphql, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make(office, published=False)
        make(
            office,
            kind=Kind.FINAL_ACCOUNTS,
            year=2025,
            approval_date=D(2026, 8, 1),
            disclosed_on=D(2099, 1, 1),
        )
    assert search(graphql, "部门预算")["totalCount"] == 0
    assert search(graphql, "部门决算")["totalCount"] == 0


def test_unpublishing_takes_it_out_of_the_results(
    graphql, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        budget = make(office)
    assert search(graphql, "部门预算")["totalCount"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        budget.published = False
        budget.save()
    assert search(graphql, "部门预算")["totalCount"] == 0


def test_the_public_rule_holds_at_query_time_whatever_the_index_holds(
    graphql, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        budget = make(office)
    # Unpublished behind the index's back (no save signal): the index still
    # holds the row, the results do not show it.
    FiscalDisclosure.objects.filter(pk=budget.pk).update(published=False)
    assert search(graphql, "部门预算")["totalCount"] == 0


def test_the_nightly_task_indexes_a_disclosure_whose_date_has_come(
    graphql, office, django_capture_on_commit_callbacks
):
    from cms.fiscal.tasks import disclose_due

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        # Published ahead of its 公开日期: hidden, so not indexed at the save.
        budget = make(office, disclosed_on=today + datetime.timedelta(days=1))
    assert search(graphql, "部门预算")["totalCount"] == 0
    # The night its date comes (the date moved behind the index's back).
    FiscalDisclosure.objects.filter(pk=budget.pk).update(
        disclosed_on=today, updated_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert search(graphql, "部门预算")["totalCount"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert disclose_due(today=today) == 1
    assert search(graphql, "部门预算")["totalCount"] == 1
    # Done once: the next run finds nothing to do.
    assert disclose_due(today=today) == 0
