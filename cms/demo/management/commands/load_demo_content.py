"""``manage.py load_demo_content``: realistic demo content, safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cms.core.importing import RowError
from cms.demo.loader import load_demo_content
from cms.review.mixins import PublishRefused


class Command(BaseCommand):
    help = "加载演示内容（政策文件、政策解读、集成式发布、政府开放活动及配图附件），可重复执行。"

    def handle(self, *args, **options):
        try:
            report = load_demo_content()
        except (RowError, PublishRefused) as error:
            raise CommandError(
                f"演示内容加载失败，本次写入的演示内容已回滚：{error}"
            ) from error
        self.stdout.write(self.style.SUCCESS("演示内容已就绪："))
        for line in report.lines():
            self.stdout.write(f"  {line}")
