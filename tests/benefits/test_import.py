"""Importing 待遇标准调整: Chinese headers from CSV/Excel/JSONL, per-row Chinese errors
with line numbers (nothing written for a bad row), re-import updating in place
keyed on 待遇项目 + 类别 + 执行起始日, the timeline checked with the file's own rows,
and an editor importing for their own department only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.benefits.importing import BenefitStandardImporter
from cms.benefits.models import BenefitStandard, Scheme
from cms.core.importing import read_file
from cms.taxonomy.models import Organization
from tests.core.files import write_csv, write_jsonl, write_xlsx
from tests.factories import PolicyPageFactory

D = datetime.date
HEADER = [
    "方案/险种",
    "类别",
    "金额",
    "单位",
    "执行起始日",
    "执行截止日",
    "依据政策",
    "调整前金额",
    "决定日期",
]


@pytest.fixture
def policies(site_tree):
    social = Organization.objects.get(name="社会保险科")
    return {
        "2024": PolicyPageFactory(
            parent=site_tree.policies,
            title="关于调整本市失业保险金支付标准的通知",
            doc_number="沪人社规〔2024〕9号",
            written_date=D(2024, 3, 18),
            publish_date=D(2024, 3, 25),
            department=social,
        ),
        "2025": PolicyPageFactory(
            parent=site_tree.policies,
            title="关于调整2025年本市失业保险金支付标准的通知",
            doc_number="沪人社规〔2025〕6号",
            written_date=D(2025, 3, 17),
            publish_date=D(2025, 3, 24),
            department=social,
        ),
    }


def rows():
    return [
        HEADER,
        ["失业保险金", "第1至12个月（缴费满1年不满5年）", "2105", "", "2024-04-01",
         "2025-03-31", "沪人社规〔2024〕9号", "2030", "2024-03-18"],
        ["失业保险金", "第1至12个月（缴费满1年不满5年）", "2175", "元/月",
         "2025-04-01", "", "沪人社规〔2025〕6号", "2105", "2025-03-17"],
        ["失业保险金", "第13至24个月", "1740", "", "2025-04-01", "",
         "关于调整2025年本市失业保险金支付标准的通知", "", "2025-03-17"],
    ]  # fmt: skip


def run(path):
    return BenefitStandardImporter().run(read_file(path))


def stored():
    return [
        (
            s.category,
            s.amount,
            s.unit,
            s.effective_from,
            s.effective_to,
            s.previous_amount,
            s.due_date,
            s.disclosed_on,
            s.department.name,
        )
        for s in BenefitStandard.objects.order_by("category", "effective_from")
    ]


def test_a_file_imports_and_reimporting_it_changes_nothing(tmp_path, policies):
    path = write_csv(tmp_path / "标准.csv", rows())
    report = run(path)
    assert (report.created, report.failed) == (3, 0), report.errors
    first = "第1至12个月（缴费满1年不满5年）"
    # Due: the 20th working day after the decision; public with the policy's 发布日期.
    assert stored() == [
        ("第13至24个月", Decimal("1740.00"), "元/月", D(2025, 4, 1), None,
         None, D(2025, 4, 15), D(2025, 3, 24), "社会保险科"),
        (first, Decimal("2105.00"), "元/月", D(2024, 4, 1), D(2025, 3, 31),
         Decimal("2030.00"), D(2024, 4, 16), D(2024, 3, 25), "社会保险科"),
        (first, Decimal("2175.00"), "元/月", D(2025, 4, 1), None,
         Decimal("2105.00"), D(2025, 4, 15), D(2025, 3, 24), "社会保险科"),
    ]  # fmt: skip
    before = stored()
    again = run(path)
    assert (again.created, again.updated, again.unchanged, again.failed) == (
        0,
        0,
        3,
        0,
    )
    assert stored() == before
    # The same standards from Excel, one amount corrected: updated in place.
    changed = rows()
    changed[3][2] = 1745
    changed[2][4] = D(2025, 4, 1)
    report = run(write_xlsx(tmp_path / "标准.xlsx", changed))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert BenefitStandard.objects.count() == 3
    assert BenefitStandard.objects.get(category="第13至24个月").amount == Decimal(
        "1745.00"
    )


def test_bad_rows_are_reported_by_line_and_write_nothing(tmp_path, policies):
    bad = rows()
    bad[1][0] = "医疗保险"
    bad[2][2] = "两千"
    bad[3][6] = "沪人社规〔2099〕1号"
    bad.append(
        ["最低工资", "月最低工资标准", "2690", "", "2024-07-01", "2024-06-30",
         "沪人社规〔2024〕9号", "", "2024-06-01"]
    )  # fmt: skip
    bad.append(["失业保险金", "", "2000", "", "2025-04-01", "", "", "", ""])
    report = run(write_csv(tmp_path / "坏.csv", bad))
    assert [str(error) for error in report.errors] == [
        "第 2 行：待遇项目应为 征地养老、失业保险金、工伤保险待遇、最低工资、其他、"
        "失业保险、工伤保险、征地养老人员生活费 或 最低工资标准，不能是“医疗保险”",
        "第 3 行：金额应为数字，不能是“两千”",
        "第 4 行：找不到依据政策“沪人社规〔2099〕1号”（请写发文字号或完整标题）",
        "第 5 行：执行截止日不能早于执行起始日",
        "第 6 行：缺少依据政策；缺少决定日期",
    ]
    assert BenefitStandard.objects.count() == 0


def test_overlaps_and_a_wrong_previous_amount_are_refused(tmp_path, policies):
    run(write_csv(tmp_path / "a.csv", rows()))
    more = [
        HEADER,
        # Overlaps the stored 2024 standard (2024-04-01 至 2025-03-31).
        ["失业保险金", "第1至12个月（缴费满1年不满5年）", "2150", "", "2024-10-01",
         "2025-02-28", "沪人社规〔2024〕9号", "", "2024-09-20"],
        # An adjustment in the same file: the earlier, open-ended row ends the day
        # before the later one starts.
        ["工伤保险待遇", "生活护理费（完全不能自理）", "4570", "", "2024-07-01", "",
         "沪人社规〔2024〕9号", "", "2024-06-20"],
        ["工伤保险待遇", "生活护理费（完全不能自理）", "4690", "", "2025-07-01", "",
         "沪人社规〔2025〕6号", "", "2025-06-18"],
        # Its 调整前金额 is not the amount of the file's standard before it.
        ["失业保险金", "第13至24个月", "1600", "", "2023-04-01", "2024-03-31",
         "沪人社规〔2024〕9号", "", "2023-03-20"],
        ["失业保险金", "第13至24个月", "1685", "", "2024-04-01", "2025-03-31",
         "沪人社规〔2024〕9号", "1700", "2024-03-18"],
    ]  # fmt: skip
    lines = [dict(zip(HEADER, row, strict=True)) for row in more[1:]]
    report = run(write_jsonl(tmp_path / "b.jsonl", lines))
    assert [str(error) for error in report.errors] == [
        "第 1 行：与已有标准（2105 元/月，2024-04-01 至 2025-03-31）的执行期间重叠",
        "第 5 行：调整前金额 1700 与上一标准（2023-04-01 起执行，1600）不符",
    ]
    assert report.created == 3
    assert BenefitStandard.objects.count() == 6
    care = BenefitStandard.objects.filter(category="生活护理费（完全不能自理）")
    assert list(
        care.order_by("effective_from").values_list(
            "effective_to", "amount", "previous_amount"
        )
    ) == [
        (D(2025, 6, 30), Decimal("4570"), None),
        (None, Decimal("4690"), Decimal("4570")),
    ]


def test_an_adjusting_row_ends_the_stored_current_standard(tmp_path, policies):
    run(write_csv(tmp_path / "a.csv", rows()))
    adjusting = [
        HEADER,
        ["失业保险金", "第13至24个月", "1790", "", "2026-04-01", "",
         "沪人社规〔2025〕6号", "", "2026-03-16"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "b.csv", adjusting)
    assert run(path).created == 1
    assert list(
        BenefitStandard.objects.filter(category="第13至24个月")
        .order_by("effective_from")
        .values_list("effective_from", "effective_to", "previous_amount")
    ) == [
        (D(2025, 4, 1), D(2026, 3, 31), None),
        (D(2026, 4, 1), None, Decimal("1740")),
    ]
    # Re-importing the same file changes nothing.
    report = run(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_an_inserted_standard_becomes_the_next_ones_previous_amount(tmp_path, policies):
    run(write_csv(tmp_path / "a.csv", rows()))
    earlier = [
        HEADER,
        ["失业保险金", "第13至24个月", "1685", "", "2024-04-01", "2025-03-31",
         "沪人社规〔2024〕9号", "", "2024-03-18"],
    ]  # fmt: skip
    assert run(write_csv(tmp_path / "b.csv", earlier)).created == 1
    later = BenefitStandard.objects.get(
        category="第13至24个月", effective_from=D(2025, 4, 1)
    )
    assert later.previous_amount == Decimal("1685.00")


def test_the_command_reports_errors_and_fails(tmp_path, policies, capsys):
    bad = rows()
    bad[2][2] = "两千"
    path = write_csv(tmp_path / "标准.csv", bad)
    with pytest.raises(CommandError) as caught:
        call_command("import_benefit_standards", str(path), "--no-progress")
    assert str(caught.value) == "1 行未能导入，其余各行已导入"
    captured = capsys.readouterr()
    assert "第 3 行：金额应为数字，不能是“两千”" in captured.err
    assert "新建 2 条，更新 0 条，未变化 0 条，失败 1 条" in captured.out
    assert BenefitStandard.objects.count() == 2


def test_an_editor_imports_for_their_own_department_only(
    tmp_path, policies, django_user_model
):
    policies["2025"].department = Organization.objects.get(name="就业促进科")
    policies["2025"].save()
    editor = django_user_model.objects.create_user(username="shebao", password="x")
    editor.groups.add(Group.objects.get(name="编辑-社会保险科"))
    report = BenefitStandardImporter(user=editor).run(
        read_file(write_csv(tmp_path / "a.csv", rows()))
    )
    assert [str(error) for error in report.errors] == [
        "第 3 行：只能导入本科室的待遇标准（请检查责任科室或依据政策的责任科室）",
        "第 4 行：只能导入本科室的待遇标准（请检查责任科室或依据政策的责任科室）",
    ]
    assert list(BenefitStandard.objects.values_list("scheme", "amount")) == [
        (Scheme.UNEMPLOYMENT, Decimal("2105.00"))
    ]
