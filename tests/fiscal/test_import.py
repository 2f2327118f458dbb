"""Importing 财政信息 with their key figures: per-row Chinese errors with line numbers,
re-import keyed on department + year + kind updating in place (figures included),
an unchanged row writing nothing, the command, and the search index."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cms.core.importing import read_file
from cms.fiscal.importing import FiscalImporter
from cms.fiscal.models import FiscalDisclosure, FiscalFigure, Kind
from cms.taxonomy.models import Organization
from tests.core.files import write_csv, write_jsonl, write_xlsx

D = datetime.date
HEADER = [
    "年度",
    "类别",
    "部门",
    "标题",
    "批复日期",
    "公开日期",
    "收入合计（万元）",
    "支出合计（万元）",
    "三公经费（万元）",
]


def row(**changes) -> list:
    values = {
        "年度": "2026",
        "类别": "部门预算",
        "部门": "办公室",
        "标题": "",
        "批复日期": "2026-01-21",
        "公开日期": "2026-02-09",
        "收入合计（万元）": "12,850.40",
        "支出合计（万元）": "12850.40",
        "三公经费（万元）": "18.6",
    }
    values.update(changes)
    return [values[name] for name in HEADER]


def run(path, **options):
    return FiscalImporter(**options).run(read_file(path))


def figures(disclosure) -> list[tuple[str, str, str]]:
    return [
        (f.name, str(f.amount), f.unit)
        for f in disclosure.figures.order_by("sort_order", "pk")
    ]


@pytest.fixture
def office(site_tree):
    return Organization.objects.get(name="办公室")


def test_a_csv_imports_disclosures_with_their_figures(tmp_path, office):
    path = write_csv(
        tmp_path / "财政信息.csv",
        [
            HEADER,
            row(),
            row(
                **{
                    "年度": "2025",
                    "类别": "决算",
                    "标题": "2025年度部门决算（局机关）",
                    "批复日期": "2026-08-12",
                    "公开日期": "",
                    "三公经费（万元）": "",
                }
            ),
        ],
    )
    report = run(path)
    assert (report.created, report.updated, report.failed) == (2, 0, 0)
    budget = FiscalDisclosure.objects.get(kind=Kind.BUDGET)
    assert (budget.title, budget.year, budget.department) == (
        "办公室2026年度部门预算",
        2026,
        office,
    )
    assert (budget.approval_date, budget.due_date, budget.disclosed_on) == (
        D(2026, 1, 21),
        D(2026, 2, 10),
        D(2026, 2, 9),
    )
    # A 公开日期 and no 发布 column: published.
    assert budget.published is True
    assert figures(budget) == [
        ("收入合计", "12850.40", "万元"),
        ("支出合计", "12850.40", "万元"),
        ("三公经费", "18.60", "万元"),
    ]
    final = FiscalDisclosure.objects.get(kind=Kind.FINAL_ACCOUNTS)
    # Approved, not yet disclosed: a draft whose deadline runs.
    assert (final.published, final.disclosed_on, final.due_date) == (
        False,
        None,
        D(2026, 9, 1),
    )
    assert [name for name, _a, _u in figures(final)] == ["收入合计", "支出合计"]


def test_rows_with_errors_are_reported_by_line_and_the_rest_imported(tmp_path, office):
    rows = [
        HEADER,
        row(),
        row(**{"年度": "二〇二六", "类别": "预决算", "批复日期": "2026/01/21"}),
        row(**{"部门": "不存在的科室", "类别": "绩效自评"}),
        row(**{"类别": "部门决算", "收入合计（万元）": "一万"}),
        row(**{"类别": "绩效评价", "年度": "2030"}),
        row(**{"类别": "部门决算", "批复日期": "2026-03-01", "公开日期": "2026-02-01"}),
        row(**{"标题": "又一份2026年部门预算"}),
        row(**{"类别": "部门决算", "批复日期": ""}),
    ]
    report = run(write_csv(tmp_path / "errors.csv", rows))
    assert [str(error) for error in report.errors] == [
        "第 3 行：年度应为四位数的年份，如 2026，不能是“二〇二六”；类别应为 部门预算、"
        "预算、部门决算、决算、绩效自评、部门绩效自评、重点项目绩效评价 或 绩效评价，"
        "不能是“预决算”；批复日期格式应为 YYYY-MM-DD",
        "第 4 行：找不到部门“不存在的科室”（请写机构全称或简称）",
        "第 5 行：收入合计应为数字，不能是“一万”",
        "第 6 行：年度不能晚于批复日期的次年。",
        "第 7 行：公开日期不能早于批复日期。",
        "第 8 行：与第 2 行是同一财政信息（办公室 2026年度部门预算），文件中不能重复",
        "第 9 行：缺少批复日期",
    ]
    assert list(FiscalDisclosure.objects.values_list("title", flat=True)) == [
        "办公室2026年度部门预算"
    ]
    assert FiscalFigure.objects.count() == 3


def test_re_import_updates_in_place_and_an_unchanged_row_writes_nothing(
    tmp_path, office, django_assert_max_num_queries
):
    first = write_csv(tmp_path / "a.csv", [HEADER, row()])
    assert run(first).created == 1
    original = FiscalDisclosure.objects.get()
    stamp = original.updated_at
    figure_ids = list(original.figures.values_list("pk", flat=True))

    # Unchanged: read, compared, nothing written.
    with django_assert_max_num_queries(6):
        again = run(first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert FiscalDisclosure.objects.get().updated_at == stamp

    # A figure changed (same department, year and kind): updated in place.
    changed = write_xlsx(
        tmp_path / "b.xlsx",
        [
            [*HEADER, "项目支出"],
            [*row(**{"三公经费（万元）": 17.25}), 3650.8],
            row(**{"年度": 2025, "批复日期": "2025-01-22", "公开日期": ""}),
        ],
    )
    report = run(changed)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    updated = FiscalDisclosure.objects.get(pk=original.pk)
    assert updated.updated_at > stamp
    assert figures(updated) == [
        ("收入合计", "12850.40", "万元"),
        ("支出合计", "12850.40", "万元"),
        ("三公经费", "17.25", "万元"),
        ("项目支出", "3650.80", "万元"),
    ]
    # The same figure rows, updated rather than replaced.
    assert set(figure_ids) <= set(updated.figures.values_list("pk", flat=True))
    assert FiscalDisclosure.objects.count() == 2
    assert run(changed).unchanged == 2


def test_blank_cells_leave_what_is_stored_and_admin_figures_are_kept(tmp_path, office):
    run(write_csv(tmp_path / "a.csv", [HEADER, row()]))
    disclosure = FiscalDisclosure.objects.get()
    FiscalFigure.objects.create(
        disclosure=disclosure,
        name="机关运行经费",
        amount=Decimal("96.30"),
        sort_order=9,
    )
    blank = row(
        **{
            "公开日期": "",
            "收入合计（万元）": "",
            "支出合计（万元）": "",
            "三公经费（万元）": "",
        }
    )
    report = run(write_csv(tmp_path / "b.csv", [HEADER, blank]))
    assert (report.updated, report.unchanged) == (0, 1)
    disclosure.refresh_from_db()
    assert (disclosure.published, disclosure.disclosed_on) == (True, D(2026, 2, 9))
    assert [name for name, _a, _u in figures(disclosure)] == [
        "收入合计",
        "支出合计",
        "三公经费",
        "机关运行经费",
    ]


def test_publishing_by_import_fills_in_today_as_save_does(tmp_path, office):
    header = [*HEADER, "发布"]
    draft = [*row(**{"公开日期": ""}), "否"]
    run(write_csv(tmp_path / "a.csv", [header, draft]))
    disclosure = FiscalDisclosure.objects.get()
    assert (disclosure.published, disclosure.disclosed_on) == (False, None)
    publish = [*row(**{"公开日期": ""}), "是"]
    report = run(write_csv(tmp_path / "b.csv", [header, publish]))
    assert report.updated == 1
    disclosure.refresh_from_db()
    assert (disclosure.published, disclosure.disclosed_on) == (
        True,
        timezone.localdate(),
    )


def test_jsonl_records_by_field_name(tmp_path, office):
    path = write_jsonl(
        tmp_path / "fiscal.jsonl",
        [
            {
                "year": 2025,
                "kind": "self_evaluation",
                "department": "办公室",
                "approval_date": "2026-08-12",
                "disclosed_on": "2026-08-29",
                "评价项目数": 14,
                "平均得分": 92.6,
            }
        ],
    )
    report = run(path)
    assert report.created == 1, report.errors
    evaluation = FiscalDisclosure.objects.get()
    assert evaluation.kind == Kind.SELF_EVALUATION
    assert figures(evaluation) == [
        ("评价项目数", "14.00", "个"),
        ("平均得分", "92.60", "分"),
    ]


def test_the_command_reports_and_fails_on_errors(tmp_path, office):
    path = write_csv(
        tmp_path / "fiscal.csv", [HEADER, row(), row(**{"部门": "财务科"})]
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 行未能导入"):
        call_command("import_fiscal_disclosures", str(path), stdout=out, stderr=err)
    assert "第 3 行：找不到部门“财务科”" in err.getvalue()
    assert "新建 1 条，更新 0 条，未变化 0 条，失败 1 条" in out.getvalue()
    assert FiscalDisclosure.objects.count() == 1


def test_imported_disclosures_are_found_by_the_search(
    tmp_path, office, graphql, settings, django_capture_on_commit_callbacks
):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0
    path = write_csv(tmp_path / "fiscal.csv", [HEADER, row()])
    with django_capture_on_commit_callbacks(execute=True):
        assert run(path).created == 1
    body = graphql(
        """{ search(query: "三公经费", filter: {contentType: [FISCAL_DISCLOSURE]}) {
            totalCount edges { node { title } } } }"""
    )
    assert body["data"]["search"] == {
        "totalCount": 1,
        "edges": [{"node": {"title": "办公室2026年度部门预算"}}],
    }
