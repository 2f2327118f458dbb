"""The annual report laid out as the national template (国办公开办函〔2021〕30号).

Tables 二、三、四 cell by cell (merged cells as in the template) and the six
sections in order; the admin page and the Excel export both render these.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .annual_report import (
    COLUMNS,
    OUTCOMES,
    AnnualReport,
    report_reasons,
    review_figures,
)
from .models import ApplicantType
from .reply_types import REPORT_LABELS, ReplyReason, ReplyType


@dataclass(frozen=True)
class Cell:
    text: str | int = ""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    key: str = ""  # names the figure, for tests and links


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[list[Cell]]
    width: int


def _values(report: AnnualReport, key: str) -> list[Cell]:
    cells = [
        Cell(report.cell(key, column), key=f"{key}/{column}") for column in COLUMNS
    ]
    return [*cells, Cell(report.cell(key), key=f"{key}/total")]


def active_disclosure_table(report: AnnualReport) -> Table:
    r, n = report.record, report.normative
    h = lambda text, **kw: Cell(text, header=True, **kw)  # noqa: E731
    return Table(
        "二、主动公开政府信息情况",
        [
            [h("第二十条第（一）项", colspan=4)],
            [h("信息内容"), h("本年制发件数"), h("本年废止件数"), h("现行有效件数")],
            [
                h("规章"),
                Cell(r.rules_issued, key="rules/issued"),
                Cell(r.rules_repealed, key="rules/repealed"),
                Cell(r.rules_in_force, key="rules/in_force"),
            ],
            [
                h("行政规范性文件"),
                Cell(n["issued"], key="normative/issued"),
                Cell(n["repealed"], key="normative/repealed"),
                Cell(n["in_force"], key="normative/in_force"),
            ],
            [h("第二十条第（五）项", colspan=4)],
            [h("信息内容"), h("本年处理决定数量", colspan=3)],
            [h("行政许可"), Cell(r.licensing_decisions, colspan=3, key="licensing")],
            [h("第二十条第（六）项", colspan=4)],
            [h("信息内容"), h("本年处理决定数量", colspan=3)],
            [h("行政处罚"), Cell(r.penalty_decisions, colspan=3, key="penalty")],
            [h("行政强制"), Cell(r.coercion_decisions, colspan=3, key="coercion")],
            [h("第二十条第（八）项", colspan=4)],
            [h("信息内容"), h("本年收费金额（单位：万元）", colspan=3)],
            [
                h("行政事业性收费"),
                Cell(
                    f"{r.fees_amount:.4f}".rstrip("0").rstrip("."),
                    colspan=3,
                    key="fees",
                ),
            ],
        ],
        width=4,
    )


def applications_table(report: AnnualReport) -> Table:
    h = lambda text, **kw: Cell(text, header=True, **kw)  # noqa: E731
    rows: list[list[Cell]] = [
        [
            h(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                colspan=3,
                rowspan=3,
            ),
            h("申请人情况", colspan=7),
        ],
        [h("自然人", rowspan=2), h("法人或其他组织", colspan=5), h("总计", rowspan=2)],
        [h(str(ApplicantType(column).label)) for column in COLUMNS[1:]],
        [h("一、本年新收政府信息公开申请数量", colspan=3), *_values(report, "new")],
        [
            h("二、上年结转政府信息公开申请数量", colspan=3),
            *_values(report, "carried_in"),
        ],
    ]
    groups = [
        (ReplyType.WITHHOLD, "（三）不予公开"),
        (ReplyType.UNABLE, "（四）无法提供"),
        (ReplyType.NOT_PROCESSED, "（五）不予处理"),
        (ReplyType.OTHER, "（六）其他处理"),
    ]
    result_rows = 2 + sum(len(report_reasons(t)) for t, _ in groups) + 1
    rows.append(
        [
            h("三、本年度办理结果", rowspan=result_rows),
            h("（一）予以公开", colspan=2),
            *_values(report, ReplyType.DISCLOSE),
        ]
    )
    rows.append(
        [
            h("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
            *_values(report, ReplyType.PARTIAL),
        ]
    )
    for reply_type, label in groups:
        reasons = report_reasons(reply_type)
        for index, reason in enumerate(reasons):
            row = [h(label, rowspan=len(reasons))] if index == 0 else []
            text = REPORT_LABELS.get(reason) or ReplyReason(reason).label
            row.append(h(f"{index + 1}.{text}"))
            rows.append(row + _values(report, f"{reply_type}:{reason}"))
    rows.append([h("（七）总计", colspan=2), *_values(report, "total")])
    rows.append(
        [h("四、结转下年度继续办理", colspan=3), *_values(report, "carried_out")]
    )
    return Table("三、收到和处理政府信息公开申请情况", rows, width=10)


def review_table(report: AnnualReport) -> Table:
    h = lambda text, **kw: Cell(text, header=True, **kw)  # noqa: E731
    labels = [label for _, label in OUTCOMES] + ["总计"]
    figures = review_figures(report.record)
    values = [
        Cell(figures[f"{group}/{key}"], key=f"{group}/{key}")
        for group in ("review", "direct", "after_review")
        for key in [outcome for outcome, _ in OUTCOMES] + ["total"]
    ]
    return Table(
        "四、政府信息公开行政复议、行政诉讼情况",
        [
            [h("行政复议", colspan=5), h("行政诉讼", colspan=10)],
            [
                *[h(label, rowspan=2) for label in labels],
                h("未经复议直接起诉", colspan=5),
                h("复议后起诉", colspan=5),
            ],
            [h(label) for label in labels * 2],
            values,
        ],
        width=15,
    )


def report_tables(report: AnnualReport) -> list[Table]:
    return [
        active_disclosure_table(report),
        applications_table(report),
        review_table(report),
    ]


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


# What an empty text section shows: present, and plainly not yet written.
NOT_WRITTEN = "（尚未填写）"


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _yuan(amount: Decimal) -> str:
    return f"{amount:.2f}".removesuffix(".00")


def fee_sentence(fees: dict) -> str:
    """The 信息处理费 line of section 六 (国办函〔2020〕109号, 国办公开办函〔2021〕30号)."""
    if not fees["notices"] and not fees["paid"]:
        return "本年度未发出信息处理费收费通知，未收取信息处理费。"
    return (
        f"本年度依据《政府信息公开信息处理费管理办法》发出收费通知{fees['notices']}件，"
        f"收费金额合计{_yuan(fees['notice_amount'])}元；"
        f"实际收取信息处理费{fees['paid']}件，金额合计{_yuan(fees['paid_amount'])}元。"
    )


def report_sections(report: AnnualReport) -> list[Section]:
    """The six sections in the template's order; none is left out."""
    record = report.record
    active, applications, review = report_tables(report)
    return [
        Section("一、总体情况", _paragraphs(record.overview) or (NOT_WRITTEN,)),
        Section(active.title, table=active),
        Section(applications.title, table=applications),
        Section(review.title, table=review),
        Section(
            "五、存在的主要问题及改进情况",
            _paragraphs(record.problems) or (NOT_WRITTEN,),
        ),
        Section(
            "六、其他需要报告的事项",
            (fee_sentence(report.fees), *_paragraphs(record.other_matters)),
        ),
    ]


def incomplete_warning(report: AnnualReport) -> str:
    """Says which replies fit no row of table 三, '' when all do."""
    if not report.incomplete:
        return ""
    return (
        f"有 {len(report.incomplete)} 件已答复的申请缺少与答复类型相符的理由，"
        "未计入办理结果，表三的勾稽关系因此不成立，请核实后更正："
        + "、".join(report.incomplete)
    )
