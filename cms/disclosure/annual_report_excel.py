"""The annual report as an Excel workbook: the six sections on one sheet, in order."""

from __future__ import annotations

import io

from .annual_report import AnnualReport, report_title
from .annual_report_layout import Table, incomplete_warning, report_sections

WIDTH = 15


def _write_table(sheet, table: Table, row: int, border, centered) -> int:
    """Write the table from `row`, merged cells as in the template; the next row."""
    from openpyxl.styles import Font

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
    return row


def workbook(report: AnnualReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"{report.year}年度报告"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped = Alignment(wrap_text=True, vertical="top")

    def line(row: int, text: str, **font) -> None:
        cell = sheet.cell(row, 1, text)
        cell.alignment = wrapped
        if font:
            cell.font = Font(**font)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=WIDTH)

    line(1, report_title(report.year), size=14, bold=True)
    row = 3
    warning = incomplete_warning(report)
    if warning:
        line(row, warning, bold=True, color="B00000")
        row += 2
    for section in report_sections(report):
        sheet.cell(row, 1, section.title).font = Font(size=12, bold=True)
        row += 1
        for paragraph in section.paragraphs:
            line(row, paragraph)
            row += 1
        if section.table is not None:
            row = _write_table(sheet, section.table, row, border, centered)
        row += 1
    for column in range(1, WIDTH + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 18
    sheet.column_dimensions["C"].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
