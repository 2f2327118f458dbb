"""manage.py import_fiscal_disclosures FILE [--no-index]"""

from __future__ import annotations

from cms.core.importing.command import ImportCommand

from ...importing import FiscalImporter


class Command(ImportCommand):
    help = (
        "导入财政信息（部门预算、部门决算、绩效自评、重点项目绩效评价）及主要数据："
        "按部门、年度和类别原地更新"
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="不立即更新搜索索引（之后运行 rebuild_search_index）",
        )

    def importer(self, *, no_index=False, **options):
        return FiscalImporter(index=not no_index)
