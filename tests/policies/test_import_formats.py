"""``manage.py import_policies`` reads CSV and Excel files as it reads JSON Lines."""

from __future__ import annotations

import datetime

import pytest

from cms.policies.models import PolicyPage
from tests.core.files import write_csv, write_xlsx

from .test_import import (
    FULL_RECORD,
    body_blocks,
    minimal,
    policy_fields,
    revision_count,
    run_failing_import,
    run_import,
    write_jsonl,
)

HEADER = [
    "标题",
    "发文字号",
    "索引号",
    "发文机关",
    "主题分类",
    "服务对象",
    "成文日期",
    "发布日期",
    "施行日期",
    "失效日期",
    "有效性",
    "摘要",
    "正文",
    "一网通办事项",
]
FULL_ROW = [
    FULL_RECORD["title"],
    FULL_RECORD["doc_number"],
    FULL_RECORD["index_number"],
    "闵行区人力资源和社会保障局\n闵行区财政局；闵行区新经济发展办公室",
    "就业补贴；新就业形态",
    "高校毕业生\n平台从业人员",
    "2024-03-01",
    "2024-03-05",
    "2024-04-01",
    "2029-03-31",
    "有效",
    FULL_RECORD["summary"],
    FULL_RECORD["body"],
    "高校毕业生就业补贴申领|310112001000|https://zwdt.sh.gov.cn/item/310112001000\n"
    "灵活就业登记||https://zwdt.sh.gov.cn/item/lhjy",
]


def _as_excel(row: list) -> list:
    """Dates as date cells, as Excel holds them."""
    return [
        datetime.date.fromisoformat(value) if index in (6, 7, 8, 9) and value else value
        for index, value in enumerate(row)
    ]


def imported() -> dict:
    page = PolicyPage.objects.get()
    return {
        "fields": policy_fields(page),
        "body": body_blocks(page),
        "issuers": [org.name for org in page.ordered_issuers()],
        "topics": sorted(topic.name for topic in page.topics.all()),
        "audiences": sorted(audience.name for audience in page.audiences.all()),
        "service_items": [
            (link.service_item.name, link.service_item.code, link.service_item.web_url)
            for link in page.service_item_links.all()
        ],
    }


@pytest.fixture
def from_jsonl(site_tree, tmp_path):
    """What the JSON Lines import makes of FULL_RECORD."""
    run_import(write_jsonl(tmp_path, [FULL_RECORD], "full.jsonl"), progress=False)
    result = imported()
    PolicyPage.objects.all().delete()
    return result


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_table_row_imports_as_its_json_record(from_jsonl, tmp_path, fmt):
    if fmt == "csv":
        path = write_csv(tmp_path / "policies.csv", [HEADER, FULL_ROW])
    else:
        path = write_xlsx(tmp_path / "policies.xlsx", [HEADER, _as_excel(FULL_ROW)])

    out, err = run_import(path, progress=False)

    assert (out, err) == ("新建 1 条，更新 0 条，未变化 0 条，失败 0 条\n", "")
    assert imported() == from_jsonl
    assert from_jsonl["issuers"] == [
        "闵行区人力资源和社会保障局",
        "闵行区财政局",
        "闵行区新经济发展办公室",
    ]
    assert from_jsonl["service_items"][1] == (
        "灵活就业登记",
        None,
        "https://zwdt.sh.gov.cn/item/lhjy",
    )


def test_the_same_policy_from_another_format_is_unchanged(site_tree, tmp_path):
    run_import(write_jsonl(tmp_path, [FULL_RECORD]), progress=False)
    page = PolicyPage.objects.get()

    out, _err = run_import(
        write_xlsx(tmp_path / "again.xlsx", [HEADER, _as_excel(FULL_ROW)]),
        progress=False,
    )

    assert out == "新建 0 条，更新 0 条，未变化 1 条，失败 0 条\n"
    assert revision_count(PolicyPage.objects.get(pk=page.pk)) == 1


def test_excel_rows_report_their_row_numbers(site_tree, tmp_path):
    rows = [
        ["序号", "标题", "成文日期", "有效性", "一网通办事项"],  # row 1
        [1, "第一条好的政策", datetime.date(2024, 5, 10), "有效", None],  # row 2
        None,  # row 3
        [2, None, datetime.date(2024, 5, 10), "暂停", None],  # row 4
        [3, "事项写错的政策", datetime.date(2024, 5, 10), None, "甲|1|2|3"],  # row 5
        [4, "第一条好的政策", datetime.date(2024, 5, 10), None, None],  # row 6
        [5, "第二条好的政策", "2024年5月10日", None, None],  # row 7
    ]

    out, err, message = run_failing_import(
        write_xlsx(tmp_path / "policies.xlsx", rows), progress=False
    )

    assert out == "新建 1 条，更新 0 条，未变化 0 条，失败 4 条\n"
    assert err.splitlines() == [
        "以下列不是政策的字段，未导入：序号",
        "第 4 行：缺少标题；有效性应为 有效、失效、废止 或 已修订，不能是“暂停”",
        "第 5 行：一网通办事项第 1 项应写作 名称|事项编码|网址",
        "第 6 行：与第 2 行是同一政策《第一条好的政策》，文件中不能重复",
        "第 7 行：成文日期格式应为 YYYY-MM-DD",
    ]
    assert message == "4 行未能导入，其余各行已导入"
    assert list(PolicyPage.objects.values_list("title", flat=True)) == [
        "第一条好的政策"
    ]


def test_a_table_without_a_required_column_is_refused(site_tree, tmp_path):
    path = write_csv(tmp_path / "policies.csv", [["标题", "发文字号"], ["甲", "乙"]])

    _out, _err, message = run_failing_import(path, progress=False)

    assert message == "表头缺少必填的列：成文日期"
    assert not PolicyPage.objects.exists()


def test_format_option_reads_a_file_of_any_name(site_tree, tmp_path):
    path = tmp_path / "export.txt"
    write_csv(path, [["标题", "成文日期"], ["按指定格式导入的政策", "2024-05-10"]])

    out, _err = run_import(path, format="csv", progress=False)
    _out, _err, message = run_failing_import(path)

    assert out == "新建 1 条，更新 0 条，未变化 0 条，失败 0 条\n"
    assert message.startswith("无法识别文件格式“.txt”")
    assert PolicyPage.objects.get().title == minimal("按指定格式导入的政策")["title"]
