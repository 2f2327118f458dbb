"""manage.py import_policy_list FILE: the 就业创业政策清单 from CSV, Excel or JSONL."""

from __future__ import annotations

from cms.core.importing.command import ImportCommand

from ...importing import PolicyListImporter


class Command(ImportCommand):
    help = "导入就业创业政策清单（每行一项；“条件”列的写法见 cms/policylist/syntax.py）"

    def importer(self, **options) -> PolicyListImporter:
        return PolicyListImporter()
