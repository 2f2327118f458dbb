"""The fields of an import record: how each reads a raw value from a file.

One column reads the same field from every format: text in a CSV cell, a typed
cell of an Excel sheet (numbers, dates), or a JSON value. A column's header in a
file may be its ``name`` (as JSON Lines use it), its Chinese ``label`` or one of
its ``aliases``.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import RowError
from .sources import is_blank

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Names in one cell: one a line, or separated by semicolons.
_NAME_SEPARATORS = re.compile(r"[;；\n]")


def header_key(header: str) -> str:
    """Headers compare without case, spaces or a trailing required mark (*)."""
    return re.sub(r"[\s\u3000]+", "", header).rstrip("*＊").lower()


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        return (self.name, self.label, *self.aliases)

    def read(self, raw: Any) -> Any:
        if is_blank(raw) or raw == []:
            if self.required:
                raise RowError(f"缺少{self.label}")
            return self.empty()
        return self.convert(raw)

    def empty(self) -> Any:
        return None

    def convert(self, raw: Any) -> Any:
        raise NotImplementedError


def _number_text(raw: Any) -> str | None:
    """A number from an Excel cell as the text it shows (310112001000, not 3.1e11)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, float | decimal.Decimal):
        return str(raw)
    return None


@dataclass(frozen=True)
class TextColumn(Column):
    max_length: int | None = None

    def empty(self) -> str:
        return ""

    def convert(self, raw: Any) -> str:
        if not isinstance(raw, str):
            text = _number_text(raw)
            if text is None:
                raise RowError(f"{self.label}应为文本")
            raw = text
        value = raw.strip()
        if self.max_length is not None and len(value) > self.max_length:
            raise RowError(
                f"{self.label}最多 {self.max_length} 个字，当前为 {len(value)} 个字"
            )
        return value


@dataclass(frozen=True)
class DateColumn(Column):
    def convert(self, raw: Any) -> datetime.date:
        if isinstance(raw, datetime.datetime):
            raise RowError(f"{self.label}应为日期，不应含时间")
        if isinstance(raw, datetime.date):
            return raw
        if not isinstance(raw, str) or not _DATE_RE.match(raw.strip()):
            raise RowError(f"{self.label}格式应为 YYYY-MM-DD")
        try:
            return datetime.date.fromisoformat(raw.strip())
        except ValueError:
            raise RowError(f"{self.label} {raw.strip()} 不是有效的日期") from None


@dataclass(frozen=True)
class DecimalColumn(Column):
    max_digits: int = 12
    decimal_places: int = 2

    def convert(self, raw: Any) -> decimal.Decimal:
        if isinstance(raw, bool):
            raise RowError(f"{self.label}应为数字")
        text = _number_text(raw) if not isinstance(raw, str) else raw
        if text is None:
            raise RowError(f"{self.label}应为数字")
        text = text.strip().replace(",", "").replace("，", "")
        try:
            value = decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise RowError(f"{self.label}应为数字，不能是“{text}”") from None
        if not value.is_finite():
            raise RowError(f"{self.label}应为数字，不能是“{text}”")
        quantum = decimal.Decimal(1).scaleb(-self.decimal_places)
        if value != value.quantize(quantum, rounding=decimal.ROUND_DOWN):
            raise RowError(f"{self.label}最多保留 {self.decimal_places} 位小数")
        if len(value.quantize(quantum).as_tuple().digits) > self.max_digits:
            raise RowError(f"{self.label}数值过大")
        return value.quantize(quantum)


def _either(options: list[str]) -> str:
    if len(options) == 1:
        return options[0]
    return "、".join(options[:-1]) + " 或 " + options[-1]


@dataclass(frozen=True)
class ChoiceColumn(Column):
    """One of fixed values, written as its Chinese label (or the stored value)."""

    choices: Mapping[str, Any] = field(default_factory=dict)
    default: Any = None

    def empty(self) -> Any:
        return self.default

    def convert(self, raw: Any) -> Any:
        text = raw.strip() if isinstance(raw, str) else raw
        if isinstance(text, str) and text in self.choices:
            return self.choices[text]
        if text in self.choices.values():
            return text
        raise RowError(f"{self.label}应为 {_either(list(self.choices))}，不能是“{raw}”")


@dataclass(frozen=True)
class NamesColumn(Column):
    """Several names: a JSON list, or one cell with a name a line (or ；-separated).
    Repeats are dropped; the order is kept."""

    def empty(self) -> list[str]:
        return []

    def convert(self, raw: Any) -> list[str]:
        if isinstance(raw, str):
            names = [name.strip() for name in _NAME_SEPARATORS.split(raw)]
            names = [name for name in names if name]
        elif isinstance(raw, list) and all(
            isinstance(name, str) and name.strip() for name in raw
        ):
            names = [name.strip() for name in raw]
        else:
            raise RowError(f"{self.label}应为名称列表")
        return list(dict.fromkeys(names))
