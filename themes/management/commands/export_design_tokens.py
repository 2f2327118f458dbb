"""export_design_tokens: write each channel's design tokens as JSON for the frontends."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from themes import THEMES
from themes.tokens import theme_tokens


class Command(BaseCommand):
    help = "导出前端设计令牌（颜色、字号、间距、图片尺寸、摘要长度）为 JSON。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--channel",
            choices=sorted(THEMES),
            help="只导出一个渠道；不指定时导出全部渠道，以渠道名为键。",
        )
        parser.add_argument(
            "-o",
            "--output",
            help="写入的文件路径；不指定时输出到标准输出。",
        )

    def handle(self, *args, channel: str | None, output: str | None, **options):
        if channel:
            data = theme_tokens(THEMES[channel])
        else:
            data = {name: theme_tokens(theme) for name, theme in THEMES.items()}
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not output:
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"目录不存在：{path.parent}")
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"已写入 {path}")
