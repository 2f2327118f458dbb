"""The import kernel: file rows → validated records → writes, with a report.

A record type subclasses ``RecordImporter`` (plain models, written in bulk, see
records.py) or ``RowByRowImporter`` (records that need more than a row each, such
as Wagtail pages with their revisions), declares its ``columns`` and says how a
record is written. The kernel does the rest the same way for every type:

- each row is read through the columns; every problem of a row is reported at once,
  with the row's line number, and the row is skipped;
- rows are written in batches; a row that fails leaves nothing behind, and the
  other rows are written all the same;
- a record that names the same thing as an earlier row of the file is refused
  (``claim``), so that a file cannot silently overwrite itself;
- re-importing a file matches its records to what exists by the type's keys and
  updates them in place: an unchanged record writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import translation
from tqdm import tqdm

from .columns import Column, header_key
from .errors import ImportFileError, ImportReport, RowError
from .sources import Source, SourceRow

logger = logging.getLogger(__name__)


@dataclass
class Row:
    """One checked record on its way to the database."""

    line: int
    record: dict[str, Any]
    status: str = ""
    error: str = ""
    claims: list[Hashable] = field(default_factory=list)
    obj: Any = None


def validation_message(error: ValidationError, model: type[models.Model]) -> str:
    """A model's validation errors as one line, each prefixed with its field's label."""
    if not hasattr(error, "error_dict"):
        return "；".join(error.messages)
    messages = []
    for name, field_errors in error.message_dict.items():
        label = ""
        if name != NON_FIELD_ERRORS:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
        for message in field_errors:
            # Messages that already name their field (发文字号与已有政策…) stay as they are.
            messages.append(message if label in message else f"{label}：{message}")
    return "；".join(messages)


class Importer:
    """Reads and writes one record type. Subclasses set ``label`` and ``columns``
    and implement ``write``; ``clean`` adds checks across columns."""

    label: ClassVar[str] = "记录"
    columns: ClassVar[tuple[Column, ...]] = ()
    batch_size: ClassVar[int] = 500

    def __init__(self) -> None:
        # Line that named each identity: rows written, and rows of the batch.
        self._claimed: dict[Hashable, int] = {}
        self._batch_claims: dict[Hashable, int] = {}
        self._headers = {
            header_key(header): column
            for column in self.columns
            for header in column.headers()
        }
        self._resolved: dict[str, Column | None] = {}

    # --- reading -----------------------------------------------------------------
    def column_for(self, header: str) -> Column | None:
        if header not in self._resolved:
            self._resolved[header] = self._headers.get(header_key(header))
        return self._resolved[header]

    def check_headers(self, headers: list[str]) -> list[str]:
        """Refuse a header row without a required column or naming one twice;
        return the headers no column reads."""
        seen: dict[str, str] = {}
        ignored = []
        for header in headers:
            column = self.column_for(header)
            if column is None:
                ignored.append(header)
                continue
            if column.name in seen:
                raise ImportFileError(
                    f"表头中“{seen[column.name]}”和“{header}”是同一项（{column.label}），"
                    "请只保留一列"
                )
            seen[column.name] = header
        missing = [c.label for c in self.columns if c.required and c.name not in seen]
        if missing:
            raise ImportFileError(f"表头缺少必填的列：{'、'.join(missing)}")
        return ignored

    def read_row(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Raw values by header → the record, by column name; all problems at once."""
        raw: dict[str, Any] = {}
        named: dict[str, str] = {}
        for header, value in values.items():
            column = self.column_for(header)
            if column is None:
                continue
            if column.name in named:
                raise RowError(
                    f"“{named[column.name]}”和“{header}”是同一项（{column.label}），"
                    "只能写一个"
                )
            named[column.name] = header
            raw[column.name] = value
        record: dict[str, Any] = {}
        problems = []
        for column in self.columns:
            try:
                record[column.name] = column.read(raw.get(column.name))
            except RowError as error:
                problems.append(str(error))
        if problems:
            raise RowError("；".join(problems))
        return self.clean(record)

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        """Checks across columns; raise RowError. The record may be changed."""
        return record

    # --- the same thing twice in a file ------------------------------------------
    def claim(self, row: Row, identity: Hashable, what: str = "") -> None:
        """Refuse ``row`` if an earlier row of the file names the same ``identity``
        (a key's values, an existing object's pk). ``what`` names the record in
        the message (《标题》)."""
        line = self._claimed.get(identity, self._batch_claims.get(identity))
        if line is not None and line != row.line:
            raise RowError(f"与第 {line} 行是同一{self.label}{what}，文件中不能重复")
        self._batch_claims[identity] = row.line
        row.claims.append(identity)

    def release(self, row: Row) -> None:
        """Forget the claims of a row that failed: a later row may name the same."""
        for identity in row.claims:
            if self._batch_claims.get(identity) == row.line:
                del self._batch_claims[identity]
        row.claims.clear()

    # --- writing -----------------------------------------------------------------
    def write(self, rows: list[Row]) -> None:
        """Write a batch; set each row's ``status`` (errors.CREATED ...) or ``error``.

        A row with an error must have left nothing in the database.
        """
        raise NotImplementedError

    # --- the run -----------------------------------------------------------------
    def run(self, source: Source, *, progress: bool = False) -> ImportReport:
        report = ImportReport()
        if source.tabular:
            report.ignored_columns = self.check_headers(source.headers or [])
        bar = tqdm(
            total=len(source.rows),
            desc=f"导入{self.label}",
            unit="行",
            disable=not progress,
        )
        # Model validation messages in the admin's language, whoever runs the import.
        with translation.override(settings.LANGUAGE_CODE):
            for start in range(0, len(source.rows), self.batch_size):
                chunk = source.rows[start : start + self.batch_size]
                self._run_batch(chunk, report)
                bar.update(len(chunk))
        bar.close()
        report.errors.sort(key=lambda error: error.line)
        return report

    def _run_batch(self, chunk: list[SourceRow], report: ImportReport) -> None:
        rows = []
        for source_row in chunk:
            if source_row.problem:
                report.fail(source_row.line, source_row.problem)
                continue
            try:
                rows.append(Row(source_row.line, self.read_row(source_row.values)))
            except RowError as error:
                report.fail(source_row.line, str(error))
        self._batch_claims = {}
        self.write(rows)
        for row in rows:
            if row.error:
                report.fail(row.line, row.error)
                continue
            for identity in row.claims:
                self._claimed.setdefault(identity, row.line)
            report.count(row.status)
        self._batch_claims = {}


class RowByRowImporter(Importer):
    """Writes each record on its own, in a savepoint: for records that are more
    than one row (a page with its revision, tree position and child rows)."""

    def write_row(self, row: Row) -> str:
        """Write one record (set ``row.obj``); return its status. Raise RowError
        to refuse it."""
        raise NotImplementedError

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            try:
                with transaction.atomic():
                    row.status = self.write_row(row)
            except RowError as error:
                row.error = str(error)
            except Exception as error:  # one bad row must not stop the rest
                logger.exception("Importing line %d failed", row.line)
                row.error = f"导入时发生意外错误：{error}"
            if row.error:
                self.release(row)

    def import_one(self, values: Mapping[str, Any]) -> tuple[Any, str]:
        """Import one record given as a mapping (a JSON object); return what was
        written and its status. Raises RowError, having written nothing."""
        if not isinstance(values, Mapping):
            raise RowError("每条记录应为一个 JSON 对象")
        row = Row(0, self.read_row(values))
        self._batch_claims = {}
        try:
            with transaction.atomic():
                row.status = self.write_row(row)
        finally:
            self._batch_claims = {}
        return row.obj, row.status
