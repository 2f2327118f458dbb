"""Importing 待遇标准调整 from CSV/Excel/JSONL: one row per standard.

Columns: 待遇项目 (方案/险种; 征地养老、失业保险金、工伤保险待遇、最低工资、其他), 类别, 金额,
单位 (default 元/月), 执行起始日, 执行截止日, 依据政策 (the policy's 发文字号 or exact
title), 调整前金额, 决定日期, 公开日期, 责任科室. A standard is the same one when its
待遇项目, 类别 and 执行起始日 are: re-importing a file updates it in place, and an
unchanged row writes nothing.

The file is checked as a whole timeline per 待遇项目 and 类别, with what is stored:
ranges that overlap are refused, 调整前金额 must be the amount of the standard
before (it is kept as given only for the first of a timeline), and the standards
after a changed one follow it (their 调整前金额).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any, ClassVar

from cms.core.importing import (
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    RecordImporter,
    RowError,
    TextColumn,
)
from cms.policies.models import PolicyPage
from cms.policies.selectors import policy_by_reference
from cms.taxonomy.models import Organization

from .models import BenefitStandard, Scheme, disclosure_due_for
from .selectors import basis_publication

SCHEMES = {str(label): value for value, label in Scheme.choices} | {
    "失业保险": Scheme.UNEMPLOYMENT,
    "工伤保险": Scheme.WORK_INJURY,
    "征地养老人员生活费": Scheme.LAND_PENSION,
    "最低工资标准": Scheme.MINIMUM_WAGE,
}
DEFAULT_UNIT = "元/月"
_FOREVER = datetime.date.max

COLUMNS = (
    ChoiceColumn(
        "scheme",
        "待遇项目",
        required=True,
        aliases=("方案", "险种", "方案/险种", "项目"),
        choices=SCHEMES,
    ),
    TextColumn("category", "类别", max_length=100, aliases=("待遇类别",)),
    DecimalColumn(
        "amount", "金额", required=True, aliases=("标准", "待遇标准", "金额（元）")
    ),
    TextColumn("unit", "单位", max_length=20),
    DateColumn(
        "effective_from", "执行起始日", required=True, aliases=("起始日期", "执行日期")
    ),
    DateColumn("effective_to", "执行截止日", aliases=("截止日期",)),
    TextColumn(
        "basis_policy",
        "依据政策",
        required=True,
        aliases=("调整依据", "政策依据", "发文字号"),
    ),
    DecimalColumn("previous_amount", "调整前金额", aliases=("调整前标准",)),
    DateColumn("decision_date", "决定日期", required=True, aliases=("调整决定日期",)),
    DateColumn("disclosed_on", "公开日期"),
    TextColumn("department", "责任科室"),
)


def _shown(amount) -> str:
    return f"{amount.normalize():f}"


class BenefitStandardImporter(RecordImporter):
    label = "待遇标准"
    model = BenefitStandard
    columns = COLUMNS
    keys: ClassVar = (("scheme", "category", "effective_from"),)

    def __init__(self, *, user=None, index: bool = True) -> None:
        super().__init__()
        self.index = index
        # An editor (not a superuser) imports for their own departments only.
        self.departments: frozenset[int] | None = None
        if user is not None and not user.is_superuser:
            from cms.review.permissions import user_department_ids

            self.departments = user_department_ids(user)
        self._policies: dict[str, PolicyPage | None] = {}
        self._publications: dict[int, tuple] = {}
        self._organizations = {o.name: o for o in Organization.objects.all()}

    # --- lookups -------------------------------------------------------------------
    def _policy(self, text: str) -> PolicyPage:
        if text not in self._policies:
            self._policies[text] = policy_by_reference(text)
        policy = self._policies[text]
        if policy is None:
            raise RowError(f"找不到依据政策“{text}”（请写发文字号或完整标题）")
        return policy

    def _publication(self, policy_id: int) -> tuple:
        if policy_id not in self._publications:
            self._publications[policy_id] = basis_publication(policy_id)
        return self._publications[policy_id]

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        problems = []
        try:
            policy = self._policy(record["basis_policy"])
        except RowError as error:
            problems.append(str(error))
            policy = None
        name = record["department"]
        if name and name not in self._organizations:
            problems.append(f"没有科室“{name}”")
        end = record["effective_to"]
        if end is not None and end < record["effective_from"]:
            problems.append("执行截止日不能早于执行起始日")
        if problems:
            raise RowError("；".join(problems))
        department_id, published_on = self._publication(policy.pk)
        record["basis_policy"] = policy
        record["department"] = self._organizations[name] if name else None
        if record["department"] is None and department_id is not None:
            record["department"] = Organization(pk=department_id)
        self._check_department(record)
        if record["disclosed_on"] is None and published_on is not None:
            # Public with its policy: from the day the policy was (not before the
            # decision), if it is public.
            record["disclosed_on"] = max(published_on, record["decision_date"])
        record["unit"] = record["unit"] or DEFAULT_UNIT
        record["given_previous"] = record.pop("previous_amount")
        record["due_date"], record["due_date_provisional"] = disclosure_due_for(
            record["decision_date"]
        )
        return record

    def _check_department(self, record: dict[str, Any]) -> None:
        if self.departments is None:
            return
        if record["department"] is None and len(self.departments) == 1:
            record["department"] = Organization(pk=next(iter(self.departments)))
        if record["department"] is None or record["department"].pk not in (
            self.departments
        ):
            raise RowError(
                "只能导入本科室的待遇标准（请检查责任科室或依据政策的责任科室）"
            )

    def fields(self, record: dict[str, Any]) -> dict[str, Any]:
        values = super().fields(record)
        if "previous_amount" in record:
            values["previous_amount"] = record["previous_amount"]
        return values

    # --- the timeline of each 待遇项目 and 类别 ------------------------------------------
    def write(self, rows) -> None:
        stored = defaultdict(dict)
        groups = {(row.record["scheme"], row.record["category"]) for row in rows}
        if groups:
            for standard in BenefitStandard.objects.filter(
                scheme__in={scheme for scheme, _c in groups},
                category__in={category for _s, category in groups},
            ):
                group = (standard.scheme, standard.category)
                if group in groups:
                    stored[group][standard.effective_from] = standard
        good = list(rows)
        while True:
            refused = self._check_timelines(good, stored)
            if not refused:
                break
            for row, message in refused.values():
                row.error = message
                self.release(row)
            good = [row for row in good if row.line not in refused]
        super().write(good)

    def _check_timelines(self, rows, stored) -> dict:
        """{line: (row, why)} of the rows whose range overlaps another's or whose
        调整前金额 is not the amount before; sets each good row's previous_amount."""
        by_group = defaultdict(list)
        for row in rows:
            by_group[(row.record["scheme"], row.record["category"])].append(row)
        refused: dict = {}
        # Stored standards an adjustment in the file ends: (the row, pk, new end).
        self._ending = []
        for group, group_rows in by_group.items():
            # (start, end, amount, unit, row or None for a stored standard)
            timeline = {
                start: (start, s.effective_to or _FOREVER, s.amount, s.unit, None)
                for start, s in stored[group].items()
            }
            for row in group_rows:
                record = row.record
                # Each pass starts again from what the file said.
                record.setdefault("given_end", record["effective_to"])
                record["effective_to"] = record["given_end"]
                start = record["effective_from"]
                end = record["effective_to"] or _FOREVER
                timeline[start] = (start, end, record["amount"], record["unit"], row)
            ordered = sorted(timeline.values(), key=lambda entry: entry[0])
            self._end_replaced(ordered, stored[group])
            for before, after in zip(ordered, ordered[1:], strict=False):
                if before[1] >= after[0] and (before[4] or after[4]):
                    row, other = self._at_fault(before, after)
                    refused.setdefault(row.line, (row, self._overlap(other)))
            for index, (*_entry, row) in enumerate(ordered):
                if row is None or row.line in refused:
                    continue
                given = row.record["given_previous"]
                if index == 0:
                    current = stored[group].get(row.record["effective_from"])
                    kept = current.previous_amount if current is not None else None
                    row.record["previous_amount"] = given if given is not None else kept
                    continue
                before = ordered[index - 1]
                if given is not None and given != before[2]:
                    refused[row.line] = (
                        row,
                        f"调整前金额 {_shown(given)} 与上一标准"
                        f"（{before[0].isoformat()} 起执行，{_shown(before[2])}）不符",
                    )
                    continue
                row.record["previous_amount"] = before[2]
        return refused

    def _end_replaced(self, ordered: list, stored: dict) -> None:
        """An open-ended standard followed by a later one of the file is adjusted:
        it ends the day before (in the file's row, or the stored standard once the
        adjusting row is written)."""
        for index in range(len(ordered) - 1):
            start, end, amount, unit, row = ordered[index]
            after = ordered[index + 1]
            if end != _FOREVER or row is None and after[4] is None:
                continue
            new_end = after[0] - datetime.timedelta(1)
            ordered[index] = (start, new_end, amount, unit, row)
            if row is not None:
                row.record["effective_to"] = new_end
            else:
                self._ending.append((after[4], stored[start].pk, new_end))

    @staticmethod
    def _at_fault(before, after):
        """(the row to refuse, the entry it overlaps): the later line of the file;
        a stored standard never is at fault."""
        if before[4] is None:
            return after[4], before
        if after[4] is None or before[4].line > after[4].line:
            return before[4], after
        return after[4], before

    @staticmethod
    def _overlap(other) -> str:
        start, end, amount, unit, row = other
        whose = f"第 {row.line} 行" if row is not None else "已有"
        until = "现在" if end == _FOREVER else end.isoformat()
        return (
            f"与{whose}标准（{_shown(amount)} {unit}，{start.isoformat()} 至 {until}）"
            "的执行期间重叠"
        )

    def _prepare(self, row, found):
        obj = self._match(row, found)
        if (
            obj is not None
            and self.departments is not None
            and obj.department_id is not None
            and obj.department_id not in self.departments
        ):
            raise RowError("已有的这条标准属于其他科室，不能更新")
        changed = super()._prepare(row, found)
        # The timeline was checked as a whole above, with the rows of the file.
        row.obj._timeline_checked = True
        return changed

    def written(self, *, created, updated) -> None:
        objs = [*created, *updated]
        if not objs:
            return
        for row, pk, end in getattr(self, "_ending", []):
            if not row.error and row.obj in objs:
                BenefitStandard.objects.filter(pk=pk).update(effective_to=end)
        self._follow(objs)
        if self.index:
            from search.updates import schedule_update

            for obj in objs:
                schedule_update(BenefitStandard, obj.pk, created=obj in created)

    def _follow(self, objs) -> None:
        """Stored standards after a written one take its amount as 调整前金额."""
        groups = {(obj.scheme, obj.category) for obj in objs}
        timelines = defaultdict(list)
        for standard in BenefitStandard.objects.filter(
            scheme__in={scheme for scheme, _c in groups},
            category__in={category for _s, category in groups},
        ).order_by("effective_from"):
            if (standard.scheme, standard.category) in groups:
                timelines[(standard.scheme, standard.category)].append(standard)
        stale = []
        for timeline in timelines.values():
            for before, after in zip(timeline, timeline[1:], strict=False):
                if after.previous_amount != before.amount:
                    after.previous_amount = before.amount
                    stale.append(after)
        BenefitStandard.objects.bulk_update(stale, ["previous_amount"], batch_size=500)
