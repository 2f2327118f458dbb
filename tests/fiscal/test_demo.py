"""The demo 财政信息: loads once, with figures and both tables, one disclosure still
pending; public through the API with its files downloadable."""

from __future__ import annotations

import datetime

from cms.demo.fiscal import load_fiscal_demo
from cms.demo.media import MediaLibrary
from cms.fiscal.models import FiscalAttachment, FiscalDisclosure, FiscalFigure


def test_the_demo_loads_once_and_is_public_through_the_api(client, graphql, site_tree):
    assert load_fiscal_demo(MediaLibrary()) == 8
    assert load_fiscal_demo(MediaLibrary()) == 0
    assert FiscalDisclosure.objects.count() == 8
    assert FiscalAttachment.objects.count() == 16
    assert FiscalFigure.objects.count() == 21
    pending = FiscalDisclosure.objects.get(published=False)
    assert pending.is_overdue(today=datetime.date(2026, 12, 10)) is False
    assert pending.is_overdue(today=datetime.date(2026, 12, 11)) is True
    data = graphql(
        """{ fiscalDisclosures(year: 2026) { title figures { name amount unit }
             attachments { title document { url fileType } } } }"""
    )["data"]["fiscalDisclosures"]
    assert [d["title"] for d in data] == ["闵行区人力资源和社会保障局2026年度部门预算"]
    assert data[0]["figures"] == [
        {"name": "收入合计", "amount": "12850.40", "unit": "万元"},
        {"name": "支出合计", "amount": "12850.40", "unit": "万元"},
        {"name": "三公经费", "amount": "18.60", "unit": "万元"},
    ]
    assert [
        (a["title"], a["document"]["fileType"]) for a in data[0]["attachments"]
    ] == [
        ("公开表（Excel）", "xlsx"),
        ("编制说明（PDF）", "pdf"),
    ]
    for attachment in data[0]["attachments"]:
        path = attachment["document"]["url"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200
