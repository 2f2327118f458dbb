"""What an import reports: rows that failed, with their line numbers, and counts."""

from __future__ import annotations

from dataclasses import dataclass, field

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"


class RowError(Exception):
    """A row that cannot be imported; the message (in Chinese) says why."""


class ImportFileError(Exception):
    """A file that cannot be imported at all (unreadable, wrong format, columns
    missing); the message (in Chinese) says why. Nothing has been written."""


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)
    # Columns of a CSV or Excel file that no field of the record type reads.
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def fail(self, line: int, message: str) -> None:
        self.errors.append(LineError(line, message))

    def summary(self) -> str:
        return (
            f"新建 {self.created} 条，更新 {self.updated} 条，"
            f"未变化 {self.unchanged} 条，失败 {self.failed} 条"
        )
