"""政府信息公开工作年度报告: the national template's tables for one year.

Layout and wording follow 《中华人民共和国政府信息公开工作年度报告格式》
(国办公开办函〔2021〕30号): 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况,
四、政府信息公开行政复议、行政诉讼情况.

How the figures are counted:
- 本年新收: applications whose 收到申请之日 (received_date) falls in the year.
- 上年结转: received before the year and not replied before 1 January.
- 办理结果: applications replied (replied_on) in the year, by reply type and reason.
- 结转下年度: received up to 31 December and not replied by then. So, per column,
  新收 + 上年结转 = 办理结果总计 + 结转下年度 (the template's 勾稽关系).
- 行政规范性文件 (live, 主动公开 PolicyPages marked 规范性文件): 制发 = 成文日期 in the
  year; 废止 = ceased in the year; 现行有效 = written by 31 December and not ceased
  by then. A policy ceases on its 失效日期; one marked 废止/失效 without that date
  ceases when a policy superseding it (关联政策 "废止并替代") takes effect, else on
  the date the 废止 was published.
- 规章, 行政许可/处罚/强制, fees and the 复议/诉讼 outcomes are entered by the office
  (AnnualReportRecord).
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from .models import ApplicantType, DisclosureApplication
from .reply_types import REASONS_BY_TYPE, ReplyReason, ReplyType
from .report_models import AnnualReportRecord

COLUMNS: tuple[str, ...] = tuple(ApplicantType.values)
CHINESE_NUMBERS = "一二三四五六七八九十"


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


@dataclass
class AnnualReport:
    year: int
    # figures[row key][applicant type] for table 三; row keys: "new", "carried_in",
    # "disclose", "partial", "<type>:<reason>", "total", "carried_out"
    applications: dict[str, Counter]
    normative: dict[str, int]  # issued, repealed, in_force
    record: AnnualReportRecord

    def cell(self, row: str, column: str = "total") -> int:
        counter = self.applications[row]
        return sum(counter.values()) if column == "total" else counter[column]


def result_keys() -> list[str]:
    keys = [ReplyType.DISCLOSE.value, ReplyType.PARTIAL.value]
    for reply_type in (
        ReplyType.WITHHOLD,
        ReplyType.UNABLE,
        ReplyType.NOT_PROCESSED,
        ReplyType.OTHER,
    ):
        keys += [f"{reply_type}:{reason}" for reason in REASONS_BY_TYPE[reply_type]]
    return keys


def _result_key(reply_type: str, reason: str) -> str:
    if reply_type in (ReplyType.DISCLOSE, ReplyType.PARTIAL):
        return reply_type
    if reason in REASONS_BY_TYPE.get(reply_type, ()):
        return f"{reply_type}:{reason}"
    # A reply recorded without a fitting reason is still counted, under 其他.
    return f"{ReplyType.OTHER}:{ReplyReason.OTHER}"


def application_figures(year: int) -> dict[str, Counter]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    figures: dict[str, Counter] = {
        key: Counter()
        for key in ["new", "carried_in", *result_keys(), "total", "carried_out"]
    }
    rows = (
        DisclosureApplication.objects.filter(received_date__lte=last)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=first))
        .values_list(
            "applicant_type",
            "received_date",
            "replied_on",
            "reply_type",
            "reply_reason",
        )
    )
    for applicant, received, replied, reply_type, reason in rows:
        figures["new" if received >= first else "carried_in"][applicant] += 1
        if replied is not None and replied <= last:
            figures[_result_key(reply_type, reason)][applicant] += 1
            figures["total"][applicant] += 1
        else:
            figures["carried_out"][applicant] += 1
    return figures


def _ceased_on(policy) -> datetime.date | None:
    if policy.expiry_date:
        return policy.expiry_date
    if policy.validity_override not in ("repealed", "expired"):
        return None
    successors = [
        relation.page.effective_date or relation.page.written_date
        for relation in policy.incoming_relations.all()
        if relation.relation_type == "supersedes" and relation.page.live
    ]
    if successors:
        return min(successors)
    published = policy.last_published_at or policy.latest_revision_created_at
    return published.date() if published else policy.written_date


def normative_figures(year: int) -> dict[str, int]:
    from cms.policies.models import Disclosure, PolicyPage

    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    policies = (
        PolicyPage.objects.live()
        .filter(is_normative=True, disclosure=Disclosure.PUBLIC, written_date__lte=last)
        .only(
            "written_date",
            "effective_date",
            "expiry_date",
            "validity_override",
            "last_published_at",
            "latest_revision_created_at",
        )
        .prefetch_related("incoming_relations__page")
    )
    figures = {"issued": 0, "repealed": 0, "in_force": 0}
    for policy in policies:
        ceased = _ceased_on(policy)
        if policy.written_date >= first:
            figures["issued"] += 1
        if ceased is not None and first <= ceased <= last:
            figures["repealed"] += 1
        if ceased is None or ceased > last:
            figures["in_force"] += 1
    return figures


def annual_report(*, year: int) -> AnnualReport:
    record = AnnualReportRecord.objects.filter(year=year).first()
    return AnnualReport(
        year=year,
        applications=application_figures(year),
        normative=normative_figures(year),
        record=record or AnnualReportRecord(year=year),
    )


# --- layout -------------------------------------------------------------------------


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
    result_rows = 2 + sum(len(REASONS_BY_TYPE[t]) for t, _ in groups) + 1
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
        reasons = REASONS_BY_TYPE[reply_type]
        for index, reason in enumerate(reasons):
            row = [h(label, rowspan=len(reasons))] if index == 0 else []
            row.append(h(f"{index + 1}.{ReplyReason(reason).label}"))
            rows.append(row + _values(report, f"{reply_type}:{reason}"))
    rows.append([h("（七）总计", colspan=2), *_values(report, "total")])
    rows.append(
        [h("四、结转下年度继续办理", colspan=3), *_values(report, "carried_out")]
    )
    return Table("三、收到和处理政府信息公开申请情况", rows, width=10)


REVIEW_GROUPS = (("review", "行政复议"), ("direct", "未经复议直接起诉"))
OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)


def review_figures(record: AnnualReportRecord) -> dict[str, int]:
    figures: dict[str, int] = {}
    for group in ("review", "direct", "after_review"):
        for outcome, _label in OUTCOMES:
            figures[f"{group}/{outcome}"] = getattr(record, f"{group}_{outcome}")
        figures[f"{group}/total"] = sum(
            figures[f"{group}/{outcome}"] for outcome, _ in OUTCOMES
        )
    return figures


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


def report_title(year: int) -> str:
    from .notice_templates import issuer_name

    return f"{issuer_name()}{year}年政府信息公开工作年度报告"


# --- Excel --------------------------------------------------------------------------


def annual_report_workbook(report: AnnualReport) -> bytes:
    """The report's tables on one sheet, merged cells as in the national template."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{report.year}年度报告"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.cell(1, 1, report_title(report.year)).font = Font(size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=15)
    row = 3
    for table in report_tables(report):
        sheet.cell(row, 1, table.title).font = Font(size=12, bold=True)
        row += 1
        occupied: set[tuple[int, int]] = set()
        for cells in table.rows:
            column = 1
            for cell in cells:
                while (row, column) in occupied:
                    column += 1
                value = cell.text if isinstance(cell.text, int) else str(cell.text)
                target = sheet.cell(row, column, value)
                target.alignment = centered
                if cell.header:
                    target.font = Font(bold=True)
                last_row, last_col = row + cell.rowspan - 1, column + cell.colspan - 1
                for r in range(row, last_row + 1):
                    for c in range(column, last_col + 1):
                        occupied.add((r, c))
                        sheet.cell(r, c).border = border
                if (last_row, last_col) != (row, column):
                    sheet.merge_cells(
                        start_row=row,
                        start_column=column,
                        end_row=last_row,
                        end_column=last_col,
                    )
                column = last_col + 1
            row += 1
        row += 1
    for text_title, text in (
        ("一、总体情况", report.record.overview),
        ("五、存在的主要问题及改进情况", report.record.problems),
        ("六、其他需要报告的事项", report.record.other_matters),
    ):
        if text:
            sheet.cell(row, 1, text_title).font = Font(size=12, bold=True)
            sheet.cell(row + 1, 1, text).alignment = Alignment(wrap_text=True)
            sheet.merge_cells(
                start_row=row + 1, start_column=1, end_row=row + 1, end_column=15
            )
            row += 3
    for column in range(1, 16):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 18
    sheet.column_dimensions["C"].width = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
