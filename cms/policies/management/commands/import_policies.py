"""``manage.py import_policies FILE``: bulk import of policies already public, from
CSV, Excel (.xlsx) or JSON Lines (cms/policies/importing.py)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from cms.core.importing.command import ImportCommand
from cms.policies.importing import PolicyImporter
from cms.policies.models import PolicyIndexPage


class Command(ImportCommand):
    help = (
        "从 CSV、Excel（.xlsx）或 JSONL 文件批量导入已公开的政策文件并直接发布。"
        "可重复执行：按索引号、发文字号或标题与成文日期更新已有政策。"
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--parent", type=int, help="新政策放入的政策文件库页面 ID（默认第一个）"
        )
        parser.add_argument("--user", help="记入操作日志的用户名（默认不记用户）")

    def importer(self, *, parent, user, **options) -> PolicyImporter:
        parent_page = None
        if parent is not None:
            parent_page = PolicyIndexPage.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"找不到 ID 为 {parent} 的政策文件库页面")
        user_obj = None
        if user:
            user_obj = get_user_model().objects.filter(username=user).first()
            if user_obj is None:
                raise CommandError(f"找不到用户：{user}")
        return PolicyImporter(parent=parent_page, user=user_obj)
