"""The catalog as XLSX, in the guideline's published column layout.

Two header rows, as the tables of 人社厅函〔2019〕113号 are printed::

    序号 | 公开事项          | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 | 公开对象        | 公开方式     | 公开层级     | 所属领域 | 事项来源
         | 一级事项 | 二级事项 | 三级事项 |                                                  | 全社会 | 特定群体 | 主动 | 依申请 | 区级 | 街镇级 |

Ticked cells hold √; 公开渠道和载体 lists the chosen channels, one a line, marked ■
(a □ line is a channel not chosen, as the printed tables show them). A file read
here is given to the import kernel with the two rows joined ("公开对象/全社会").
"""

from __future__ import annotations

import io
import re
from typing import Any

from cms.core.importing import (
    ChoiceColumn,
    Column,
    ImportFileError,
    RecordImporter,
    RowError,
    Source,
    SourceRow,
    TextColumn,
)
from cms.core.importing.sources import is_blank

from .choices import Area, Channel, TimeLimitKind
from .choices import Source as ItemSource
from .models import CatalogItem

TICKS = {"√", "✓", "✔", "■", "是", "y", "yes", "true", "1"}
_CHANNEL_SPLIT = re.compile(r"[\n;；、,，]+")
_DAYS = re.compile(r"(\d+)\s*个?\s*工作日")

# (header, sub-headers): the published layout; sub-headers are ticks or levels.
LAYOUT = (
    ("序号", ()),
    ("公开事项", ("一级事项", "二级事项", "三级事项")),
    ("公开内容（要素）", ()),
    ("公开依据", ()),
    ("公开时限", ()),
    ("公开主体", ()),
    ("公开渠道和载体", ()),
    ("公开对象", ("全社会", "特定群体")),
    ("公开方式", ("主动", "依申请")),
    ("公开层级", ("区级", "街镇级")),
    ("所属领域", ()),
    ("事项来源", ()),
)


def flat_headers() -> list[str]:
    return [
        f"{group}/{sub}" if subs else group
        for group, subs in LAYOUT
        for sub in (subs or (None,))
    ]


class TickColumn(Column):
    def empty(self) -> bool:
        return False

    def convert(self, raw: Any) -> bool:
        if raw is True or raw == 1:
            return True
        if raw is False or raw == 0:
            return False
        text = str(raw).strip().lower()
        if text in TICKS:
            return True
        if text in {"□", "×", "否", "n", "no", "false"}:
            return False
        raise RowError(f"{self.label}应打“√”或留空，不能是“{raw}”")


class ChannelsColumn(Column):
    def empty(self) -> list[str]:
        return []

    def convert(self, raw: Any) -> list[str]:
        if not isinstance(raw, str):
            raise RowError(f"{self.label}应为文本")
        values = {str(label): value for value, label in Channel.choices}
        chosen, unknown = [], []
        for part in _CHANNEL_SPLIT.split(raw):
            part = part.strip()
            if not part or part.startswith("□"):
                continue
            name = part.lstrip("■☑√ ").strip()
            if name in values:
                chosen.append(values[name])
            elif name in Channel.values:
                chosen.append(name)
            else:
                unknown.append(name)
        if unknown:
            raise RowError(
                f"{self.label}中的“{'、'.join(unknown)}”不在规定的渠道中"
                f"（{'、'.join(values)}）"
            )
        return list(dict.fromkeys(chosen))


class TimeLimitColumn(Column):
    """ "信息形成或变更之日起20个工作日内公开" → (kind, days)."""

    def empty(self) -> tuple[str, int | None]:
        return (TimeLimitKind.FORMED, None)

    def convert(self, raw: Any) -> tuple[str, int | None]:
        text = str(raw).strip()
        if "长期" in text or "常年" in text:
            return (TimeLimitKind.STANDING, None)
        if "及时" in text:
            return (
                TimeLimitKind.DECISION if "决定" in text else TimeLimitKind.FORMED,
                None,
            )
        match = _DAYS.search(text)
        days = int(match.group(1)) if match else None
        if days is None:
            raise RowError(
                f"{self.label}应写明工作日数，如“信息形成或变更之日起20个工作日内公开”，或写“长期公开”"
            )
        kind = TimeLimitKind.DECISION if "决定" in text else TimeLimitKind.FORMED
        return (kind, days)


def _choices(enum) -> dict[str, str]:
    return {str(label): value for value, label in enum.choices}


