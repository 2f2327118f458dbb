"""API throughput: GraphQL against wagtail-grapple, Wagtail's REST API v2 and a
trivial Django view.

    .venv/bin/python benchmarks/api.py --workers 1           # 2,000 policies, SQLite
    .venv/bin/python benchmarks/api.py --workers 1 --keep /tmp/bench.sqlite3  # reuse
    .venv/bin/python benchmarks/api.py --no-peer              # without grapple
    .venv/bin/python benchmarks/api.py --policies 200 --repeat 1   # a quick look
    .venv/bin/python benchmarks/api.py \\
        --database-url postgres://postgres@127.0.0.1:5432/zwgk_bench_api
    .venv/bin/python benchmarks/api.py --only "list,trivial" --show-sql

One run creates a scratch database (a SQLite file in a temporary directory, or the
PostgreSQL database named by ``--database-url``, which must not exist yet: the run
creates and drops it), migrates, runs setup_cms and loads N policies (one
interpretation per 4 policies, topics, issuing organizations, audiences, bodies
of about 2,000 characters citing an older policy) plus a few releases and events.
It serves the app with gunicorn on a free loopback port (DEBUG off; settings in
benchmarks/settings.py, URLs in benchmarks/api_urls.py) and loads it from a
second process (wrk when installed, else the http.client client in
benchmarks/api_load.py), scenario after scenario, ``--repeat`` rounds:

- GraphQL over GET: (a) a list of 20 policies with topics, organizations and
  interpretation titles, (b) one policy with its full body, (c) the home page's
  aggregate query; each *uncached* (every request carries a variable no other
  request has, so the response cache misses) and *cached* (the same GET again);
- Wagtail's REST API v2 serving the same pages and fields for (a) and (b), its
  queryset prefetched (benchmarks/api_rest.py);
- a trivial Django view returning a small JSON, the ceiling;
- the peer, wagtail-grapple 0.31 (``grapple list``, ``grapple detail``): the same
  policies and fields in grapple's query shape, served by a second gunicorn with
  the same settings and worker count from its own virtualenv, ``.bench-venvs/
  grapple`` (gitignored; the first run builds it with pip from PyPI: the project
  editable plus wagtail-grapple; benchmarks/grapple_peer.py declares the fields).
  Its scenarios interleave with ours in every round, so both see the same load.

It prints, per scenario, requests/s with p50/p95 latency (median round), the
server's CPU time per request (all gunicorn processes; much steadier than
requests/s when other work shares the machine), the SQL queries one request runs,
and the ratios the issue targets (issue 12): uncached list at least as fast as REST,
cached at least 90% of the trivial view; against grapple, the uncached list at
most 0.5x its CPU per request and at least 2x its requests/s, the detail (typed
body) within 1.5x grapple's (string body); and the largest worker's RSS after the
load (target < 200 MiB). Report the load average with the figures. It asserts nothing, is bounded in requests and
seconds, and removes the server, database and temporary directory when done.

The query texts are just below: edit them when the schema changes. Parts of the
home query the schema does not have are left out and reported; a scenario that
answers with errors is skipped and reported.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this directory would come first on sys.path and this module
# would shadow the project's ``api`` package.
if sys.path and Path(sys.path[0]).resolve() == HERE:
    sys.path[0] = str(ROOT)

from benchmarks import api_load  # noqa: E402
from benchmarks.api_infra import (  # noqa: E402
    ScratchDatabase,
    Server,
    free_port,
    probe,
    problem,
)
from benchmarks.api_load import CACHE_HEADER, NONCE, Load  # noqa: E402
from benchmarks.api_report import (  # noqa: E402
    TRIVIAL,
    Measurement,
    print_ratios,
    print_table,
    summarize,
)

# --- The queries: edit these when the schema changes -----------------------------

LIST_QUERY = """
query PolicyList {
  policies(first: 20) {
    totalCount
    edges { node {
      id title url docNumber indexNumber publishDate
      topics { name }
      issuingOrganizations { name }
      interpretations { title }
    } }
  }
}
"""

DETAIL_QUERY = """
query PolicyDetail($id: ID!) {
  page(id: $id) {
    id title url
    ... on PolicyPage {
      docNumber indexNumber writtenDate publishDate summary
      topics { name }
      issuingOrganizations { name }
      interpretations { title }
      body {
        __typename
        ... on HeadingBlock { text level }
        ... on ParagraphBlock { value }
        ... on CalloutBlock { style title text }
      }
    }
  }
}
"""

# The home page's aggregate query, one root field per part; parts the schema does
# not (yet) have are dropped and reported rather than failing the run.
HOME_PARTS = {
    "latestPolicies": """latestPolicies: policies(first: 8) { edges { node {
        id title url docNumber publishDate validity topics { name } } } }""",
    "latestInterpretations": """latestInterpretations: interpretations(first: 6) {
        edges { node { id title url publishDate role formats
        policies { id title } } } }""",
    "releases": """releases(first: 4) { edges { node { id title url theme summary } } }""",
    "upcomingEvents": """upcomingEvents: events(first: 4, filter: {upcoming: true},
        order: START_AT_ASC) { edges { node { id title url startAt venueName status
        registrationIsOpen } } }""",
    "topics": """topics { id name slug children { id name slug } }""",
    "siteSettings": """siteSettings { siteName footer disclosureNotice
        contact { phone email address officeHours } }""",
}

# The same pages and fields from wagtail-grapple 0.31 in its own shape (the peer:
# benchmarks/grapple_peer.py declares the fields). Grapple has no response cache.
GRAPPLE_LIST_QUERY = """
query GrappleList {
  pages(
    contentType: "policies.PolicyPage", limit: 20,
    order: "-policypage__publish_date,-id"
  ) {
    id title url
    ... on PolicyPage {
      docNumber indexNumber publishDate
      topics { name }
      issuers { organization { name } }
      interpretationLinks { page { title } }
    }
  }
}
"""

GRAPPLE_DETAIL_QUERY = """
query GrappleDetail($id: ID!) {
  page(id: $id) {
    id title url
    ... on PolicyPage {
      docNumber indexNumber writtenDate publishDate summary
      topics { name }
      issuers { organization { name } }
      interpretationLinks { page { title } }
      body
    }
  }
}
"""
GRAPPLE_PACKAGE = "wagtail-grapple==0.31.0"
PEER_VENV = ROOT / ".bench-venvs" / "grapple"

# The same pages and fields from Wagtail's REST API v2 (see benchmarks/api_rest.py).
REST_LIST = (
    "/api/v2/policies/?limit=20&fields=doc_number,index_number,publish_date,"
    "topic_names,issuing_organizations,interpretation_titles"
)
REST_DETAIL = "/api/v2/policies/{id}/?fields=-parent&rich_text_format=html"
TRIVIAL_PATH = "/bench/trivial/"  # served by benchmarks/api_urls.py


# --- Scenarios ---------------------------------------------------------------------


def graphql_path(query: str, variables: dict | None = None) -> str:
    params = {"query": " ".join(query.split())}
    if variables:
        params["variables"] = json.dumps(variables, separators=(",", ":"))
    return "/graphql/?" + urllib.parse.urlencode(params)


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    peer: bool = False  # served by the grapple peer server

    @property
    def graphql(self) -> bool:
        return self.path.startswith("/graphql/") and not self.peer

    def url(self, nonce: str) -> str:
        return self.path.replace(NONCE, nonce)


def home_query(schema) -> tuple[str, list[str]]:
    """The home query from the parts the schema accepts, and the names left out."""
    from graphql import parse, validate

    kept, dropped = [], []
    for name, part in HOME_PARTS.items():
        if validate(schema._schema, parse(f"query {{ {part} }}")):
            dropped.append(name)
        else:
            kept.append(part)
    return "query Home {\n" + "\n".join(kept) + "\n}", dropped


def scenarios(detail_id: int, home: str, *, peer: bool) -> list[Scenario]:
    # Declared by no operation, so GraphQL ignores it; a cache keyed on the
    # variables cannot have seen it before.
    nonce = {"nonce": NONCE}
    detail = {"id": str(detail_id)}
    return [
        Scenario("GraphQL list uncached", graphql_path(LIST_QUERY, nonce)),
        Scenario("GraphQL list cached", graphql_path(LIST_QUERY)),
        Scenario("REST v2 list", REST_LIST),
        Scenario("GraphQL detail uncached", graphql_path(DETAIL_QUERY, detail | nonce)),
        Scenario("GraphQL detail cached", graphql_path(DETAIL_QUERY, detail)),
        Scenario("REST v2 detail", REST_DETAIL.format(id=detail_id)),
        Scenario("GraphQL home uncached", graphql_path(home, nonce)),
        Scenario("GraphQL home cached", graphql_path(home)),
        Scenario(TRIVIAL, TRIVIAL_PATH),
    ] + (
        [
            Scenario("grapple list", graphql_path(GRAPPLE_LIST_QUERY), peer=True),
            Scenario(
                "grapple detail",
                graphql_path(GRAPPLE_DETAIL_QUERY, detail),
                peer=True,
            ),
        ]
        if peer
        else []
    )


# --- Checks and measurements ------------------------------------------------------------


def sql_counts(items: list[Scenario], show_sql: bool) -> dict[str, int]:
    """SQL queries one request of each scenario runs (in-process, Django test client).

    The second of two requests is counted, so per-process caches are warm and a
    cached scenario shows what a response-cache hit costs.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for item in items:
        if item.peer:  # another process, another virtualenv: not counted here
            continue
        client.get(item.url("sql-warm"))
        with CaptureQueriesContext(connection) as captured:
            client.get(item.url("sql-count"))
        counts[item.name] = len(captured.captured_queries)
        if show_sql:
            print(f"\n-- {item.name}: {counts[item.name]} queries")
            for query in captured.captured_queries:
                print(f"   [{query['time']} s] {query['sql'][:600]}")
    return counts


