"""Importing the 就业创业政策清单 from CSV/Excel/JSONL: one row per item.

Columns: 政策项目、所依据政策 (required; the policy's 发文字号 or exact title), 对象范围,
申请条件, 条件 (machine-checkable, see syntax.py), 申请材料, 办理流程, 办理地点/方式,
咨询电话, 一网通办事项 (事项编码 or name), 责任科室, 服务对象, 主题分类 (names, ；-separated),
补贴金额, 补贴单位, 补贴标准, 发布 (是/否). An item is identified by its policy and title:
re-importing a file updates items in place, conditions and relations included.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import Q

from cms.core.conditions import Condition
from cms.core.importing import (
    ChoiceColumn,
    Column,
    DecimalColumn,
    NamesColumn,
    RecordImporter,
    RowError,
    TextColumn,
)
from cms.policies.models import PolicyPage
from cms.policies.selectors import policy_by_reference
from cms.taxonomy.models import Audience, Organization, ServiceItem, Topic

from .models import ItemCondition, PolicyListItem
from .signals import items_hidden_by_import
from .syntax import parse_conditions


class ConditionsColumn(Column):
    def empty(self) -> list[Condition]:
        return []

    def convert(self, raw: Any) -> list[Condition]:
        if not isinstance(raw, str):
            raise RowError(
                f"{self.label}应为文本，如“年龄<=35；户籍 属于 本区,本市外区”"
            )
        try:
            return parse_conditions(raw)
        except ValidationError as error:
            raise RowError(f"{self.label}：{'；'.join(error.messages)}") from None


_YES_NO = {"是": True, "否": False, "发布": True, "不发布": False}


class PolicyListImporter(RecordImporter):
    label = "政策清单项"
    model = PolicyListItem
    keys = (("policy_id", "title"),)
    columns: ClassVar = (
        TextColumn("title", "政策项目", required=True, max_length=200),
        TextColumn(
            "policy", "所依据政策", required=True, aliases=("政策文件", "政策依据")
        ),
        TextColumn("scope", "对象范围"),
        TextColumn("requirements", "申请条件"),
        ConditionsColumn(
            "conditions", "条件", aliases=("可自动判断的条件", "匹配条件")
        ),
        TextColumn("materials", "申请材料"),
        TextColumn("procedure", "办理流程"),
        TextColumn("venue", "办理地点/方式", aliases=("办理地点", "办理方式")),
        TextColumn("phone", "咨询电话", max_length=100),
        TextColumn("service_item", "一网通办事项"),
        TextColumn("department", "责任科室"),
        NamesColumn("audiences", "服务对象"),
        NamesColumn("topics", "主题分类"),
        DecimalColumn("benefit_amount", "补贴金额"),
        TextColumn("benefit_unit", "补贴单位", max_length=20),
        TextColumn("benefit_text", "补贴标准", max_length=200),
        ChoiceColumn("published", "发布", choices=_YES_NO, default=True),
    )

    def __init__(self) -> None:
        super().__init__()
        self._policies: dict[str, PolicyPage | None] = {}
        self._service_items: dict[str, ServiceItem | None] = {}
        self._organizations = {o.name: o for o in Organization.objects.all()}
        self._audiences = {a.name: a for a in Audience.objects.all()}
        self._topics = {t.name: t for t in Topic.objects.all()}
        self._stored: dict[int, tuple] = {}

    # --- lookups -------------------------------------------------------------------
    def _policy(self, text: str) -> PolicyPage:
        if text not in self._policies:
            self._policies[text] = policy_by_reference(text)
        policy = self._policies[text]
        if policy is None:
            raise RowError(f"找不到所依据政策“{text}”（请写发文字号或完整标题）")
        return policy

    def _service_item(self, text: str) -> ServiceItem | None:
        if not text:
            return None
        if text not in self._service_items:
            found = list(ServiceItem.objects.filter(Q(code=text) | Q(name=text))[:2])
            self._service_items[text] = found[0] if len(found) == 1 else None
        item = self._service_items[text]
        if item is None:
            raise RowError(f"找不到一网通办事项“{text}”（请写事项编码或名称）")
        return item

    @staticmethod
    def _named(names: list[str], known: dict, label: str) -> list:
        unknown = [name for name in names if name not in known]
        if unknown:
            raise RowError(f"没有这些{label}：{'、'.join(unknown)}")
        return [known[name] for name in names]

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        problems = []
        for name, check in (
            ("policy", lambda v: self._policy(v)),
            ("service_item", self._service_item),
            (
                "department",
                lambda v: (
                    self._named([v], self._organizations, "科室")[0] if v else None
                ),
            ),
            ("audiences", lambda v: self._named(v, self._audiences, "服务对象")),
            ("topics", lambda v: self._named(v, self._topics, "主题分类")),
        ):
            try:
                record[name] = check(record[name])
            except RowError as error:
                problems.append(str(error))
        if problems:
            raise RowError("；".join(problems))
        record["policy_id"] = record["policy"].pk
        if record["benefit_amount"] is not None and not record["benefit_unit"]:
            raise RowError("填写补贴金额时须填写补贴单位（如 元、元/人）")
        return record

    # --- relations: conditions, 服务对象, 主题 ------------------------------------------
    @staticmethod
    def _relations(record: dict[str, Any]) -> tuple:
        return (
            tuple((c.field, c.operator, repr(c.value)) for c in record["conditions"]),
            frozenset(a.pk for a in record["audiences"]),
            frozenset(t.pk for t in record["topics"]),
        )

    def write(self, rows) -> None:
        # What the batch's existing items hold now: three queries per batch.
        pairs = {(row.record["policy_id"], row.record["title"]) for row in rows}
        items = dict(
            PolicyListItem.objects.filter(
                policy_id__in={p for p, _t in pairs}, title__in={t for _p, t in pairs}
            ).values_list("pk", "policy_id")
        )
        conditions: dict[int, list] = {pk: [] for pk in items}
        for c in ItemCondition.objects.filter(item__in=items).order_by(
            "sort_order", "pk"
        ):
            conditions[c.item_id].append((c.field, c.operator, repr(c.value)))
        audiences: dict[int, set] = {pk: set() for pk in items}
        topics: dict[int, set] = {pk: set() for pk in items}
        through = PolicyListItem.audiences.through
        for item_id, audience_id in through.objects.filter(
            policylistitem__in=items
        ).values_list("policylistitem_id", "audience_id"):
            audiences[item_id].add(audience_id)
        for item_id, topic_id in PolicyListItem.topics.through.objects.filter(
            policylistitem__in=items
        ).values_list("policylistitem_id", "topic_id"):
            topics[item_id].add(topic_id)
        self._stored = {
            pk: (tuple(conditions[pk]), frozenset(audiences[pk]), frozenset(topics[pk]))
            for pk in items
        }
        super().write(rows)

    def _prepare(self, row, found):
        self._current = row.record
        changed = super()._prepare(row, found)
        row.obj._import_record = row.record
        # Bulk writes send no signals: a 发布 turned 否 is told to signals.py here.
        row.obj._import_hidden = "published" in changed and not row.obj.published
        return changed

    def _changed(self, obj, values):
        changed = super()._changed(obj, values)
        if not changed and self._stored.get(obj.pk) != self._relations(self._current):
            changed = ["title"]  # written unchanged; the relations are rewritten
        return changed

    def written(self, *, created, updated) -> None:
        from search.updates import schedule_update

        objs = [*created, *updated]
        if not objs:
            return
        pks = [obj.pk for obj in objs]
        ItemCondition.objects.filter(item__in=pks).delete()
        ItemCondition.objects.bulk_create(
            ItemCondition(
                item_id=obj.pk,
                field=c.field,
                operator=c.operator,
                value=c.value,
                sort_order=order,
            )
            for obj in objs
            for order, c in enumerate(obj._import_record["conditions"])
        )
        for relation, target in (("audiences", "audience"), ("topics", "topic")):
            through = getattr(PolicyListItem, relation).through
            through.objects.filter(policylistitem__in=pks).delete()
            through.objects.bulk_create(
                through(policylistitem_id=obj.pk, **{f"{target}_id": other.pk})
                for obj in objs
                for other in obj._import_record[relation]
            )
        for obj in objs:
            schedule_update(PolicyListItem, obj.pk, created=obj in created)
        hidden = [obj for obj in updated if getattr(obj, "_import_hidden", False)]
        if hidden:
            items_hidden_by_import(hidden)
