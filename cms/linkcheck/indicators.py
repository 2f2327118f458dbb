"""The 断链 indicator of the compliance dashboard, measured from link inspection."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from cms.compliance.registry import (
    INSPECTION_RULES,
    Evidence,
    Indicator,
    Measurement,
    Rule,
)

from .models import LinkStatus, PageLink
from .selectors import broken_links

# Evidence rows shown per indicator; the 断链报告 lists them all.
EVIDENCE_LIMIT = 20


class BrokenLinks(Indicator):
    key = "broken_links"
    title = "错链断链"
    rule = Rule(
        INSPECTION_RULES,
        "扣分指标“可用性—链接可用性”：网站页面上的链接（含附件、外部链接）不可访问",
    )
    threshold = "≥ 1 个确认断链即扣分"
    warning = "疑似断链或需关注的链接 ≥ 1 个"
    fail_at = 1
    warn_at = None

    def measure(self, today: datetime.date) -> Measurement:
        uses = list(broken_links()[: EVIDENCE_LIMIT * 5])
        counts = PageLink.objects.aggregate(
            broken=Count(
                "link_id", distinct=True, filter=Q(link__status=LinkStatus.BROKEN)
            ),
            cautions=Count(
                "link_id", distinct=True, filter=Q(link__status=LinkStatus.CAUTION)
            ),
        )
        value, cautions = counts["broken"], counts["cautions"]
        evidence = []
        seen: set[int] = set()
        for use in uses:
            if use.link_id in seen or len(evidence) >= EVIDENCE_LIMIT:
                continue
            seen.add(use.link_id)
            evidence.append(
                Evidence(
                    f"{use.page.title}：{use.link.url[:80]}",
                    reverse("linkcheck_page_report", args=[use.page_id]),
                    use.link.summary,
                )
            )
        # Every 科室 with a broken link, not only those among the evidence rows.
        departments = sorted(
            PageLink.objects.filter(
                link__status=LinkStatus.BROKEN, department__isnull=False
            )
            .values_list("department__name", flat=True)
            .order_by()
            .distinct()
        )
        state = self.grade(value)
        if state == "ok" and cautions:
            state = "warn"
        predictions = (
            [f"另有 {cautions} 个链接需关注（疑似断链、多次跳转、较慢或需登录）"]
            if cautions
            else []
        )
        return Measurement(
            value,
            f"{value} 个断链",
            state,
            evidence=evidence,
            predictions=predictions,
            departments=departments,
        )
