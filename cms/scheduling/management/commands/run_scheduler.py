"""Run the scheduler: enqueue the periodic tasks of cms/scheduling/schedule.py."""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.scheduling.schedule import PERIODIC_TASKS
from cms.scheduling.scheduler import build_scheduler, next_run


class Command(BaseCommand):
    help = "按 cms/scheduling/schedule.py 的计划定时提交后台任务（常驻运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--list", action="store_true", help="列出计划任务和下次运行时间，然后退出。"
        )
        parser.add_argument(
            "--run-now",
            action="store_true",
            help="启动时先把每个计划任务各提交一次。",
        )
        parser.add_argument(
            "--stop-after",
            type=float,
            default=None,
            metavar="SECONDS",
            help="运行指定秒数后退出（用于检查部署）。",
        )

    def handle(self, *args, **options):
        timezone = settings.TIME_ZONE
        if options["list"]:
            for entry in PERIODIC_TASKS:
                upcoming = next_run(entry, timezone)
                self.stdout.write(
                    f"{entry.cron:<15} {upcoming:%Y-%m-%d %H:%M}  {entry.name}  "
                    f"{entry.description}"
                )
            return
        scheduler = build_scheduler(
            PERIODIC_TASKS, timezone=timezone, run_now=options["run_now"]
        )
        stopper = None
        if options["stop_after"] is not None:
            stopper = threading.Timer(
                options["stop_after"], scheduler.shutdown, kwargs={"wait": False}
            )
            stopper.start()
        previous = signal.signal(
            signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False)
        )
        self.stdout.write(f"计划任务 {len(PERIODIC_TASKS)} 项，时区 {timezone}。")
        try:
            scheduler.start()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            if stopper is not None:
                stopper.cancel()
