"""The import kernel (cms/core/importing) on a plain record type, with real files."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.importing import ImportFileError, read_file

from .files import write_csv, write_jsonl, write_xlsx
from .records import PermitDecision, PermitImporter

pytestmark = pytest.mark.django_db

HEADER = [
    "决定书文号",
    "行政相对人名称",
    "许可类别",
    "许可决定日期",
    "有效期至",
    "许可证编号",
    "收费金额",
    "许可内容",
]
FIELDS = [
    "decision_number",
    "holder",
    "kind",
    "decided_on",
    "valid_until",
    "licence_number",
    "fee",
    "content",
]


def permit(n: int, **changes) -> dict:
    values = {
        "decision_number": f"闵人社许〔2025〕{n}号",
        "holder": f"上海闵行第{n}人力资源服务有限公司",
        "kind": "新办",
        "decided_on": "2025-03-01",
        "valid_until": "2030-02-28",
        "licence_number": f"31011220250{n:04d}",
        "fee": "0",
        "content": "人力资源服务许可：职业中介活动",
    }
    return {**values, **changes}


def csv_row(values: dict) -> list:
    return [values[name] for name in FIELDS]


def xlsx_row(values: dict) -> list:
    """The row as Excel holds it: dates and numbers are typed cells."""
    row = csv_row(values)
    for index in (3, 4):
        row[index] = datetime.date.fromisoformat(row[index]) if row[index] else None
    row[5] = int(row[5]) if row[5] else None
    row[6] = float(row[6]) if row[6] else None
    return row


def stored() -> list[tuple]:
    return list(PermitDecision.objects.order_by("decision_number").values_list(*FIELDS))


def run(path, **options):
    importer = PermitImporter()
    for name, value in options.items():
        setattr(importer, name, value)
    return importer.run(read_file(path)), importer


EXPECTED = [
    (
        "闵人社许〔2025〕1号",
        "上海闵行第1人力资源服务有限公司",
        "new",
        datetime.date(2025, 3, 1),
        datetime.date(2030, 2, 28),
        "310112202500001",
        Decimal("0.00"),
        "人力资源服务许可：职业中介活动",
    ),
    (
        "闵人社许〔2025〕2号",
        "上海闵行第2人力资源服务有限公司",
        "renewal",
        datetime.date(2025, 4, 2),
        None,
        None,
        Decimal("1200.50"),
        "延续：\n劳务派遣",
    ),
]
ROWS = [
    permit(1),
    permit(
        2,
        kind="延续",
        decided_on="2025-04-02",
        valid_until="",
        licence_number="",
        fee="1200.50",
        content="延续：\n劳务派遣",
    ),
]


@pytest.mark.parametrize("fmt", ["csv", "gbk.csv", "xlsx", "jsonl"])
def test_each_format_gives_the_same_records(tmp_path, fmt):
    if fmt == "csv":
        path = write_csv(tmp_path / "p.csv", [HEADER, *map(csv_row, ROWS)])
    elif fmt == "gbk.csv":
        path = write_csv(
            tmp_path / "p.csv", [HEADER, *map(csv_row, ROWS)], encoding="gbk"
        )
    elif fmt == "xlsx":
        path = write_xlsx(tmp_path / "p.xlsx", [HEADER, *map(xlsx_row, ROWS)])
    else:
        path = write_jsonl(tmp_path / "p.jsonl", ROWS)

    report, _importer = run(path)

    assert (report.summary(), report.errors) == (
        "新建 2 条，更新 0 条，未变化 0 条，失败 0 条",
        [],
    )
    assert stored() == EXPECTED


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    rows = [
        HEADER,  # row 1
        csv_row(permit(1)),  # row 2
        None,  # row 3: blank
        csv_row(permit(2, content="第一行\n第二行\n第三行")),  # row 4, three lines
        csv_row(permit(3, holder="", decided_on="2025/03/01")),  # row 5
        [*csv_row(permit(4)), "多出的一格"],  # row 6
        csv_row(permit(5, kind="注销", fee="abc")),  # row 7
        csv_row(permit(6)),  # row 8
    ]
    path = write_csv(tmp_path / "permits.csv", rows)

    report, _importer = run(path)

    assert [str(error) for error in report.errors] == [
        "第 5 行：缺少行政相对人名称；许可决定日期格式应为 YYYY-MM-DD",
        "第 6 行：第 9 列有内容但没有表头，无法确定是哪一项",
        "第 7 行：许可类别应为 新办、延续 或 变更，不能是“注销”；收费金额应为数字，不能是“abc”",
    ]
    assert (report.created, report.failed) == (3, 3)
    assert [number for number, *_ in stored()] == [
        "闵人社许〔2025〕1号",
        "闵人社许〔2025〕2号",
        "闵人社许〔2025〕6号",
    ]
    assert PermitDecision.objects.get(
        decision_number="闵人社许〔2025〕2号"
    ).content == ("第一行\n第二行\n第三行")


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path):
    rows = [
        ["决定书文号*", *HEADER[1:], "备注"],  # row 1: a required mark, a notes column
        [*xlsx_row(permit(1)), "首次办理"],  # row 2
        None,  # row 3: empty
        xlsx_row(permit(2, valid_until="2024-01-01")),  # row 4
        [*xlsx_row(permit(3))[:3], "三月一日", *xlsx_row(permit(3))[4:]],  # row 5
        xlsx_row(permit(4, fee="12.345")),  # row 6
        xlsx_row(permit(5)),  # row 7
    ]
    path = write_xlsx(tmp_path / "permits.xlsx", rows)

    report, _importer = run(path)

    assert [str(error) for error in report.errors] == [
        "第 4 行：有效期至不能早于许可决定日期",
        "第 5 行：许可决定日期格式应为 YYYY-MM-DD",
        "第 6 行：收费金额最多保留 2 位小数",
    ]
    assert report.ignored_columns == ["备注"]
    assert [row[0] for row in stored()] == [
        "闵人社许〔2025〕1号",
        "闵人社许〔2025〕5号",
    ]
    first = PermitDecision.objects.get(decision_number="闵人社许〔2025〕1号")
    # A number cell holds the licence number; it is read as the text Excel shows.
    assert (first.licence_number, first.decided_on) == (
        "310112202500001",
        datetime.date(2025, 3, 1),
    )


def test_jsonl_lines_are_numbered_as_in_the_file(tmp_path):
    path = write_jsonl(
        tmp_path / "permits.jsonl",
        [
            permit(1),  # line 1
            "",  # line 2: blank
            '{"decision_number": "闵人社许〔2025〕9号", ',  # line 3
            "[1, 2]",  # line 4
            permit(5, holder="上" * 41),  # line 5
            {**permit(6), "decided_on": 20250301},  # line 6
            permit(7),  # line 7
        ],
    )

    report, _importer = run(path)

    assert [str(error) for error in report.errors] == [
        "第 3 行：不是有效的 JSON（第 37 列附近）",
        "第 4 行：每行应为一个 JSON 对象",
        "第 5 行：行政相对人名称：确保该变量包含不超过 40 字符 (目前字符数 41)。",
        "第 6 行：许可决定日期格式应为 YYYY-MM-DD",
    ]
    assert [row[0] for row in stored()] == [
        "闵人社许〔2025〕1号",
        "闵人社许〔2025〕7号",
    ]


def test_reimport_updates_in_place_and_an_unchanged_file_writes_nothing(tmp_path):
    path = write_jsonl(tmp_path / "permits.jsonl", [permit(n) for n in range(1, 6)])
    run(path)
    ids = dict(PermitDecision.objects.values_list("decision_number", "pk"))
    stamps = dict(PermitDecision.objects.values_list("pk", "updated_at"))

    with CaptureQueriesContext(connection) as queries:
        report, importer = run(path)

    assert report.summary() == "新建 0 条，更新 0 条，未变化 5 条，失败 0 条"
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT"]
    assert importer.batches == []
    assert dict(PermitDecision.objects.values_list("pk", "updated_at")) == stamps

    changed = write_jsonl(
        tmp_path / "v2.jsonl",
        [
            permit(n, holder="更名后的公司", fee="88.80", valid_until="")
            if n == 3
            else permit(n)
            for n in range(1, 7)
        ],
    )
    report, importer = run(changed)

    assert report.summary() == "新建 1 条，更新 1 条，未变化 4 条，失败 0 条"
    assert importer.batches == [(["闵人社许〔2025〕6号"], ["闵人社许〔2025〕3号"])]
    third = PermitDecision.objects.get(decision_number="闵人社许〔2025〕3号")
    assert (third.pk, third.holder, third.fee, third.valid_until) == (
        ids["闵人社许〔2025〕3号"],
        "更名后的公司",
        Decimal("88.80"),
        None,
    )
    assert third.updated_at > stamps[third.pk]
    untouched = PermitDecision.objects.get(decision_number="闵人社许〔2025〕2号")
    assert untouched.updated_at == stamps[untouched.pk]
    assert PermitDecision.objects.count() == 6


@pytest.mark.parametrize("batch_size", [100, 2])
def test_a_record_twice_in_a_file_is_refused(tmp_path, batch_size):
    """Within a batch and across batches alike."""
    path = write_jsonl(
        tmp_path / "permits.jsonl",
        [permit(1), permit(2), permit(3), permit(1, holder="另一个名称")],
    )

    report, _importer = run(path, batch_size=batch_size)

    assert [str(error) for error in report.errors] == [
        "第 4 行：与第 1 行是同一许可决定（决定书文号 闵人社许〔2025〕1号），文件中不能重复"
    ]
    assert PermitDecision.objects.get(decision_number="闵人社许〔2025〕1号").holder == (
        "上海闵行第1人力资源服务有限公司"
    )


def test_a_row_that_failed_does_not_block_a_later_one(tmp_path):
    path = write_jsonl(
        tmp_path / "permits.jsonl",
        [permit(1, kind="注销"), permit(1)],
    )

    report, _importer = run(path)

    assert [error.line for error in report.errors] == [1]
    assert report.created == 1


def test_bulk_writes_cost_a_few_queries_per_batch(tmp_path):
    path = write_jsonl(tmp_path / "permits.jsonl", [permit(n) for n in range(1, 251)])

    with CaptureQueriesContext(connection) as queries:
        report, importer = run(path)

    assert report.created == 250
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    # Three batches of at most 100: a SELECT for the key, then the INSERT inside a
    # savepoint.
    assert statements.count("SELECT") == 3
    assert statements.count("INSERT") == 3
    assert len(statements) <= 12
    assert [len(created) for created, _updated in importer.batches] == [100, 100, 50]


def test_a_database_refusal_fails_only_its_row(tmp_path):
    PermitDecision.objects.create(
        decision_number="闵人社许〔2024〕8号",
        holder="已有的公司",
        kind="new",
        decided_on=datetime.date(2024, 8, 1),
        licence_number="310112202500002",
    )
    path = write_jsonl(
        tmp_path / "permits.jsonl",
        [permit(1), permit(2), permit(3)],
    )

    report, importer = run(path)

    assert [str(error) for error in report.errors] == [
        "第 2 行：具有 许可证编号 的 行政许可决定 已存在。"
    ]
    assert [row[0] for row in stored()] == [
        "闵人社许〔2024〕8号",
        "闵人社许〔2025〕1号",
        "闵人社许〔2025〕3号",
    ]
    assert importer.batches == [(["闵人社许〔2025〕1号", "闵人社许〔2025〕3号"], [])]


def test_header_problems_stop_the_file_before_anything_is_written(tmp_path):
    missing = write_csv(tmp_path / "a.csv", [HEADER[:2], ["闵人社许〔2025〕1号", "甲"]])
    twice = write_csv(
        tmp_path / "b.csv",
        [[*HEADER, "文号"], [*csv_row(permit(1)), "闵人社许〔2025〕1号"]],
    )
    headerless = write_csv(tmp_path / "c.csv", [["", ""], ["甲", "乙"]])

    for path, message in (
        (missing, "表头缺少必填的列：许可类别、许可决定日期"),
        (twice, "表头中“决定书文号”和“文号”是同一项（决定书文号），请只保留一列"),
        (headerless, "文件第 1 行应为表头（各列的名称），但第 1 行是空的"),
    ):
        with pytest.raises(ImportFileError) as caught:
            run(path)
        assert str(caught.value) == message
    assert PermitDecision.objects.count() == 0


def test_files_that_cannot_be_read(tmp_path):
    old_excel = tmp_path / "old.xlsx"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    not_excel = tmp_path / "broken.xlsx"
    not_excel.write_bytes(b"PK\x03\x04 not really a workbook")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"holder": "caf\xe9"}\n'.encode("latin-1"))

    cases = (
        (old_excel, "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入"),
        (not_excel, f"不是有效的 Excel（.xlsx）文件：{not_excel}"),
        (latin, f"文件不是 UTF-8 编码：{latin}"),
        (tmp_path / "none.csv", f"找不到文件：{tmp_path / 'none.csv'}"),
        (
            tmp_path / "permits.txt",
            "无法识别文件格式“.txt”：请使用 .csv、.xlsx 或 .jsonl 文件，或用 --format 指定格式",
        ),
    )
    for path, message in cases:
        with pytest.raises(ImportFileError) as caught:
            read_file(path)
        assert str(caught.value) == message


def test_format_can_be_named_for_any_file_name(tmp_path):
    path = tmp_path / "export.txt"
    write_jsonl(path, [permit(1)])

    report = PermitImporter().run(read_file(path, format="jsonl"))

    assert report.created == 1


def test_empty_optional_values_are_stored_as_null_and_never_clash(tmp_path):
    """许可证编号 is unique where given: rows without one are not the same."""
    rows = [HEADER, *(csv_row(permit(n, licence_number="")) for n in (1, 2, 3))]
    path = write_csv(tmp_path / "permits.csv", rows)

    first, _importer = run(path)
    again, _importer = run(path)

    assert (first.created, first.errors) == (3, [])
    assert (again.unchanged, again.errors) == (3, [])
    assert set(PermitDecision.objects.values_list("licence_number", flat=True)) == {
        None
    }


def test_a_json_record_naming_a_field_twice_is_refused(tmp_path):
    path = write_jsonl(
        tmp_path / "permits.jsonl",
        [{**permit(1), "行政相对人名称": "另一个名称"}, permit(2)],
    )

    report, _importer = run(path)

    assert [str(error) for error in report.errors] == [
        "第 1 行：“holder”和“行政相对人名称”是同一项（行政相对人名称），只能写一个"
    ]
    assert report.created == 1


def test_an_update_the_database_refuses_fails_alone(tmp_path):
    path = write_jsonl(tmp_path / "permits.jsonl", [permit(n) for n in (1, 2, 3)])
    run(path)
    taken = PermitDecision.objects.get(decision_number="闵人社许〔2025〕1号")
    changed = write_jsonl(
        tmp_path / "v2.jsonl",
        [
            permit(1),
            permit(2, licence_number=taken.licence_number),
            permit(3, content="变更后的许可内容"),
        ],
    )

    report, importer = run(changed)

    assert [str(error) for error in report.errors] == [
        "第 2 行：具有 许可证编号 的 行政许可决定 已存在。"
    ]
    assert (report.updated, report.unchanged) == (1, 1)
    assert list(
        PermitDecision.objects.order_by("decision_number").values_list(
            "licence_number", "content"
        )
    ) == [
        ("310112202500001", "人力资源服务许可：职业中介活动"),
        ("310112202500002", "人力资源服务许可：职业中介活动"),
        ("310112202500003", "变更后的许可内容"),
    ]
    assert importer.batches == [([], ["闵人社许〔2025〕3号"])]