def check(
    ports: dict[bool, int], items: list[Scenario], repeats: int = 6
) -> list[Scenario]:
    """The scenarios that answer 200 without errors. GraphQL ones are sent a few
    more times, to show what the response cache makes of them (X-GraphQL-Cache;
    with LocMem each worker has its own cache, so a repeat can still miss)."""
    usable, notes, cache_control = [], [], "-"
    for item in items:
        port = ports[item.peer]
        status, headers, body = probe(port, item.url("check"))
        if issue := problem(status, body):
            print(f"SKIPPED {item.name}: {issue}")
            continue
        usable.append(item)
        if item.graphql:
            cache_control = headers.get("Cache-Control", "-")
            seen = Counter(
                probe(port, item.url(f"check-{n}"))[1].get(CACHE_HEADER, "none")
                for n in range(repeats)
            )
            counted = " ".join(f"{k} {v}" for k, v in sorted(seen.items()))
            notes.append(f"{item.name.removeprefix('GraphQL ')}: {counted}")
    if notes:
        print(f"GraphQL Cache-Control: {cache_control}")
        print(f"{CACHE_HEADER} of {repeats} repeats: " + "; ".join(notes))
    return usable


def measure(args, server: Server, item: Scenario) -> Measurement:
    """Load ``server`` (ours, or the peer for a peer scenario) with ``item``."""
    load = Load(
        port=server.port,
        path=item.path,
        concurrency=args.concurrency,
        requests=args.concurrency * args.requests,
        max_seconds=args.seconds,
        engine=args.client,
    )
    # The previous scenario's last requests finish before this one starts.
    server.wait_idle()
    # Every worker loads, connects and caches before the figures start.
    warm = replace(load, requests=load.concurrency * 5, max_seconds=10, engine="python")
    api_load.run_python(warm)
    server.wait_idle()
    cpu_before = server.cpu_seconds()
    if load.engine == "wrk":
        result = api_load.run_wrk(load)
    else:
        result = api_load.run_in_subprocess(load, cwd=ROOT)
    cpu_after = server.cpu_seconds()
    cpu_ms = math.nan
    if cpu_before is not None and cpu_after is not None and result.requests:
        cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
    return Measurement(result, cpu_ms)


