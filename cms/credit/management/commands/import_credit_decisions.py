"""manage.py import_credit_decisions FILE [--kind 行政许可|行政处罚] [--draft]"""

from __future__ import annotations

from django.core.management.base import CommandError

from cms.core.importing.command import ImportCommand

from ...importing import KINDS, DecisionImporter


class Command(ImportCommand):
    help = "导入行政许可、行政处罚决定（双公示）：按文书号和类别原地更新"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--kind",
            help="文件中没有“决定类别”列时，所有行的类别：行政许可 或 行政处罚",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="新建的决定暂不公示（默认导入即公示）",
        )

    def importer(self, *, kind=None, draft=False, **options):
        if kind is not None and kind not in KINDS:
            raise CommandError("--kind 应为 行政许可 或 行政处罚")
        return DecisionImporter(kind=KINDS.get(kind), publish=not draft)
