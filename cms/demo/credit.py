"""Demo 双公示: three hundred 行政许可 and 行政处罚 decisions generated locally
(cms/credit/samples.py), imported like the bureau's export, with February 2026
free of 行政处罚 (its "本月无行政处罚案件" statement) and one 信用修复.

Keyed by 文书号: loading twice changes nothing.
"""

from __future__ import annotations

import datetime

from cms.core.importing import Source, SourceRow
from cms.credit.importing import DecisionImporter
from cms.credit.models import CreditDecision, DecisionKind, Severity
from cms.credit.samples import decision_rows
from cms.credit.services import credit_repair, withdraw_expired
from cms.taxonomy.models import Organization

DEMO_COUNT = 300
START = datetime.date(2025, 1, 2)
END = datetime.date(2026, 11, 27)
QUIET_MONTH = (2026, 2)


def load_credit_demo(*, editor=None) -> int:
    rows = decision_rows(DEMO_COUNT, start=START, end=END, skip_months=(QUIET_MONTH,))
    source = Source(
        format="jsonl",
        rows=[SourceRow(line, row) for line, row in enumerate(rows, start=1)],
    )
    report = DecisionImporter().run(source)
    departments = {
        DecisionKind.PENALTY: Organization.objects.filter(name="劳动关系科").first(),
        DecisionKind.LICENSE: Organization.objects.filter(name="就业促进科").first(),
    }
    for kind, department in departments.items():
        if department is not None:
            CreditDecision.objects.filter(kind=kind, department__isnull=True).update(
                department=department
            )
    withdraw_expired()
    repaired = (
        CreditDecision.objects.filter(
            kind=DecisionKind.PENALTY,
            severity=Severity.GENERAL,
            withdrawn_on__isnull=True,
            publicity_min_end__lt=datetime.date(2026, 11, 1),
            publicity_end__gte=datetime.date(2026, 12, 31),
        )
        .order_by("decision_date", "pk")
        .first()
    )
    if (
        repaired is not None
        and not CreditDecision.objects.filter(withdrawal="repaired").exists()
    ):
        credit_repair(
            decision=repaired,
            reason="当事人已足额补发拖欠工资并缴纳罚款，按规定作出信用承诺",
            repaired_on=repaired.publicity_min_end + datetime.timedelta(days=7),
            user=editor,
        )
    return report.created
