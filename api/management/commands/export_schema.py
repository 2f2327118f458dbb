"""Write the API contract, schema.graphql at the repository root (``make schema``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


def schema_text() -> str:
    from api.schema import schema

    return schema.as_str() + "\n"


class Command(BaseCommand):
    help = "把 GraphQL schema 写入仓库根目录的 schema.graphql。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="只检查文件是否最新，不写文件。"
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = schema_text()
        if check:
            if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text("utf-8") != text:
                raise CommandError("schema.graphql 已过期，请运行 make schema")
            self.stdout.write("schema.graphql 是最新的。")
            return
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"已写入 {SCHEMA_FILE}")
