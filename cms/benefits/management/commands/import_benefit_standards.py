"""manage.py import_benefit_standards FILE: 待遇标准调整 from CSV, Excel or JSONL."""

from __future__ import annotations

from cms.core.importing.command import ImportCommand

from ...importing import BenefitStandardImporter


class Command(ImportCommand):
    help = "导入待遇标准调整（每行一条标准；按待遇项目、类别和执行起始日原地更新）"

    def importer(self, **options) -> BenefitStandardImporter:
        return BenefitStandardImporter()
