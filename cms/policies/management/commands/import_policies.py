"""``manage.py import_policies FILE.jsonl``: bulk import of policies already public."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.policies.importing import ImportRecordError, import_policy_lines
from cms.policies.models import PolicyIndexPage


class Command(BaseCommand):
    help = (
        "从 JSONL 文件（每行一个 JSON 对象）批量导入已公开的政策文件并直接发布。"
        "可重复执行：按索引号、发文字号或标题与成文日期更新已有政策。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL 文件路径，UTF-8 编码")
        parser.add_argument(
            "--parent", type=int, help="新政策放入的政策文件库页面 ID（默认第一个）"
        )
        parser.add_argument("--user", help="记入操作日志的用户名（默认不记用户）")
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="显示进度条（默认在终端中显示）",
        )

    def handle(self, *args, file, parent, user, progress, **options):
        lines = self._read_lines(Path(file))
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
        if progress is None:
            progress = self.stderr.isatty()

        try:
            report = import_policy_lines(
                lines, parent=parent_page, user=user_obj, progress=progress
            )
        except ImportRecordError as error:
            raise CommandError(str(error)) from None

        for error in report.errors:
            self.stderr.write(str(error))
        style = self.style.WARNING if report.errors else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.errors:
            raise CommandError(
                f"{report.failed} 行未能导入，其余各行已导入", returncode=1
            )

    def _read_lines(self, path: Path) -> list[str]:
        try:
            with path.open(encoding="utf-8-sig") as handle:
                return handle.readlines()
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except UnicodeDecodeError:
            raise CommandError(f"文件不是 UTF-8 编码：{path}") from None
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from None
