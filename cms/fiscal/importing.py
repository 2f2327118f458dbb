"""Importing 财政信息 from CSV/Excel/JSONL: one row per disclosure, with its key
figures as columns.

Columns: 年度, 类别 (部门预算、部门决算、绩效自评、重点项目绩效评价), 部门 (责任科室, by
name or short name), 批复日期 (required); 标题 (default: 部门 + 年度 + 类别), 公开日期,
发布 (是/否), and the key figures 收入合计, 支出合计, 财政拨款收入, 财政拨款支出,
基本支出, 项目支出, 三公经费 (万元), 项目预算, 实际支出 (万元), 评价项目数 (个),
平均得分, 评价得分 (分).

A disclosure is the same one when its department, year and kind are (one a year per
department and kind, the model's constraint): re-importing a file updates it in
place, and an unchanged row writes nothing. A blank 公开日期, 发布 or figure leaves
what is stored as it is; a new row without 发布 is published when it has a 公开日期.
Figures named by no column (added in the admin) are kept.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.utils import timezone

from cms.core.importing import (
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    RecordImporter,
    RowError,
    TextColumn,
)
from cms.core.importing.errors import CREATED, UNCHANGED, UPDATED
from cms.taxonomy.models import Organization

from .models import FiscalDisclosure, FiscalFigure, Kind, due_date_for

KINDS = {
    "部门预算": Kind.BUDGET,
    "预算": Kind.BUDGET,
    "部门决算": Kind.FINAL_ACCOUNTS,
    "决算": Kind.FINAL_ACCOUNTS,
    "绩效自评": Kind.SELF_EVALUATION,
    "部门绩效自评": Kind.SELF_EVALUATION,
    "重点项目绩效评价": Kind.PROJECT_EVALUATION,
    "绩效评价": Kind.PROJECT_EVALUATION,
}
_YES_NO = {"是": True, "否": False, "发布": True, "不发布": False}

# (name, unit): the key figures a file may hold, as columns named after them.
FIGURES = (
    ("收入合计", "万元"),
    ("支出合计", "万元"),
    ("财政拨款收入", "万元"),
    ("财政拨款支出", "万元"),
    ("基本支出", "万元"),
    ("项目支出", "万元"),
    ("三公经费", "万元"),
    ("项目预算", "万元"),
    ("实际支出", "万元"),
    ("评价项目数", "个"),
    ("平均得分", "分"),
    ("评价得分", "分"),
)
FIGURE_UNITS = dict(FIGURES)


class YearColumn(Column):
    def convert(self, raw: Any) -> int:
        text = str(raw).strip() if not isinstance(raw, float) else str(raw)
        text = text.removesuffix("年度").removesuffix("年").removesuffix(".0")
        if isinstance(raw, bool) or not text.isdigit() or len(text) != 4:
            raise RowError(f"{self.label}应为四位数的年份，如 2026，不能是“{raw}”")
        return int(text)


def _figure_column(name: str, unit: str) -> DecimalColumn:
    return DecimalColumn(
        f"figure:{name}",
        name,
        max_digits=16,
        decimal_places=2,
        aliases=(f"{name}（{unit}）", f"{name}({unit})"),
    )


class FiscalImporter(RecordImporter):
    label = "财政信息"
    model = FiscalDisclosure
    # One a year per department and kind (the model's constraint); department
    # first: the existing rows of a batch are looked up by it.
    keys: ClassVar = (("department_id", "year", "kind"),)
    columns: ClassVar = (
        YearColumn("year", "年度", required=True, aliases=("预算年度",)),
        ChoiceColumn(
            "kind", "类别", required=True, aliases=("公开类别",), choices=KINDS
        ),
        TextColumn(
            "department",
            "部门",
            required=True,
            aliases=("责任科室", "部门名称", "单位"),
        ),
        TextColumn("title", "标题", max_length=200),
        DateColumn("approval_date", "批复日期", required=True),
        DateColumn("disclosed_on", "公开日期"),
        ChoiceColumn("published", "发布", choices=_YES_NO),
        *(_figure_column(name, unit) for name, unit in FIGURES),
    )

    def __init__(self, *, index: bool = True) -> None:
        super().__init__()
        organizations = list(Organization.objects.all())
        self._by_name = {o.name: o for o in organizations}
        short = {}
        for o in organizations:
            if o.short_name:
                short.setdefault(o.short_name, []).append(o)
        self._by_short = {k: v[0] for k, v in short.items() if len(v) == 1}
        self._stored: dict[int, dict[str, tuple[Decimal, str]]] = {}
        # index=False leaves the search index to a later rebuild.
        self.index = index

    # --- reading -------------------------------------------------------------------
    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        name = record["department"]
        department = self._by_name.get(name) or self._by_short.get(name)
        if department is None:
            raise RowError(f"找不到部门“{name}”（请写机构全称或简称）")
        record["department"] = department
        record["department_id"] = department.pk
        if not record["title"]:
            record["title"] = f"{department.name}{record['year']}年度"
            record["title"] += str(Kind(record["kind"]).label)
        record["figures"] = {
            column.label: record.pop(column.name)
            for column in self.columns
            if column.name.startswith("figure:")
        }
        record["figures"] = {
            name: amount
            for name, amount in record["figures"].items()
            if amount is not None
        }
        return record

    def fields(self, record: dict[str, Any]) -> dict[str, Any]:
        values = super().fields(record)
        values["due_date"] = due_date_for(values["approval_date"])
        # Blank: what is stored stays (a new row takes the defaults in _prepare).
        for name in ("disclosed_on", "published"):
            if values.get(name) is None:
                values.pop(name, None)
        return values

    def claim(self, row, identity, what: str = "") -> None:
        # The key named by the department's name and the kind's label.
        record = row.record
        if identity[0] == "key":
            what = (
                f"（{record['department'].name} {record['year']}年度"
                f"{Kind(record['kind']).label}）"
            )
        super().claim(row, identity, what)

    # --- writing -------------------------------------------------------------------
    def write(self, rows) -> None:
        # The figures of the batch's existing disclosures: one query per batch.
        departments = {row.record["department_id"] for row in rows}
        years = {row.record["year"] for row in rows}
        existing = FiscalDisclosure.objects.filter(
            department__in=departments, year__in=years
        ).values_list("pk", flat=True)
        stored: dict[int, dict[str, tuple[Decimal, str]]] = {}
        for figure in FiscalFigure.objects.filter(disclosure__in=list(existing)):
            stored.setdefault(figure.disclosure_id, {})[figure.name] = (
                figure.amount,
                figure.unit,
            )
        self._stored = stored
        super().write(rows)

    def _prepare(self, row, found):
        changed = super()._prepare(row, found)
        obj, record = row.obj, row.record
        if row.status == CREATED and record["published"] is None:
            obj.published = obj.disclosed_on is not None
        if obj.published and obj.disclosed_on is None:
            # As save() does: published today.
            obj.disclosed_on = timezone.localdate()
            changed.append("disclosed_on")
        if row.status != CREATED and self._figures_changed(obj.pk, record):
            changed.append("title")  # written unchanged; the figures are rewritten
        if row.status == UNCHANGED and changed:
            row.status = UPDATED
        obj._import_figures = record["figures"]
        return changed

    def _figures_changed(self, pk: int, record: dict[str, Any]) -> bool:
        stored = self._stored.get(pk, {})
        return any(
            stored.get(name) != (amount, FIGURE_UNITS[name])
            for name, amount in record["figures"].items()
        )

    def written(self, *, created, updated) -> None:
        objs = [*created, *updated]
        if not objs:
            return
        current: dict[tuple[int, str], FiscalFigure] = {}
        last: dict[int, int] = {}
        for figure in FiscalFigure.objects.filter(disclosure__in=objs):
            current[(figure.disclosure_id, figure.name)] = figure
            last[figure.disclosure_id] = max(
                last.get(figure.disclosure_id, -1), figure.sort_order or 0
            )
        changes, additions = [], []
        for obj in objs:
            for name, amount in obj._import_figures.items():
                unit = FIGURE_UNITS[name]
                figure = current.get((obj.pk, name))
                if figure is None:
                    last[obj.pk] = last.get(obj.pk, -1) + 1
                    additions.append(
                        FiscalFigure(
                            disclosure_id=obj.pk,
                            name=name,
                            amount=amount,
                            unit=unit,
                            sort_order=last[obj.pk],
                        )
                    )
                elif (figure.amount, figure.unit) != (amount, unit):
                    figure.amount, figure.unit = amount, unit
                    changes.append(figure)
        FiscalFigure.objects.bulk_create(additions)
        FiscalFigure.objects.bulk_update(changes, ["amount", "unit"], batch_size=500)
        if self.index:
            from search.updates import schedule_update

            for obj in objs:
                schedule_update(FiscalDisclosure, obj.pk, created=obj in created)
