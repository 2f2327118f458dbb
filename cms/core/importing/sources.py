"""Reading an import file into numbered rows: CSV and Excel through tablib, JSON Lines
one object a line.

A row's ``line`` is what a person looking for it sees: the row number in the sheet
for CSV and Excel (the header is row 1; blank rows count, a cell spanning several
lines is one row), the line number in the file for JSON Lines.
"""

from __future__ import annotations

import csv
import datetime
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import tablib
from tablib.formats._csv import CSVFormat

from .errors import ImportFileError

CSV = "csv"
XLSX = "xlsx"
JSONL = "jsonl"
FORMATS = (CSV, XLSX, JSONL)
EXTENSIONS = {".csv": CSV, ".xlsx": XLSX, ".jsonl": JSONL, ".ndjson": JSONL}
# Excel in Chinese saves "CSV (逗号分隔)" in the ANSI code page, GBK; GB18030 reads it.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SourceRow:
    line: int
    values: Mapping[str, Any]
    # Why the row could not be read at all (a JSON Lines line that is not JSON).
    problem: str = ""


@dataclass
class Source:
    format: str
    rows: list[SourceRow]
    # The header row of a CSV or Excel file; None for JSON Lines, whose objects
    # name their own fields.
    headers: list[str] | None = field(default=None)

    @property
    def tabular(self) -> bool:
        return self.headers is not None


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class RowKeepingCSVFormat(CSVFormat):
    """tablib's CSV format, keeping every row in place.

    tablib drops blank rows, which would move every later row's number, and refuses
    the whole file when one row has more cells than the header. Here a blank row
    stays (empty) and the extra cells land in unnamed columns, for the row alone to
    be reported.
    """

    @classmethod
    def import_set(cls, dset, in_stream, headers=True, **kwargs):
        dset.wipe()
        rows = list(csv.reader(in_stream, **kwargs))
        if not rows:
            return
        header, body = rows[0], rows[1:]
        width = max(len(row) for row in rows)
        dset.headers = header + [None] * (width - len(header))
        for row in body:
            dset.append(row + [""] * (width - len(row)))


def detect_format(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(
            f"无法识别文件格式“{path.suffix or path.name}”："
            "请使用 .csv、.xlsx 或 .jsonl 文件，或用 --format 指定格式"
        )
    return fmt


def read_file(path: Path, *, format: str | None = None) -> Source:  # noqa: A002
    """The numbered rows of the file at ``path``; the format follows its extension."""
    fmt = format or detect_format(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"不是文件：{path}") from None
    except OSError as error:
        raise ImportFileError(f"无法读取文件 {path}：{error.strerror}") from None
    return read_bytes(data, format=fmt, name=str(path))


def read_bytes(data: bytes, *, format: str, name: str = "") -> Source:  # noqa: A002
    readers = {CSV: _read_csv, XLSX: _read_xlsx, JSONL: _read_jsonl}
    if format not in readers:
        raise ImportFileError(f"不支持的文件格式“{format}”，可用：{'、'.join(FORMATS)}")
    return readers[format](data, name or "文件")


def _decode(data: bytes, encodings: tuple[str, ...], name: str) -> str:
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(encodings) == 1:
        raise ImportFileError(f"文件不是 UTF-8 编码：{name}")
    raise ImportFileError(f"文件不是 UTF-8 或 GB18030（GBK）编码：{name}")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    # Excel's date cells come back as datetimes at midnight.
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def _tabular(dataset: tablib.Dataset, fmt: str) -> Source:
    raw_headers = list(dataset.headers or [])
    headers = [None if is_blank(h) else str(h).strip() for h in raw_headers]
    named = [h for h in headers if h is not None]
    if not named:
        raise ImportFileError("文件第 1 行应为表头（各列的名称），但第 1 行是空的")
    rows = []
    for index, cells in enumerate(dataset):
        line = index + 2
        if all(is_blank(cell) for cell in cells):
            continue
        values = {}
        problem = ""
        for column, (header, cell) in enumerate(zip(headers, cells, strict=True), 1):
            if header is None:
                if not is_blank(cell) and not problem:
                    problem = f"第 {column} 列有内容但没有表头，无法确定是哪一项"
                continue
            values[header] = _cell(cell)
        rows.append(SourceRow(line=line, values=values, problem=problem))
    return Source(format=fmt, rows=rows, headers=named)


def _read_csv(data: bytes, name: str) -> Source:
    text = _decode(data, CSV_ENCODINGS, name)
    dataset = tablib.Dataset()
    try:
        RowKeepingCSVFormat.import_set(dataset, StringIO(text, newline=""))
    except csv.Error as error:
        raise ImportFileError(f"不是有效的 CSV 文件：{error}") from None
    return _tabular(dataset, CSV)


def _read_xlsx(data: bytes, name: str) -> Source:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the old binary .xls
        raise ImportFileError(
            "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入"
        )
    # Imported here: openpyxl costs every process ~15 MiB, and only imports read it.
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: then openpyxl gives every row the sheet's full width, so a
        # cell right of the last header is seen (read-only rows end at their last
        # cell, and tablib refuses a row wider than the header).
        dataset = tablib.Dataset().load(data, format=XLSX, read_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise ImportFileError(f"不是有效的 Excel（.xlsx）文件：{name}") from None
    return _tabular(dataset, XLSX)


def _read_jsonl(data: bytes, name: str) -> Source:
    text = _decode(data, CSV_ENCODINGS[:1], name)
    rows = []
    # Only a line feed ends a line: JSON strings may hold U+2028 and the like.
    for line, content in enumerate(text.split("\n"), start=1):
        if not content.strip():
            continue
        try:
            values = json.loads(content)
        except json.JSONDecodeError as error:
            rows.append(
                SourceRow(line, {}, f"不是有效的 JSON（第 {error.colno} 列附近）")
            )
            continue
        if not isinstance(values, dict):
            rows.append(SourceRow(line, {}, "每行应为一个 JSON 对象"))
            continue
        rows.append(SourceRow(line, values))
    return Source(format=JSONL, rows=rows)
