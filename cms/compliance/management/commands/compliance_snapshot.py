"""manage.py compliance_snapshot: record the inspection indicators now (the daily
task does it at 7:30), optionally for past days too, and send the digest."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...services import send_digest, take_snapshot


class Command(BaseCommand):
    help = (
        "计算并记录网站检查指标（可补记此前若干天，按当日已发布的内容计算），可发送日报"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="检查日 YYYY-MM-DD（默认今天）")
        parser.add_argument(
            "--days", type=int, default=1, help="连同此前共记录多少天（默认 1）"
        )
        parser.add_argument(
            "--digest", action="store_true", help="记录后向责任科室发送检查日报"
        )

    def handle(self, *args, date, days, digest, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD，不能是“{date}”") from None
        if not 1 <= days <= 366:
            raise CommandError("--days 应在 1 到 366 之间")
        for offset in reversed(range(days)):
            day = today - datetime.timedelta(days=offset)
            snapshot = take_snapshot(today=day)
            states = [entry["state"] for entry in snapshot.values.values()]
            self.stdout.write(
                f"{day}：不达标 {states.count('fail')} 项，预警 {states.count('warn')} 项"
            )
        if digest:
            sent = send_digest(today=today)
            self.stdout.write(f"已记入 {len(sent)} 份日报")
