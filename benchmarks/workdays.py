"""Working-day calendar speed: N add_working_days(…, 20) calls, as a dashboard makes.

    .venv/bin/python benchmarks/workdays.py            # 10,000 calls
    .venv/bin/python benchmarks/workdays.py --calls 100000
    .venv/bin/python benchmarks/workdays.py --check-every-call  # cache lookup per call

Runs against an in-memory SQLite database holding only the calendar's two tables,
with 30 overrides; prints the cold call (loads the overrides), the warm total and
the per-call cost, for start dates spread over 2025-2027 (2027 is provisional,
estimated from the national holiday rules), and the cost of that estimate per year.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument(
        "--check-every-call",
        action="store_true",
        help="compare with the shared cache version on every call (as under tests)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    if args.check_every_call:
        settings.WORKDAYS_CACHE_CHECK_SECONDS = 0
    from django.db import connection

    from cms.workdays import calendar
    from cms.workdays.models import CalendarOverride, CalendarYear

    with connection.schema_editor() as editor:
        editor.create_model(CalendarOverride)
        editor.create_model(CalendarYear)
    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=date(2027, 2, 1) + timedelta(days=i), reason="bench")
        for i in range(30)
    )
    calendar.invalidate_cache()

    starts = [date(2025, 1, 1) + timedelta(days=i % 1000) for i in range(args.calls)]
    began = time.perf_counter()
    calendar.add_working_days(starts[0], 20)
    cold = time.perf_counter() - began
    began = time.perf_counter()
    provisional = sum(calendar.add_working_days(day, 20).provisional for day in starts)
    warm = time.perf_counter() - began
    from cms.workdays.statutory import statutory_holidays

    statutory_holidays.cache_clear()
    began = time.perf_counter()
    for year in range(2027, 2101):
        statutory_holidays(year)
    estimate = time.perf_counter() - began
    print(f"cold first call (load + build 1 year): {cold * 1000:.1f} ms")
    print(
        f"estimate 74 unpublished years (2027-2100, lunar dates, 补假): "
        f"{estimate * 1000:.1f} ms ({estimate / 74 * 1000:.2f} ms per year, cached)"
    )
    print(
        f"{args.calls:,} add_working_days(..., 20): {warm * 1000:.1f} ms "
        f"({warm / args.calls * 1e6:.2f} µs per call; {provisional:,} provisional)"
    )


if __name__ == "__main__":
    main()
