"""政府信息公开工作年度报告: the national template's six sections for one year.

Layout and wording follow 《中华人民共和国政府信息公开工作年度报告格式》
(国办公开办函〔2021〕30号), in its order, every section present even when empty:
一、总体情况 (text); 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况,
四、政府信息公开行政复议、行政诉讼情况 (tables); 五、存在的主要问题及改进情况 (text);
六、其他需要报告的事项 (the 信息处理费 figures, then the office's text).

How the figures are counted:
- 本年新收: applications whose 收到申请之日 (received_date) falls in the year.
- 上年结转: received before the year and not replied before 1 January.
- 办理结果: applications replied (replied_on) in the year, by reply type and reason;
  不属于本机关负责公开 (条例第三十六条第（五）项) counts in 无法提供 row 1, which the
  template calls 本机关不掌握相关政府信息. A reply on record without a fitting reason
  (possible only in data from before the reply step refused it) is counted nowhere
  and listed in `incomplete`, so the report says the 勾稽关系 fails and why.
- 结转下年度: received up to 31 December and not replied by then. So, per column,
  新收 + 上年结转 = 办理结果总计 + 结转下年度 (the template's 勾稽关系).
- 行政规范性文件 (live, 主动公开 PolicyPages marked 规范性文件): 制发 = 成文日期 in the
  year; 废止 = ceased in the year; 现行有效 = written by 31 December and not ceased
  by then. A policy ceases on its 失效日期; one marked 废止/失效 without that date
  ceases when a policy superseding it (关联政策 "废止并替代") takes effect, else on
  the date the 废止 was published.
- 信息处理费 (section 六): fee notices sent in the year (收费通知日期) and fees paid
  in the year (缴费日期), each a count and a sum in 元.
- 规章, 行政许可/处罚/强制, 行政事业性收费 and the 复议/诉讼 outcomes are entered by
  the office (AnnualReportRecord), as are the texts of sections 一, 五 and 六.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from .fee_models import ProcessingFee
from .models import ApplicantType, DisclosureApplication
from .reply_types import (
    REASONS_BY_TYPE,
    REPORT_ROW,
    ReplyType,
)
from .report_models import AnnualReportRecord

COLUMNS: tuple[str, ...] = tuple(ApplicantType.values)


@dataclass
class AnnualReport:
    year: int
    # figures[row key][applicant type] for table 三; row keys: "new", "carried_in",
    # "disclose", "partial", "<type>:<reason>", "total", "carried_out"
    applications: dict[str, Counter]
    normative: dict[str, int]  # issued, repealed, in_force
    record: AnnualReportRecord
    fees: dict[str, int | Decimal] = field(default_factory=dict)
    # Tracking numbers of replies counted nowhere (no fitting reason on record).
    incomplete: list[str] = field(default_factory=list)

    def cell(self, row: str, column: str = "total") -> int:
        counter = self.applications[row]
        return sum(counter.values()) if column == "total" else counter[column]


def result_keys() -> list[str]:
    """The 办理结果 rows of table 三, in the template's order."""
    keys = [ReplyType.DISCLOSE.value, ReplyType.PARTIAL.value]
    for reply_type in (
        ReplyType.WITHHOLD,
        ReplyType.UNABLE,
        ReplyType.NOT_PROCESSED,
        ReplyType.OTHER,
    ):
        keys += [f"{reply_type}:{reason}" for reason in report_reasons(reply_type)]
    return keys


def report_reasons(reply_type: str) -> list[str]:
    """A type's reasons that are rows of their own in the template."""
    return [r for r in REASONS_BY_TYPE[reply_type] if r not in REPORT_ROW]


def _result_key(reply_type: str, reason: str) -> str | None:
    """The row a reply is counted in; None when the record lacks a fitting reason."""
    if reply_type in (ReplyType.DISCLOSE, ReplyType.PARTIAL):
        return reply_type
    if reason and reason in REASONS_BY_TYPE.get(reply_type, ()):
        return f"{reply_type}:{REPORT_ROW.get(reason, reason)}"
    return None


def application_figures(year: int) -> tuple[dict[str, Counter], list[str]]:
    """The figures of table 三, and the replies that fit no row."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    figures: dict[str, Counter] = {
        key: Counter()
        for key in ["new", "carried_in", *result_keys(), "total", "carried_out"]
    }
    incomplete: list[str] = []
    rows = (
        DisclosureApplication.objects.filter(received_date__lte=last)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=first))
        .order_by("received_date", "pk")
        .values_list(
            "tracking_number",
            "applicant_type",
            "received_date",
            "replied_on",
            "reply_type",
            "reply_reason",
        )
    )
    for number, applicant, received, replied, reply_type, reason in rows:
        figures["new" if received >= first else "carried_in"][applicant] += 1
        if replied is not None and replied <= last:
            key = _result_key(reply_type, reason)
            if key is None:
                incomplete.append(number)
                continue
            figures[key][applicant] += 1
            figures["total"][applicant] += 1
        else:
            figures["carried_out"][applicant] += 1
    return figures, incomplete


def fee_figures(year: int) -> dict[str, int | Decimal]:
    """信息处理费 of the year: notices sent and fees paid, count and 元."""
    fees = ProcessingFee.objects.all()
    noticed = fees.filter(notice_on__year=year).aggregate(
        n=Count("pk"), s=Sum("amount")
    )
    paid = fees.filter(paid_on__year=year).aggregate(n=Count("pk"), s=Sum("amount"))
    return {
        "notices": noticed["n"],
        "notice_amount": noticed["s"] or Decimal("0"),
        "paid": paid["n"],
        "paid_amount": paid["s"] or Decimal("0"),
    }


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
    applications, incomplete = application_figures(year)
    return AnnualReport(
        year=year,
        applications=applications,
        normative=normative_figures(year),
        record=record or AnnualReportRecord(year=year),
        fees=fee_figures(year),
        incomplete=incomplete,
    )


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


def report_title(year: int) -> str:
    from .notice_templates import issuer_name

    return f"{issuer_name()}{year}年政府信息公开工作年度报告"


def annual_report_workbook(report: AnnualReport) -> bytes:
    from .annual_report_excel import workbook

    return workbook(report)
