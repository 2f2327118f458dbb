"""fiscalDisclosures through GraphQL: public only (published and disclosed), ordered
by year desc and kind, with figures and attachment URLs, filters, the query count;
and the tables download only while their disclosure is public."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.fiscal.models import FiscalAttachment, FiscalDisclosure, FiscalFigure, Kind
from tests.api.content.conftest import pdf_bytes

D = datetime.date

QUERY = """
query ($year: Int, $kind: FiscalKind) {
  fiscalDisclosures(year: $year, kind: $kind) {
    kind year title approvalDate dueDate disclosedOn department { name }
    figures { name amount unit }
    attachments { title document { url fileType } }
  }
}
"""


def document(title, filename):
    doc = get_document_model()(
        title=title,
        file=ContentFile(
            pdf_bytes(1) if filename.endswith(".pdf") else title.encode(),
            name=filename,
        ),
        collection=Collection.get_first_root_node(),
    )
    doc.save()
    return doc


def make(kind, year, approved, *, published=True, disclosed=None, figures=(), files=()):
    disclosure = FiscalDisclosure(
        kind=kind,
        year=year,
        title=f"{year}年区人力资源和社会保障局{Kind(kind).label}",
        approval_date=approved,
        disclosed_on=disclosed,
        published=published,
    )
    disclosure.figures = [
        FiscalFigure(name=name, amount=Decimal(amount), unit="万元")
        for name, amount in figures
    ]
    disclosure.attachments = [
        FiscalAttachment(document=doc, title=title) for title, doc in files
    ]
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@pytest.fixture
def disclosures(site_tree, bureau):
    tables = document("2026年部门预算公开表", "yusuan-2026.pdf")
    budget = make(
        Kind.BUDGET,
        2026,
        D(2026, 1, 20),
        disclosed=D(2026, 2, 5),
        figures=[
            ("收入合计", "12850.40"),
            ("支出合计", "12850.40"),
            ("三公经费", "18.60"),
        ],
        files=[("", tables)],
    )
    budget.department = bureau
    budget.save()
    final_tables = document("决算表", "juesuan-2025.xlsx")
    make(
        Kind.FINAL_ACCOUNTS,
        2025,
        D(2025, 8, 12),
        disclosed=D(2025, 8, 30),
        figures=[("支出合计", "11904.17")],
        files=[("决算公开表（Excel）", final_tables)],
    )
    make(Kind.BUDGET, 2025, D(2025, 1, 22), disclosed=D(2025, 2, 10))
    draft_tables = document("未公开的评价报告", "pingjia.pdf")
    make(
        Kind.PROJECT_EVALUATION,
        2025,
        D(2026, 3, 1),
        published=False,
        files=[("", draft_tables)],
    )
    return {"tables": tables, "final": final_tables, "draft_tables": draft_tables}


def test_public_disclosures_with_figures_and_attachments(
    graphql, disclosures, bureau, django_assert_max_num_queries
):
    tables, final = disclosures["tables"], disclosures["final"]
    # Disclosures with departments, figures, attachments with documents, and the
    # restricted-collection check: the same for any number of disclosures.
    with django_assert_max_num_queries(5):
        data = graphql(QUERY)["data"]
    assert data == {
        "fiscalDisclosures": [
            {
                "kind": "BUDGET",
                "year": 2026,
                "title": "2026年区人力资源和社会保障局部门预算",
                "approvalDate": "2026-01-20",
                "dueDate": "2026-02-09",
                "disclosedOn": "2026-02-05",
                "department": {"name": bureau.name},
                "figures": [
                    {"name": "收入合计", "amount": "12850.40", "unit": "万元"},
                    {"name": "支出合计", "amount": "12850.40", "unit": "万元"},
                    {"name": "三公经费", "amount": "18.60", "unit": "万元"},
                ],
                "attachments": [
                    {
                        "title": "2026年部门预算公开表",
                        "document": {
                            "url": f"http://testserver{tables.url}",
                            "fileType": "pdf",
                        },
                    }
                ],
            },
            {
                "kind": "BUDGET",
                "year": 2025,
                "title": "2025年区人力资源和社会保障局部门预算",
                "approvalDate": "2025-01-22",
                "dueDate": "2025-02-11",
                "disclosedOn": "2025-02-10",
                "department": None,
                "figures": [],
                "attachments": [],
            },
            {
                "kind": "FINAL_ACCOUNTS",
                "year": 2025,
                "title": "2025年区人力资源和社会保障局部门决算",
                "approvalDate": "2025-08-12",
                "dueDate": "2025-09-01",
                "disclosedOn": "2025-08-30",
                "department": None,
                "figures": [{"name": "支出合计", "amount": "11904.17", "unit": "万元"}],
                "attachments": [
                    {
                        "title": "决算公开表（Excel）",
                        "document": {
                            "url": f"http://testserver{final.url}",
                            "fileType": "xlsx",
                        },
                    }
                ],
            },
        ]
    }


def test_filters_by_year_and_kind(graphql, disclosures):
    data = graphql(QUERY, {"year": 2025, "kind": "BUDGET"})["data"]
    assert [(d["year"], d["kind"]) for d in data["fiscalDisclosures"]] == [
        (2025, "BUDGET")
    ]
    data = graphql(QUERY, {"kind": "PROJECT_EVALUATION"})["data"]
    assert data == {"fiscalDisclosures": []}


def test_a_future_disclosure_date_is_not_public_yet(graphql, site_tree):
    make(Kind.BUDGET, 2027, D(2027, 1, 20), disclosed=D(2099, 1, 1))
    assert graphql(QUERY)["data"] == {"fiscalDisclosures": []}


def test_tables_download_only_while_their_disclosure_is_public(client, disclosures):
    tables = disclosures["tables"]
    assert client.get(tables.url).status_code == 200
    assert client.get(disclosures["draft_tables"].url).status_code == 404
    FiscalDisclosure.objects.filter(year=2026).update(published=False)
    assert client.get(tables.url).status_code == 404


def test_a_table_in_a_restricted_collection_is_not_listed(graphql, site_tree):
    restricted = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=restricted,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="neibu-2026",
    )
    internal = document("内部测算表", "cesuan.pdf")
    internal.collection = restricted
    internal.save()
    public = document("公开表", "gongkai.pdf")
    make(
        Kind.BUDGET,
        2026,
        D(2026, 1, 20),
        disclosed=D(2026, 2, 5),
        files=[("", internal), ("", public)],
    )
    data = graphql(QUERY)["data"]["fiscalDisclosures"]
    assert [a["title"] for a in data[0]["attachments"]] == ["公开表"]
