"""Real import files, written the way the programs people use write them: CSV with
the csv module (Excel's "CSV UTF-8" has a BOM, its plain "CSV" is GBK), Excel
workbooks with openpyxl, JSON Lines one object a line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import Workbook


def write_csv(path: Path, rows: list[list], *, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            if row is None:
                handle.write("\r\n")  # a blank line
            else:
                writer.writerow(row)
    return path


def write_xlsx(path: Path, rows: list[list | None]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "导入"
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row or [], start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    workbook.save(path)
    return path


def write_jsonl(path: Path, lines: list) -> Path:
    text = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
        for line in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path
