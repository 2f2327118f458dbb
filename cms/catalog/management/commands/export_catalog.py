"""manage.py export_catalog 目录.xlsx: the catalog in the published layout."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from ...importing import export_catalog_xlsx
from ...selectors import catalog_items


class Command(BaseCommand):
    help = "按标准指引的表格格式导出政务公开标准目录（Excel）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="导出的 .xlsx 文件")

    def handle(self, *args, file, **options):
        items = list(catalog_items())
        Path(file).write_bytes(export_catalog_xlsx(items))
        self.stdout.write(self.style.SUCCESS(f"已导出 {len(items)} 项到 {file}"))
