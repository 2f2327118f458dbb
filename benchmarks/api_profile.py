"""What one API request still spends its time on: an in-process profile.

    .venv/bin/python benchmarks/api_profile.py                 # 2,000 policies, SQLite
    .venv/bin/python benchmarks/api_profile.py --policies 200 --requests 100 \\
        --only "list uncached" --top 40

Loads the data of benchmarks/api.py into a scratch SQLite database (or the
PostgreSQL database ``--database-url`` names, created and dropped by the run),
then sends each scenario's GET through the whole Django stack (middleware, view,
GraphQL) with the test client, ``--requests`` times under cProfile, and prints
the wall time per request and the functions that take the most of it (own time
and cumulative). No server, no network: what remains is the application's own
cost. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if sys.path and Path(sys.path[0]).resolve() == HERE:
    sys.path[0] = str(ROOT)

from benchmarks.api import home_query, scenarios, server_env  # noqa: E402
from benchmarks.api_infra import ScratchDatabase, free_port  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--policies", type=int, default=2000)
    parser.add_argument("--interpretation-every", type=int, default=4)
    parser.add_argument("--database-url", help="postgres://.../<database to create>")
    parser.add_argument(
        "--keep",
        type=Path,
        help="a SQLite file to load once and reuse on later runs (not removed)",
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", help="comma-separated parts of scenario names")
    parser.add_argument("--top", type=int, default=25, help="functions shown")
    parser.add_argument(
        "--sort", default="tottime", choices=["tottime", "cumulative"], help="order"
    )
    args = parser.parse_args()
    args.redis_url = None
    return args


def run(args, database: ScratchDatabase, directory: Path) -> None:
    port = free_port()
    os.environ.clear()
    os.environ.update(server_env(args, database, directory, port))
    # Profiling slows every call several times: no time budget to run out of.
    os.environ["GRAPHQL_TIME_BUDGET"] = "0"
    database.create()
    import django

    django.setup()
    from django.test import Client

    from api.schema import schema
    from benchmarks.api_data import load
    from cms.policies.models import PolicyPage

    if args.keep and args.keep.exists():
        detail_id = PolicyPage.objects.order_by("pk").values_list("pk", flat=True)[0]
        print(f"Reusing {args.keep} ({PolicyPage.objects.count()} policies)")
    else:
        loaded = load(
            args.policies, interpretation_every=args.interpretation_every, port=port
        )
        detail_id = loaded.detail_policy_id
    home, _dropped = home_query(schema)
    items = [
        item
        for item in scenarios(detail_id, home, peer=False)
        if not args.only
        or any(p.strip().lower() in item.name.lower() for p in args.only.split(","))
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    for item in items:
        for n in range(5):  # warm: imports, caches, connections
            client.get(item.url(f"warm-{n}"))
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for n in range(args.requests):
            response = client.get(item.url(f"p-{n}"))
        profile.disable()
        elapsed = time.perf_counter() - started
        print(
            f"\n=== {item.name}: {elapsed * 1000 / args.requests:.2f} ms per request "
            f"(profiled, in-process, HTTP {response.status_code}) ==="
        )
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(args.sort).print_stats(args.top)
        text = out.getvalue()
        print(text[text.find("   ncalls") :].replace(str(ROOT) + "/", ""))


def main() -> None:
    args = parse_args()
    directory = Path(tempfile.mkdtemp(prefix="zwgk-bench-profile-"))
    url = f"sqlite:///{args.keep.resolve()}" if args.keep else args.database_url
    database = ScratchDatabase(url, directory)
    try:
        run(args, database, directory)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        database.drop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
