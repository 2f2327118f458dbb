"""Retry staff notifications that are due (run from cron when tasks cannot defer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cms.participation.notifications import attempt_delivery, due_notifications


class Command(BaseCommand):
    help = "重试到期未发送的工作人员通知。"

    def handle(self, *args, **options):
        outcomes = {"sent": 0, "failed": 0}
        for notification in due_notifications().order_by("pk"):
            outcomes[attempt_delivery(notification)] += 1
        self.stdout.write(
            f"已发送 {outcomes['sent']} 条，失败 {outcomes['failed']} 条。"
        )
