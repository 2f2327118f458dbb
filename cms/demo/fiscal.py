"""Demo 财政信息: the bureau's 部门预算 and 部门决算 for three years, a 绩效自评 and a
重点项目绩效评价, each with its key figures and its tables (an Excel workbook and a
PDF 说明) made locally; the 2026 绩效自评 is approved but not yet disclosed.

Found again by kind, year and title: loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from cms.fiscal.models import FiscalAttachment, FiscalDisclosure, FiscalFigure, Kind
from cms.taxonomy.models import Organization

from .documents import policy_pdf
from .media import MediaLibrary

D = datetime.date
BUREAU = "闵行区人力资源和社会保障局"
DEPARTMENT = "办公室"

# (kind, year, approved, disclosed or None, published, figures in 万元)
DISCLOSURES = (
    (
        Kind.BUDGET,
        2024,
        D(2024, 1, 19),
        D(2024, 2, 6),
        True,
        (("收入合计", "11872.35"), ("支出合计", "11872.35"), ("三公经费", "21.40")),
    ),
    (
        Kind.BUDGET,
        2025,
        D(2025, 1, 22),
        D(2025, 2, 10),
        True,
        (("收入合计", "12416.08"), ("支出合计", "12416.08"), ("三公经费", "19.80")),
    ),
    (
        Kind.BUDGET,
        2026,
        D(2026, 1, 21),
        D(2026, 2, 9),
        True,
        (("收入合计", "12850.40"), ("支出合计", "12850.40"), ("三公经费", "18.60")),
    ),
    (
        Kind.FINAL_ACCOUNTS,
        2023,
        D(2024, 8, 9),
        D(2024, 8, 27),
        True,
        (("收入合计", "11530.62"), ("支出合计", "11498.17"), ("三公经费", "17.95")),
    ),
    (
        Kind.FINAL_ACCOUNTS,
        2024,
        D(2025, 8, 12),
        D(2025, 9, 3),
        True,
        (("收入合计", "11904.17"), ("支出合计", "11861.52"), ("三公经费", "18.33")),
    ),
    (
        Kind.SELF_EVALUATION,
        2024,
        D(2025, 8, 12),
        D(2025, 8, 29),
        True,
        (("评价项目数", "14"), ("平均得分", "92.60")),
    ),
    (
        Kind.PROJECT_EVALUATION,
        2024,
        D(2025, 9, 15),
        D(2025, 9, 30),
        True,
        (("项目预算", "1860.00"), ("实际支出", "1792.45"), ("评价得分", "88.50")),
    ),
    (Kind.SELF_EVALUATION, 2025, D(2026, 11, 20), None, False, (("评价项目数", "15"),)),
)

UNITS = {"评价项目数": "个", "平均得分": "分", "评价得分": "分"}


def _title(kind: Kind, year: int) -> str:
    if kind == Kind.PROJECT_EVALUATION:
        return f"{year}年度职业技能提升补贴项目绩效评价报告"
    return f"{BUREAU}{year}年度{kind.label}"


def _tables_xlsx(title: str, figures) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "公开表"
    sheet.append([title])
    sheet["A1"].font = Font(size=14, bold=True)
    sheet.append(["项目", "金额", "单位"])
    for name, amount in figures:
        sheet.append([name, float(Decimal(amount)), UNITS.get(name, "万元")])
    sheet.column_dimensions["A"].width = 24
    workbook.properties.creator = BUREAU
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _explanation_pdf(title: str, figures) -> bytes:
    lines = [
        ("heading", "一、基本情况"),
        ("body", f"本表为{title}，按区财政局批复的口径编制，金额单位为万元。"),
        ("heading", "二、主要数据"),
        *(
            ("body", f"{name}：{amount}{UNITS.get(name, '万元')}。")
            for name, amount in figures
        ),
    ]
    return policy_pdf(
        title=f"{title}说明", doc_number="", paragraphs=lines, footer=BUREAU
    )


def load_fiscal_demo(media: MediaLibrary) -> int:
    department = Organization.objects.filter(name=DEPARTMENT).first()
    created = 0
    for kind, year, approved, disclosed, published, figures in DISCLOSURES:
        title = _title(kind, year)
        if FiscalDisclosure.objects.filter(kind=kind, year=year, title=title).exists():
            continue
        disclosure = FiscalDisclosure(
            kind=kind,
            year=year,
            title=title,
            approval_date=approved,
            disclosed_on=disclosed,
            published=published,
            department=department,
        )
        disclosure.figures = [
            FiscalFigure(
                name=name, amount=Decimal(amount), unit=UNITS.get(name, "万元")
            )
            for name, amount in figures
        ]
        slug = f"fiscal-{kind.value}-{year}"
        disclosure.attachments = [
            FiscalAttachment(
                document=media.document(
                    title=f"{title}公开表",
                    filename=f"{slug}.xlsx",
                    make=lambda t=title, f=figures: _tables_xlsx(t, f),
                ),
                title="公开表（Excel）",
            ),
            FiscalAttachment(
                document=media.document(
                    title=f"{title}说明",
                    filename=f"{slug}.pdf",
                    make=lambda t=title, f=figures: _explanation_pdf(t, f),
                ),
                title="编制说明（PDF）",
            ),
        ]
        disclosure.full_clean()
        disclosure.save()
        created += 1
    return created