# --- Command line ----------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="GraphQL vs Wagtail REST API v2 vs a trivial view, served by gunicorn."
    )
    parser.add_argument("--policies", type=int, default=2000)
    parser.add_argument("--interpretation-every", type=int, default=4)
    parser.add_argument("--database-url", help="postgres://.../<database to create>")
    parser.add_argument(
        "--keep",
        type=Path,
        help="a SQLite file to load once and reuse on later runs (not removed)",
    )
    parser.add_argument("--redis-url", help="keep the response cache in Redis")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="gthread only")
    parser.add_argument("--concurrency", type=int, default=8, help="connections")
    parser.add_argument("--requests", type=int, default=200, help="per connection")
    parser.add_argument(
        "--seconds", type=float, default=5, help="cap per scenario (wrk: duration)"
    )
    parser.add_argument(
        "--client",
        default="wrk" if api_load.wrk_available() else "python",
        choices=["wrk", "python"],
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians shown")
    parser.add_argument(
        "--only",
        help="comma-separated parts of scenario names, e.g. 'list cached,trivial'",
    )
    parser.add_argument("--show-sql", action="store_true", help="print the SQL")
    parser.add_argument(
        "--no-peer",
        action="store_true",
        help="leave out the wagtail-grapple peer (and its virtualenv)",
    )
    parser.add_argument(
        "--peer-venv", type=Path, default=PEER_VENV, help="the peer's virtualenv"
    )
    return parser.parse_args()


def peer_python(venv: Path) -> Path:
    """The grapple peer's python: the project and wagtail-grapple in ``venv``.

    Built on first use from PyPI (pip), then reused; delete the directory to
    rebuild it. The project is installed editable, so the peer runs this checkout.
    """
    python = venv / "bin" / "python"
    marker = venv / ".installed"
    if marker.exists() and marker.read_text() == GRAPPLE_PACKAGE:
        return python
    print(f"Building the grapple peer's virtualenv in {venv} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - fixed argv
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            str(ROOT),
            GRAPPLE_PACKAGE,
        ],
        check=True,
    )
    marker.write_text(GRAPPLE_PACKAGE)
    return python


