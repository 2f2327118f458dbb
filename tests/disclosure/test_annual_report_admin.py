"""The annual report in the admin and its Excel export."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from cms.disclosure.report_models import AnnualReportRecord
from tests.disclosure.conftest import user_with
from tests.disclosure.test_annual_report import applications  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

D = datetime.date


def denied(response) -> bool:
    """The Wagtail admin answers a missing permission by redirecting to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def reporter(django_user_model):
    return user_with(django_user_model, "reporter", "view_annualreportrecord")


def test_report_page_shows_the_year(client, reporter, applications):  # noqa: F811
    AnnualReportRecord.objects.create(year=2025, review_upheld=3, overview="总体平稳。")
    client.force_login(reporter)
    response = client.get("/admin/reports/disclosure-annual/?year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert "闵行区人力资源和社会保障局2025年政府信息公开工作年度报告" in html
    assert (
        '<td data-key="new/total" style="border: 1px solid #ccc; text-align: center">9</td>'
        in html
    )
    assert (
        'data-key="carried_in/natural_person" style="border: 1px solid #ccc; text-align: center">1<'
        in html
    )
    assert (
        'data-key="review/total" style="border: 1px solid #ccc; text-align: center">3<'
        in html
    )
    assert "总体平稳。" in html
    assert "/admin/reports/disclosure-annual/2025.xlsx" in html


def test_report_needs_the_permission(client, django_user_model):
    clerk = user_with(django_user_model, "clerk3", "change_disclosureapplication")
    client.force_login(clerk)
    assert denied(client.get("/admin/reports/disclosure-annual/"))
    assert denied(client.get("/admin/reports/disclosure-annual/2025.xlsx"))


def test_excel_export_has_the_template_layout(client, reporter, applications):  # noqa: F811
    client.force_login(reporter)
    response = client.get("/admin/reports/disclosure-annual/2025.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]

    def find(text):
        return next(i for i, row in enumerate(rows) if row[0] == text)

    assert rows[0][0] == "闵行区人力资源和社会保障局2025年政府信息公开工作年度报告"
    new = find("一、本年新收政府信息公开申请数量")
    assert rows[new][3:10] == [4, 1, 1, 1, 1, 1, 9]
    assert rows[new + 1][3:10] == [1, 1, 0, 0, 1, 0, 3]
    results = new + 2
    assert rows[results][:3] == ["三、本年度办理结果", "（一）予以公开", None]
    assert rows[results][3:10] == [2, 0, 0, 0, 0, 0, 2]
    assert rows[results + 2][1:3] == ["（三）不予公开", "1.属于国家秘密"]
    assert rows[results + 5][2:10] == ["4.保护第三方合法权益", 0, 1, 0, 0, 0, 0, 1]
    total = find("四、结转下年度继续办理") - 1
    assert rows[total][1] == "（七）总计"
    assert rows[total][3:10] == [4, 1, 1, 1, 1, 1, 9]
    assert rows[total + 1][3:10] == [1, 1, 0, 0, 1, 0, 3]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"A{results + 1}:A{total + 1}" in merged  # 三、本年度办理结果 spans its rows
    assert f"B{results + 3}:B{results + 10}" in merged  # （三）不予公开: eight reasons
    review = find("行政复议")
    assert rows[review + 1][:5] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert rows[review + 3] == [0] * 15


def test_office_enters_the_year_figures_in_the_admin(client, superuser):
    client.force_login(superuser)
    form = client.get("/admin/snippets/disclosure/annualreportrecord/add/")
    assert form.status_code == 200
    assert "行政诉讼：复议后起诉" in form.content.decode()
    numbers = [
        f"{group}_{outcome}"
        for group in ("review", "direct", "after_review")
        for outcome in ("upheld", "corrected", "other", "pending")
    ] + [
        "rules_issued",
        "rules_repealed",
        "rules_in_force",
        "licensing_decisions",
        "penalty_decisions",
        "coercion_decisions",
    ]
    data = {name: "0" for name in numbers}
    data.update(
        year="2025",
        review_upheld="2",
        after_review_pending="1",
        fees_amount="0.35",
        overview="2025年，本局认真贯彻落实《政府信息公开条例》。",
        problems="",
        other_matters="",
    )
    response = client.post("/admin/snippets/disclosure/annualreportrecord/add/", data)
    assert response.status_code == 302
    record = AnnualReportRecord.objects.get(year=2025)
    assert (record.review_upheld, record.after_review_pending) == (2, 1)
    page = client.get("/admin/reports/disclosure-annual/?year=2025").content.decode()
    assert (
        'data-key="fees" style="border: 1px solid #ccc; text-align: center">0.35<'
        in page
    )
    assert "修改复议诉讼等数据" in page


SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def test_an_empty_year_shows_every_section_in_order(client, reporter):
    client.force_login(reporter)
    html = client.get("/admin/reports/disclosure-annual/?year=2023").content.decode()
    titles = re.findall(
        r'<section class="annual-report-section" data-section="(\d)">\s*<h3>(.*?)</h3>',
        html,
    )
    assert titles == [(str(i), title) for i, title in enumerate(SECTIONS, 1)]
    assert html.count("<p>（尚未填写）</p>") == 2
    assert "<p>本年度未发出信息处理费收费通知，未收取信息处理费。</p>" in html
    assert html.count('<table class="listing annual-report-table"') == 3
    assert 'data-warning="incomplete"' not in html

    sheet = load_workbook(
        io.BytesIO(client.get("/admin/reports/disclosure-annual/2023.xlsx").content)
    ).active
    column_a = [row[0] for row in sheet.iter_rows(values_only=True)]
    at = [column_a.index(title) for title in SECTIONS]
    assert at == sorted(at)
    assert column_a[at[0] + 1] == "（尚未填写）"
    assert column_a[at[4] + 1] == "（尚未填写）"
    assert column_a[at[5] + 1] == "本年度未发出信息处理费收费通知，未收取信息处理费。"


def test_the_page_warns_about_replies_counted_nowhere(client, reporter):
    from tests.disclosure.test_annual_report import application

    stray = application("natural_person", D(2025, 5, 5), D(2025, 5, 20), "unable")
    client.force_login(reporter)
    html = client.get("/admin/reports/disclosure-annual/?year=2025").content.decode()
    assert (
        '<p class="help-block help-critical" role="alert" data-warning="incomplete">'
        "有 1 件已答复的申请缺少与答复类型相符的理由，未计入办理结果，"
        f"表三的勾稽关系因此不成立，请核实后更正：{stray.tracking_number}</p>"
    ) in html
    sheet = load_workbook(
        io.BytesIO(client.get("/admin/reports/disclosure-annual/2025.xlsx").content)
    ).active
    assert sheet["A3"].value.startswith("有 1 件已答复的申请缺少与答复类型相符的理由")
