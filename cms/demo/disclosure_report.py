"""Demo figures for last year's 政府信息公开工作年度报告 that the office enters by hand.

Created once (found again by year), so loading twice changes nothing. The figures are
invented but plausible for a district 人社局.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from cms.disclosure.report_models import AnnualReportRecord


def load_annual_report_demo() -> bool:
    """Last year's staff-entered report figures; True when created now."""
    year = timezone.localdate().year - 1
    _record, created = AnnualReportRecord.objects.get_or_create(
        year=year,
        defaults={
            "review_upheld": 2,
            "review_corrected": 1,
            "review_pending": 1,
            "direct_upheld": 1,
            "after_review_upheld": 1,
            "licensing_decisions": 1846,
            "penalty_decisions": 23,
            "coercion_decisions": 0,
            "fees_amount": Decimal("0"),
            "overview": (
                f"{year}年，区人社局坚持以公开为常态、不公开为例外，围绕就业创业、"
                "社会保险、劳动关系等重点领域深化政务公开，依法规范办理政府信息公开申请，"
                "持续提升政策解读质量和政民互动水平。"
            ),
            "problems": (
                "部分政策解读形式较为单一，依申请公开答复的规范化水平仍有提升空间。"
                "下一步将加强业务培训，完善答复模板和法制审核机制。"
            ),
            # The 信息处理费 figures come from the applications' fee records.
            "other_matters": "本年度政务公开工作要点落实情况已在区政府门户网站公开。",
        },
    )
    return created