def server_env(args, database: ScratchDatabase, directory: Path, port: int) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "CMS_INSECURE_EMBEDDED_KEY", "REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=database.url,
        SECRET_KEY="benchmark-only-" + os.urandom(8).hex(),
        MEDIA_ROOT=str(directory / "media"),
        BENCH_GRAPHQL_GENERATION_FILE=str(directory / "graphql.generation"),
        CACHE_KEY_PREFIX=f"zwgk-bench-{port}",
        PYTHONPATH=str(ROOT),
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def run(args, database: ScratchDatabase, directory: Path) -> None:
    port = free_port()
    env = server_env(args, database, directory, port)
    python = None if args.no_peer else peer_python(args.peer_venv)
    os.environ.clear()
    os.environ.update(env)  # this process loads the data with the server's settings
    database.create()

    import django

    django.setup()
    from django.db import connections

    from api.schema import schema
    from benchmarks.api_data import load, reuse

    if args.keep and args.keep.exists():
        print(f"Reusing the data in {args.keep} ...")
        loaded = reuse(interpretation_every=args.interpretation_every, port=port)
    else:
        print(f"Loading {args.policies} policies into {database.label} ...")
        loaded = load(
            args.policies, interpretation_every=args.interpretation_every, port=port
        )
    print(
        f"Loaded {loaded.policies} policies, {loaded.interpretations} interpretations, "
        f"{loaded.releases} releases, {loaded.events} events in {loaded.seconds:.1f} s "
        f"(+ {loaded.setup_seconds:.1f} s migrate and setup_cms)"
    )
    home, dropped = home_query(schema)
    if dropped:
        print(f"Home query leaves out {', '.join(dropped)}: not in the schema")
    items = scenarios(loaded.detail_policy_id, home, peer=python is not None)
    if args.only:
        wanted = [part.strip().lower() for part in args.only.split(",")]
        items = [i for i in items if any(part in i.name.lower() for part in wanted)]
    counts = sql_counts(items, args.show_sql)
    connections.close_all()

    servers = {
        False: Server(
            port=port,
            env=env,
            log=directory / "gunicorn.log",
            workers=args.workers,
            worker_class=args.worker_class,
            threads=args.threads,
            ready_path=TRIVIAL_PATH,
        )
    }
    if python is not None:
        # The same database, settings and worker count; grapple's /graphql/.
        peer_port = free_port()
        servers[True] = Server(
            port=peer_port,
            env=env | {"DJANGO_SETTINGS_MODULE": "benchmarks.grapple_settings"},
            log=directory / "grapple.log",
            workers=args.workers,
            worker_class=args.worker_class,
            threads=args.threads,
            ready_path=TRIVIAL_PATH,
            python=python,
        )
    server = servers[False]
    rss: dict[str, float | None] = {}
    try:
        for each in servers.values():
            each.wait_ready()
        print(
            f"Server: {server.describe} on 127.0.0.1:{port}, DEBUG off; load: {args.client}"
            f", {args.concurrency} connections, "
            + (
                f"{args.seconds:g} s per scenario"
                if args.client == "wrk"
                else f"{args.requests} requests each (cap {args.seconds:g} s)"
            )
            + f", {args.repeat} round(s)"
        )
        if python is not None:
            print(f"Peer: {GRAPPLE_PACKAGE} ({python}) on 127.0.0.1:{peer_port}")
        usable = check({peer: s.port for peer, s in servers.items()}, items)
        before = os.getloadavg()
        rounds: dict[str, list[Measurement]] = {item.name: [] for item in usable}
        for number in range(args.repeat):
            # Each round starts one scenario later, so none always follows the same;
            # ours and the peer's scenarios interleave within each round.
            shift = number % len(usable) if usable else 0
            for item in usable[shift:] + usable[:shift]:
                rounds[item.name].append(measure(args, servers[item.peer], item))
        after = os.getloadavg()
        rss = {
            "ours": server.worker_rss_mib(),
            "grapple": servers[True].worker_rss_mib() if True in servers else None,
        }
    finally:
        for each in servers.values():
            each.stop()
    print(
        f"\nLoad average (1 min) before/after: {before[0]:.2f} / {after[0]:.2f} on "
        f"{os.cpu_count()} CPUs; above the CPU count, other work competed.\n"
    )
    rows = [
        summarize(item.name, rounds[item.name], counts.get(item.name))
        for item in usable
    ]
    print_table(rows, rounds=args.repeat)
    print_ratios(rows, rss)


def forget_redis_keys(url: str, prefix: str) -> None:
    """Remove what the run stored in Redis (its keys share the run's prefix)."""
    if not prefix.startswith("zwgk-bench-"):
        return
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def main() -> None:
    args = parse_args()
    # Stopped with SIGTERM, still stop the servers and drop what the run made.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    directory = Path(tempfile.mkdtemp(prefix="zwgk-bench-api-"))
    url = f"sqlite:///{args.keep.resolve()}" if args.keep else args.database_url
    database = ScratchDatabase(url, directory)
    try:
        run(args, database, directory)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        database.drop()
        if args.redis_url:
            forget_redis_keys(args.redis_url, os.environ.get("CACHE_KEY_PREFIX", ""))
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
