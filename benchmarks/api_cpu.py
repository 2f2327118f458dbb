"""CPU time per API request, in-process: a steadier figure than wall clock on a shared machine.

    .venv/bin/python benchmarks/api_cpu.py --keep /tmp/bench.sqlite3
    .venv/bin/python benchmarks/api_cpu.py --keep /tmp/bench.sqlite3 --requests 200 \\
        --rounds 5 --only "list uncached,detail uncached" --check-same out.json

Sends each scenario's GET of benchmarks/api.py through the whole Django stack
(middleware, view, GraphQL) with the test client, ``--requests`` times per round,
and prints the process CPU time per request (``time.process_time()``), the best
and the median of ``--rounds`` rounds. Other processes' load inflates wall clock
but much less this process's own CPU time, so two code versions run one after the
other on the same kept data compare fairly (the minimum is the least disturbed
round). The objects loaded at start-up are frozen out of the garbage collector,
as the wsgi module does in production. ``--check-same FILE`` writes the response
bodies (first run) or compares them with the file (later runs), so an A/B of two
code versions also shows the answers did not change. Asserts nothing else.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
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
    parser.add_argument(
        "--keep",
        type=Path,
        required=True,
        help="a SQLite file benchmarks/api.py --keep loaded (reused, not removed)",
    )
    parser.add_argument("--requests", type=int, default=200, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--only",
        default="list uncached,detail uncached,home uncached",
        help="comma-separated parts of scenario names",
    )
    parser.add_argument(
        "--check-same",
        type=Path,
        help="a JSON file of response bodies to write/compare",
    )
    args = parser.parse_args()
    args.redis_url = None
    return args


def bodies(client, items, detail_ids) -> dict[str, object]:
    """Each GraphQL scenario's response body, for several detail pages."""
    seen = {}
    for detail_id in detail_ids:
        for item in items(detail_id):
            if item.graphql:
                response = client.get(item.url(f"same-{detail_id}"))
                seen[f"{item.name} {detail_id}"] = json.loads(response.content)
    return seen


def run(args, directory: Path) -> None:
    database = ScratchDatabase(f"sqlite:///{args.keep.resolve()}", directory)
    os.environ.clear()
    os.environ.update(server_env(args, database, directory, free_port()))
    os.environ["GRAPHQL_TIME_BUDGET"] = "0"  # CPU time, not a limit, is measured
    import django

    django.setup()
    from django.test import Client

    from api.schema import schema
    from cms.policies.models import PolicyPage

    ids = list(PolicyPage.objects.order_by("pk").values_list("pk", flat=True)[:5])
    home, _dropped = home_query(schema)
    wanted = [part.strip().lower() for part in args.only.split(",")]

    def items(detail_id):
        return [
            item
            for item in scenarios(detail_id, home, peer=False)
            if any(part in item.name.lower() for part in wanted)
        ]

    client = Client(HTTP_HOST="127.0.0.1")
    if args.check_same:
        seen = bodies(client, items, ids)
        if args.check_same.exists():
            kept = json.loads(args.check_same.read_text())
            differ = sorted(
                k for k in kept.keys() | seen.keys() if kept.get(k) != seen.get(k)
            )
            print("same bodies" if not differ else f"BODIES DIFFER: {differ}")
        else:
            args.check_same.write_text(json.dumps(seen, ensure_ascii=False, indent=1))
            print(f"bodies written to {args.check_same}")
    for item in items(ids[0]):
        for n in range(5):  # warm: imports, caches, connections
            client.get(item.url(f"warm-{n}"))
    gc.collect()
    gc.freeze()
    for item in items(ids[0]):
        per_request = []
        for round_ in range(args.rounds):
            started = time.process_time()
            for n in range(args.requests):
                response = client.get(item.url(f"r{round_}-{n}"))
            per_request.append((time.process_time() - started) * 1000 / args.requests)
            if response.status_code != 200:
                raise SystemExit(f"{item.name}: HTTP {response.status_code}")
        print(
            f"{item.name:28} CPU ms/request: min {min(per_request):6.2f}  "
            f"median {statistics.median(per_request):6.2f}  "
            f"({args.rounds} x {args.requests})"
        )


def main() -> None:
    args = parse_args()
    directory = Path(tempfile.mkdtemp(prefix="zwgk-bench-cpu-"))
    try:
        run(args, directory)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
