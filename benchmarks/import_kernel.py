"""Import kernel throughput (cms/core/importing) on a plain record model, SQLite.

    .venv/bin/python benchmarks/import_kernel.py [ROWS]

Writes ROWS (default 20000) 行政处罚决定-like records as CSV, Excel and JSON Lines
into a temporary directory, then for each format imports them into a fresh scratch
SQLite database three times: the first import (all new), the re-import of the same
file (nothing changes) and an import in which every record changed. Reading the file
is timed on its own. Prints rows per second; asserts nothing. The model is defined
here, its table made with the schema editor: no migration, no project data.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SCRATCH = Path(tempfile.mkdtemp(prefix="import-kernel-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
django.setup()

from django.db import connection, models  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from cms.core.importing import (  # noqa: E402
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    RecordImporter,
    TextColumn,
    read_file,
)


class PenaltyDecision(models.Model):
    decision_number = models.CharField("决定书文号", max_length=60, unique=True)
    party = models.CharField("行政相对人名称", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    kind = models.CharField(
        "处罚类别",
        max_length=20,
        choices=[
            ("warning", "警告"),
            ("fine", "罚款"),
            ("confiscation", "没收违法所得"),
        ],
    )
    decided_on = models.DateField("处罚决定日期")
    amount = models.DecimalField(
        "罚款金额", max_digits=12, decimal_places=2, null=True, blank=True
    )
    facts = models.TextField("违法事实", blank=True)
    basis = models.TextField("处罚依据", blank=True)

    class Meta:
        app_label = "benchmarks"

    def __str__(self) -> str:
        return self.decision_number


class PenaltyImporter(RecordImporter):
    label = "处罚决定"
    model = PenaltyDecision
    keys = (("decision_number",),)
    columns = (
        TextColumn("decision_number", "决定书文号", required=True),
        TextColumn("party", "行政相对人名称", required=True),
        TextColumn("credit_code", "统一社会信用代码"),
        ChoiceColumn(
            "kind",
            "处罚类别",
            required=True,
            choices={"警告": "warning", "罚款": "fine", "没收违法所得": "confiscation"},
        ),
        DateColumn("decided_on", "处罚决定日期", required=True),
        DecimalColumn("amount", "罚款金额"),
        TextColumn("facts", "违法事实"),
        TextColumn("basis", "处罚依据"),
    )


HEADER = [str(column.label) for column in PenaltyImporter.columns]
KINDS = ["警告", "罚款", "没收违法所得"]


def row(n: int, revision: int) -> list:
    return [
        f"闵人社监罚〔2025〕{n}号",
        f"上海闵行第{n}劳务服务有限公司",
        f"91310112MA1G{n:06d}",
        KINDS[n % 3],
        (datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 300)).isoformat(),
        f"{(n % 50 + 1) * 1000 + revision}.00",
        "未按规定与劳动者订立书面劳动合同，经责令改正逾期不改。" * 2,
        "《劳动保障监察条例》第二十四条",
    ]


def write_files(count: int, revision: int) -> dict[str, Path]:
    rows = [row(n, revision) for n in range(1, count + 1)]
    paths = {fmt: SCRATCH / f"r{revision}.{fmt}" for fmt in ("csv", "xlsx", "jsonl")}
    with paths["csv"].open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for values in [HEADER, *rows]:
        sheet.append(values)
    workbook.save(paths["xlsx"])
    with paths["jsonl"].open("w", encoding="utf-8") as handle:
        for values in rows:
            record = dict(zip(HEADER, values, strict=True))
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def fresh_table() -> None:
    with connection.schema_editor() as editor:
        if PenaltyDecision._meta.db_table in connection.introspection.table_names():
            editor.delete_model(PenaltyDecision)
        editor.create_model(PenaltyDecision)


def timed(label: str, count: int, action):
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"  {label:<28} {elapsed:7.2f} s  {count / elapsed:9.0f} rows/s")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    first, changed = write_files(count, 0), write_files(count, 1)
    print(f"{count} rows, scratch SQLite database in {SCRATCH}")
    for fmt in ("csv", "xlsx", "jsonl"):
        print(f"{fmt}:")
        fresh_table()
        source = timed("read the file", count, lambda p=first[fmt]: read_file(p))
        for label, path in (
            ("first import (new)", first[fmt]),
            ("re-import (unchanged)", first[fmt]),
            ("import (every row changed)", changed[fmt]),
        ):
            source = read_file(path)
            report = timed(label, count, lambda s=source: PenaltyImporter().run(s))
            assert not report.errors, report.errors[:3]  # noqa: S101
        print(f"  {report.summary()}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
