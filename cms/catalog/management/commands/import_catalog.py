"""manage.py import_catalog 目录.xlsx: the standard catalog in the published layout."""

from __future__ import annotations

from pathlib import Path

from cms.core.importing.command import ImportCommand
from cms.core.importing.sources import read_file

from ...importing import CatalogImporter, read_catalog_xlsx


class Command(ImportCommand):
    help = "导入政务公开标准目录（Excel 为标准指引的两行表头格式；也可用 CSV、JSONL）"

    def read_source(self, path: Path, format: str | None):  # noqa: A002
        if (format or path.suffix.lower().lstrip(".")) == "xlsx":
            return read_catalog_xlsx(path.read_bytes())
        return read_file(path, format=format)

    def importer(self, **options):
        return CatalogImporter()
