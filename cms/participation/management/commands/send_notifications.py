"""Send the staff notifications that are due now (what the retry sweep does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.participation.notifications import SWEEP_BATCH, deliver_due


class Command(BaseCommand):
    help = "重试到期未发送的工作人员通知（run_scheduler 每分钟自动执行；此命令供手动使用）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=SWEEP_BATCH,
            help=f"本次最多尝试的条数（默认 {SWEEP_BATCH}）。",
        )

    def handle(self, *args, **options):
        outcomes = deliver_due(limit=options["limit"])
        self.stdout.write(
            f"已发送 {outcomes['sent']} 条，失败 {outcomes['failed']} 条。"
        )
