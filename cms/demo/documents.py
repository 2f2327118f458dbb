"""Files for the demo built in memory: policy PDFs, the policy list XLSX, WebVTT captions.

PDFs use reportlab's built-in CID font STSong-Light, which needs no font file.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

CJK_FONT = "STSong-Light"


def _styles() -> dict[str, ParagraphStyle]:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    base = {"fontName": CJK_FONT, "wordWrap": "CJK"}
    return {
        "doc_number": ParagraphStyle(
            "doc_number", fontSize=12, leading=18, alignment=TA_CENTER, **base
        ),
        "title": ParagraphStyle(
            "title", fontSize=18, leading=28, alignment=TA_CENTER, spaceAfter=12, **base
        ),
        "body": ParagraphStyle(
            "body", fontSize=12, leading=22, firstLineIndent=24, spaceAfter=6, **base
        ),
        "heading": ParagraphStyle(
            "heading", fontSize=13, leading=24, spaceBefore=6, **base
        ),
        "meta": ParagraphStyle(
            "meta", fontSize=10, leading=16, textColor="#555555", **base
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            fontSize=15,
            leading=26,
            alignment=TA_CENTER,
            spaceBefore=18,
            spaceAfter=8,
            **base,
        ),
        "salutation": ParagraphStyle("salutation", fontSize=12, leading=22, **base),
        "signature": ParagraphStyle(
            "signature", fontSize=12, leading=22, alignment=TA_RIGHT, **base
        ),
    }


def policy_pdf(
    *, title: str, doc_number: str, paragraphs: list[tuple[str, str]], footer: str
) -> bytes:
    """A printable version of a policy.

    ``paragraphs`` are (kind, text); kind is title, heading, salutation, signature
    or body.
    """
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=28 * mm,
        title=title,
        author="闵行区人力资源和社会保障局",
    )
    story = []
    if doc_number:
        story.append(Paragraph(escape(doc_number), styles["doc_number"]))
        story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(escape(title), styles["title"]))
    for kind, text in paragraphs:
        style = styles.get("subtitle" if kind == "title" else kind, styles["body"])
        story.append(Paragraph(escape(text), style))
    story.append(Spacer(1, 10 * mm))
    story.append(Paragraph(escape(footer), styles["meta"]))
    document.build(story)
    return buffer.getvalue()


def policy_list_xlsx(*, title: str, columns: list[str], rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "政策清单"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(columns)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    widths = [6, 20, 30, 40, 26, 14, 22]
    for index, width in enumerate(widths[: len(columns)], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    workbook.properties.creator = "闵行区人力资源和社会保障局"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _timestamp(seconds: float) -> str:
    whole = int(seconds)
    millis = int(round((seconds - whole) * 1000))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"


def webvtt(cues: list[list]) -> bytes:
    lines = ["WEBVTT", "Kind: captions", "Language: zh-Hans", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", text, ""]
    return "\n".join(lines).encode("utf-8")
