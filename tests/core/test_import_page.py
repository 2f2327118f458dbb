"""The admin's import pages (待遇标准调整, 双公示) are one template, core/import.html,
told by each view what it imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PAGES = [
    (
        "wagtailsnippets_benefits_benefitstandard:import",
        "导入待遇标准调整",
        "表头：待遇项目（必填）、类别、金额（必填）、单位、执行起始日（必填）",
        "wagtailsnippets_benefits_benefitstandard:list",
    ),
    (
        "credit_decisions:import",
        "导入行政许可、行政处罚决定",
        "表头：决定类别、文书号、当事人、当事人类型",
        "credit_decisions:index",
    ),
]


@pytest.mark.parametrize(("url", "title", "columns", "index_url"), PAGES)
def test_each_import_page_is_the_shared_template_with_its_own_text(
    client, superuser, url, title, columns, index_url
):
    url, index_url = reverse(url), reverse(index_url)
    client.force_login(superuser)
    page = client.get(url)
    assert page.status_code == 200
    assert [t.name for t in page.templates][0] == "core/import.html"
    assert f"<title>{title}" in page.text
    assert columns in page.text
    assert f'href="{index_url}">返回列表</a>' in page.text

    refused = client.post(url, {"file": SimpleUploadedFile("表.pdf", b"%PDF")})
    assert refused.status_code == 200
    assert "只能导入 .xlsx、.csv 或 .jsonl 文件" in refused.text
    assert refused.context["report"] is None