class CatalogImporter(RecordImporter):
    label = "目录事项"
    model = CatalogItem
    keys = (("path",),)
    columns = (
        TextColumn(
            "level1",
            "公开事项/一级事项",
            required=True,
            max_length=100,
            aliases=("一级事项",),
        ),
        TextColumn(
            "level2",
            "公开事项/二级事项",
            required=True,
            max_length=100,
            aliases=("二级事项",),
        ),
        TextColumn(
            "level3", "公开事项/三级事项", max_length=100, aliases=("三级事项",)
        ),
        TextColumn("sequence_text", "序号"),
        TextColumn(
            "elements", "公开内容（要素）", aliases=("公开内容(要素)", "公开内容")
        ),
        TextColumn("basis", "公开依据"),
        TimeLimitColumn("time_limit", "公开时限"),
        TextColumn("subject", "公开主体", max_length=200),
        ChannelsColumn("channels", "公开渠道和载体", aliases=("公开渠道",)),
        TickColumn("for_public", "公开对象/全社会"),
        TickColumn(
            "for_specific_groups", "公开对象/特定群体", aliases=("公开对象/特定群众",)
        ),
        TickColumn("proactive", "公开方式/主动", aliases=("公开方式/主动公开",)),
        TickColumn(
            "on_application", "公开方式/依申请", aliases=("公开方式/依申请公开",)
        ),
        TickColumn("level_district", "公开层级/区级", aliases=("公开层级/县级",)),
        TickColumn(
            "level_town",
            "公开层级/街镇级",
            aliases=("公开层级/乡级", "公开层级/镇街级"),
        ),
        ChoiceColumn(
            "area", "所属领域", choices=_choices(Area), default=Area.EMPLOYMENT
        ),
        ChoiceColumn(
            "source", "事项来源", choices=_choices(ItemSource), default=ItemSource.LOCAL
        ),
    )

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        kind, days = record.pop("time_limit")
        record["time_limit_kind"], record["time_limit_days"] = kind, days
        sequence = record.pop("sequence_text")
        record["sequence"] = int(sequence) if sequence.isdigit() else 0
        record["path"] = CatalogItem(
            level1=record["level1"], level2=record["level2"], level3=record["level3"]
        ).build_path()
        return record


def read_catalog_xlsx(data: bytes) -> Source:
    """An XLSX file in the published layout → rows for the import kernel."""
    # openpyxl is imported where a file is read or written: it costs every
    # process ~15 MiB, and only imports and exports use it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise ImportFileError(f"无法读取 Excel 文件：{error}") from None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    if len(rows) < 2:
        raise ImportFileError(
            "文件中没有表头（应为两行表头：公开事项、公开对象等分为下级列）"
        )
    top, sub = rows[0], rows[1]
    headers: list[str] = []
    group = ""
    for index in range(max(len(top), len(sub))):
        upper = top[index] if index < len(top) else None
        lower = sub[index] if index < len(sub) else None
        if not is_blank(upper):
            group = str(upper).strip()
        if not is_blank(lower):
            headers.append(f"{group}/{str(lower).strip()}")
        elif not is_blank(upper):
            headers.append(group)
        else:
            headers.append(f"（第 {index + 1} 列）")
    body = []
    for number, values in enumerate(rows[2:], start=3):
        if all(is_blank(value) for value in values):
            continue
        body.append(SourceRow(number, dict(zip(headers, values, strict=False))))
    return Source(format="xlsx", rows=body, headers=headers)


def tick(value: bool) -> str:
    return "√" if value else ""


def export_catalog_xlsx(items) -> bytes:
    """The catalog in the published layout; reading it back changes nothing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "政务公开标准目录"
    column = 1
    bold = Font(bold=True)
    for group, subs in LAYOUT:
        sheet.cell(1, column, group).font = bold
        if subs:
            sheet.merge_cells(
                start_row=1,
                start_column=column,
                end_row=1,
                end_column=column + len(subs) - 1,
            )
            for offset, name in enumerate(subs):
                sheet.cell(2, column + offset, name).font = bold
            column += len(subs)
        else:
            sheet.merge_cells(
                start_row=1, start_column=column, end_row=2, end_column=column
            )
            column += 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, item in enumerate(items, start=1):
        values = [
            item.sequence or "",
            item.level1,
            item.level2,
            item.level3,
            item.elements,
            item.basis,
            item.time_limit_text,
            item.subject,
            "\n".join(f"■{label}" for label in item.channel_labels),
            tick(item.for_public),
            tick(item.for_specific_groups),
            tick(item.proactive),
            tick(item.on_application),
            tick(item.level_district),
            tick(item.level_town),
            item.get_area_display(),
            item.get_source_display(),
        ]
        for offset, value in enumerate(values, start=1):
            sheet.cell(number + 2, offset, value).alignment = wrap
    for letter, width in zip(
        "ABCDEFGHI", (6, 16, 22, 16, 30, 40, 24, 20, 20), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
