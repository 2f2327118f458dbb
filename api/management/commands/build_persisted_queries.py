"""Regenerate api/persisted/manifest.json from api/persisted/operations/*.graphql."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.persisted import MANIFEST_PATH
from api.persisted import manifest as persisted_manifest


class Command(BaseCommand):
    help = "从 api/persisted/operations/*.graphql 生成持久化查询白名单 manifest.json。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="只检查 manifest.json 是否最新、查询是否仍符合当前 schema，不写文件。",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        try:
            manifest = persisted_manifest.build()
        except ValueError as error:
            raise CommandError(f"持久化查询不符合当前 schema：\n{error}") from error
        text = persisted_manifest.render(manifest)
        if check:
            current = MANIFEST_PATH.exists() and MANIFEST_PATH.read_text("utf-8")
            if current != text:
                raise CommandError(
                    f"{MANIFEST_PATH.name} 已过期，请运行 "
                    "python manage.py build_persisted_queries"
                )
            self.stdout.write(f"{MANIFEST_PATH.name} 是最新的。")
            return
        MANIFEST_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(
            f"已写入 {MANIFEST_PATH}（{len(manifest['operations'])} 个查询）。"
        )
