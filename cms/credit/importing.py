"""Importing 行政许可 and 行政处罚 decisions from the bureau's exports (CSV/Excel).

Headers as the 双公示 exports name them (文书号, 当事人, 统一社会信用代码 ...); one
file may hold both kinds (a 决定类别 column) or one kind given by the command. A
decision is the same one when its 文书号 and kind are: re-importing a file updates
it in place, and an unchanged row writes nothing. New decisions are published
(公示时间 = the import) unless ``publish=False``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import connections, router

from cms.core.importing import (
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    RecordImporter,
    RowError,
    TextColumn,
)

from .grams import write_grams
from .models import (
    DERIVED_FROM,
    CreditDecision,
    DecisionGram,
    DecisionKind,
    DecisionStatus,
    DecisionText,
    PartyType,
    Severity,
    derived_values,
)
from .services import index_decisions

KINDS = {
    "行政许可": DecisionKind.LICENSE,
    "许可": DecisionKind.LICENSE,
    "行政处罚": DecisionKind.PENALTY,
    "处罚": DecisionKind.PENALTY,
}
PARTY_TYPES = {
    "法人": PartyType.LEGAL_PERSON,
    "法人及非法人组织": PartyType.LEGAL_PERSON,
    "非法人组织": PartyType.UNINCORPORATED,
    "个体工商户": PartyType.INDIVIDUAL_BUSINESS,
    "自然人": PartyType.NATURAL_PERSON,
}
SEVERITIES = {
    "轻微": Severity.MINOR,
    "一般": Severity.GENERAL,
    "严重": Severity.SERIOUS,
}
SEVERITIES |= {f"{label}失信": value for label, value in list(SEVERITIES.items())}
STATUSES = {
    "有效": DecisionStatus.EFFECTIVE,
    "正常": DecisionStatus.EFFECTIVE,
    "已撤销": DecisionStatus.REVOKED,
    "撤销": DecisionStatus.REVOKED,
    "已注销": DecisionStatus.CANCELLED,
    "注销": DecisionStatus.CANCELLED,
}

COLUMNS = (
    ChoiceColumn("kind", "决定类别", aliases=("类别",), choices=KINDS),
    TextColumn(
        "document_number",
        "文书号",
        required=True,
        max_length=100,
        aliases=("决定文书号", "行政处罚决定书文号", "行政许可决定文书号"),
    ),
    TextColumn(
        "party_name",
        "当事人",
        required=True,
        max_length=200,
        aliases=("当事人名称", "行政相对人名称"),
    ),
    ChoiceColumn(
        "party_type",
        "当事人类型",
        required=True,
        aliases=("行政相对人类别",),
        choices=PARTY_TYPES,
    ),
    TextColumn("credit_code", "统一社会信用代码", max_length=18),
    TextColumn(
        "id_number", "身份证号码", max_length=18, aliases=("证件号码", "身份证号")
    ),
    TextColumn("facts", "违法事实", aliases=("主要违法事实",)),
    TextColumn("license_content", "许可内容"),
    TextColumn("basis", "依据", required=True, aliases=("处罚依据", "许可依据")),
    TextColumn("penalty_type", "处罚种类", max_length=200, aliases=("处罚类别",)),
    DecimalColumn(
        "fine_amount",
        "罚款金额",
        max_digits=14,
        decimal_places=2,
        aliases=("罚款金额（元）", "罚款金额(元)"),
    ),
    TextColumn("decision_content", "决定内容", aliases=("处罚内容",)),
    DateColumn(
        "decision_date",
        "决定日期",
        required=True,
        aliases=("处罚决定日期", "许可决定日期"),
    ),
    TextColumn(
        "authority",
        "决定机关",
        required=True,
        max_length=100,
        aliases=("处罚机关", "许可机关"),
    ),
    DateColumn("valid_from", "有效期自"),
    DateColumn("valid_until", "有效期至"),
    ChoiceColumn(
        "severity",
        "失信严重程度",
        aliases=("严重程度",),
        choices=SEVERITIES,
        default="",
    ),
    ChoiceColumn(
        "minor_published",
        "轻微失信确有必要公示",
        aliases=("轻微失信公示",),
        choices={"是": True, "否": False},
        default=False,
    ),
    ChoiceColumn("status", "状态", choices=STATUSES, default=DecisionStatus.EFFECTIVE),
)


def refresh_statistics() -> None:
    """The planner statistics of the decisions and their keyword index, after a bulk
    write. Without them SQLite takes an equality on any index as selective: the
    keyword filter's few candidates (a public identifier, an absent bigram)
    would be found by scanning every decision of a kind in list order; and
    PostgreSQL's autovacuum gets to a freshly imported table only later. Both
    sample (SQLite's ``analysis_limit``, PostgreSQL's statistics target): a
    fraction of a second at 50,000 decisions."""
    connection = connections[router.db_for_write(CreditDecision)]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    # Outside a transaction, PostgreSQL also vacuums: until then its visibility
    # map is empty, and counting the list reads every decision's row instead of
    # the list's index (about two seconds at 50,000 decisions).
    vacuum = connection.vendor == "postgresql" and connection.get_autocommit()
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        for model in (CreditDecision, DecisionGram, DecisionText):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"{command} {table}")


class DecisionImporter(RecordImporter):
    label = "决定"
    model = CreditDecision
    columns = COLUMNS
    # 文书号 first: the existing rows of a batch are looked up by it.
    keys: ClassVar = (("document_number", "kind"),)

    def __init__(
        self, *, kind: str | None = None, publish: bool = True, index: bool = True
    ) -> None:
        super().__init__()
        self.default_kind = kind
        self.publish = publish
        # index=False leaves the search index to a later rebuild
        # (manage.py rebuild_search_index --type credit_decision).
        self.index = index

    def run(self, source, *, progress: bool = False):
        report = super().run(source, progress=progress)
        if report.created or report.updated:
            refresh_statistics()
        return report

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        kind = record.get("kind") or self.default_kind
        if not kind:
            raise RowError("缺少决定类别（行政许可或行政处罚）")
        record["kind"] = kind
        facts, licensed = record.pop("facts"), record.pop("license_content")
        if facts and licensed:
            raise RowError("违法事实和许可内容只能填写一项")
        content = facts or licensed
        if not content:
            raise RowError(
                "缺少违法事实" if kind == DecisionKind.PENALTY else "缺少许可内容"
            )
        record["content"] = content
        if record["credit_code"]:
            record["credit_code"] = record["credit_code"].upper()
        if record["id_number"]:
            record["id_number"] = record["id_number"].upper()
        return record

    def _key_label(self, key: tuple[str, ...]) -> str:
        # Asked for every row; the translated labels do not change.
        labels = self.__dict__.setdefault("_key_labels", {})
        if key not in labels:
            labels[key] = super()._key_label(key)
        return labels[key]

    def claim(self, row, identity, what: str = "") -> None:
        # The kind named by its label (行政处罚), not its stored value.
        for value, label in DecisionKind.choices:
            what = what.replace(f"、{value}）", f"、{label}）")
        super().claim(row, identity, what)

    def fields(self, record: dict[str, Any]) -> dict[str, Any]:
        values = super().fields(record)
        # The deadline, period and masked copies, as save() would compute them.
        if not self.publish:
            values["is_published"] = False
            values["published_at"] = None
        raw = {"is_published": True, "status": DecisionStatus.EFFECTIVE, **values}
        values.update(derived_values({name: raw.get(name) for name in DERIVED_FROM}))
        # Depends on what the file does not hold (publication, withdrawal): set
        # in written() from each object as it is.
        values.pop("listed_until", None)
        return values

    def written(self, *, created, updated) -> None:
        # listed_until depends on what the file does not hold (publication,
        # withdrawal): set from each written object as it now is.
        stale = []
        for obj in [*created, *updated]:
            raw = {name: getattr(obj, name) for name in DERIVED_FROM}
            listed = derived_values(raw)["listed_until"]
            if listed != obj.listed_until:
                obj.listed_until = listed
                stale.append(obj)
        if stale:
            CreditDecision.objects.bulk_update(stale, ["listed_until"], batch_size=500)
        # The keyword filter's bigrams, from the masked copies as written.
        write_grams([*created, *updated])
        if self.index:
            index_decisions([*created, *updated])
