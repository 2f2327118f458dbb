"""双公示 at scale: import, list, search, on SQLite (the embedded default) or PostgreSQL.

    .venv/bin/python benchmarks/credit.py [N] [--rounds R] [--db sqlite|postgres]

Builds a scratch database (SQLite in a temporary directory, or the PostgreSQL
database ``zwgk_credit_bench`` on 127.0.0.1, dropped and re-created), writes N (default 50,000) locally generated
行政许可/行政处罚 decisions (cms/credit/samples.py) as the bureau's CSV export and
imports them with the import command's importer (timed: rows per second, the
search index included, then the unchanged re-import). Then times the public list
through /graphql/ (Django's test client, POST: the response cache never answers)
with filters, keyword and cursor pages, and the public search restricted to
decisions, and prints p50/p95/max over all and for each case, wall clock and
the process's CPU time per request (on a shared machine the wall clock counts
other work too). Every list asks for the exact ``totalCount``: for a keyword
held by 40% of the decisions (劳务派遣) or a single character (庄) that count,
not the page, is most of the time (cms/credit/grams.py). Prints numbers;
asserts nothing.
Targets: list p95 < 50 ms uncached, import >= 500 rows/s.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    return parser.parse_args()


ARGS = parse_args()
SCRATCH = Path(tempfile.mkdtemp(prefix="zwgk-credit-bench-"))
if ARGS.db == "postgres":
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as admin:
        admin.execute("DROP DATABASE IF EXISTS zwgk_credit_bench")
        admin.execute("CREATE DATABASE zwgk_credit_bench")
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/zwgk_credit_bench"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}/bench.sqlite3"
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SEARCH_JIEBA_CACHE_DIR", tempfile.gettempdir())
os.environ.setdefault("GRAPHQL_TIME_BUDGET", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from api.views import CACHE_STATUS_HEADER as CACHE  # noqa: E402

LIST = """query($filter: CreditDecisionFilter, $after: String) {
  creditDecisions(filter: $filter, first: 20, after: $after) {
    totalCount
    edges { cursor node { id kind documentNumber partyName partyIdentifier
      content decisionContent decisionDate authority severity publicityEnd } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(label: str, timings: list[float], cpu: list[float] | None = None) -> None:
    line = (
        f"{label}: {len(timings)} requests, p50 {percentile(timings, 0.5):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    if cpu:
        line += (
            f" (CPU p50 {percentile(cpu, 0.5):.1f} ms, "
            f"p95 {percentile(cpu, 0.95):.1f} ms)"
        )
    print(line)


def write_export(count: int, *, name: str = "双公示.csv") -> Path:
    from cms.credit.importing import COLUMNS
    from cms.credit.samples import decision_rows

    rows = decision_rows(
        count, start=datetime.date(2024, 1, 2), end=datetime.date(2026, 11, 27)
    )
    headers = [column.label for column in COLUMNS]
    path = SCRATCH / name
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=headers)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in headers})
    return path


def timed_import(path: Path, label: str, *, index: bool = True):
    from cms.core.importing import read_file
    from cms.credit.importing import DecisionImporter

    started, cpu = time.perf_counter(), time.process_time()
    source = read_file(path)
    read = time.perf_counter() - started
    result = DecisionImporter(index=index).run(source)
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rows = len(source.rows)
    # CPU seconds too: on a shared machine the wall clock counts other work.
    print(
        f"{label}: {rows} rows in {total:.1f} s = {rows / total:.0f} rows/s "
        f"({rows / cpu:.0f} rows per CPU second; reading the file {read:.1f} s); "
        f"{result.summary()}"
    )
    return result


def main() -> None:
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("setup_cms", verbosity=0)
    print(f"migrate + setup_cms: {time.perf_counter() - started:.1f} s")
    from search.segmentation import warm_up

    print(f"jieba dictionary load: {warm_up():.2f} s")
    path = write_export(ARGS.count)
    half = write_export(ARGS.count // 10, name="first-tenth.csv")
    timed_import(half, f"import of {ARGS.count // 10} (new, search index included)")
    timed_import(
        path, "import (the rest new, search index left for later)", index=False
    )
    timed_import(path, "re-import (unchanged)")

    from cms.credit.models import CreditDecision
    from cms.credit.services import index_decisions

    started = time.perf_counter()
    ids = list(CreditDecision.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        index_decisions(
            list(CreditDecision.objects.filter(pk__in=ids[start : start + 500]))
        )
    seconds = time.perf_counter() - started
    print(
        f"search index of all {len(ids)}: {seconds:.1f} s = {len(ids) / seconds:.0f}/s"
    )

    from cms.credit.models import CreditDecision
    from cms.credit.selectors import public_decisions

    public = public_decisions().count()
    print(f"decisions: {CreditDecision.objects.count()}, public today: {public}")
    try:
        from cms.credit.models import DecisionGram
    except ImportError:  # before the keyword index
        pass
    else:
        print(f"keyword index (bigram) rows: {DecisionGram.objects.count()}")
    try:
        from cms.credit.models import DecisionText
    except ImportError:  # before the keyword text rows
        pass
    else:
        print(f"keyword index text rows: {DecisionText.objects.count()}")

    client = Client()
    # A session cookie makes a request private: the response cache never answers
    # it (api/views.py), so every request below runs its resolvers and SQL.
    client.cookies[settings.SESSION_COOKIE_NAME] = "benchmark"

    cpu_times: list[float] = []

    def post(variables: dict) -> tuple[float, dict]:
        began, cpu = time.perf_counter(), time.process_time()
        response = client.post(
            "/graphql/",
            json.dumps({"query": LIST, "variables": variables}),
            content_type="application/json",
        )
        elapsed = (time.perf_counter() - began) * 1000
        cpu_times.append((time.process_time() - cpu) * 1000)
        body = response.json()
        if "errors" in body or response[CACHE] != "BYPASS":
            raise SystemExit(f"unexpected response: {response.status_code} {body}")
        return elapsed, body

    first = post({})[1]["data"]["creditDecisions"]
    first_cursor = first["pageInfo"]["endCursor"]
    # A 文书号 as a citizen would paste it from a decision in the list (a
    # number of the penalties' sequence that no public decision has is a miss
    # like any absent keyword).
    document_number = next(
        edge["node"]["documentNumber"]
        for edge in first["edges"]
        if edge["node"]["kind"] == "PENALTY"
    )
    mix = [
        {},
        {"after": first_cursor},
        {"filter": {"kind": "PENALTY"}},
        {"filter": {"kind": "LICENSE"}},
        {"filter": {"decisionDate": {"from": "2026-03-01", "to": "2026-03-31"}}},
        {"filter": {"authority": "上海市闵行区人力资源和社会保障局"}},
        {"filter": {"keyword": "劳务派遣"}},
        {"filter": {"keyword": document_number}},
        {"filter": {"kind": "PENALTY", "keyword": "拖欠"}},
        {"filter": {"keyword": "社保"}},
        {"filter": {"keyword": "莘庄劳务"}},
        {"filter": {"keyword": "庄"}},
    ]
    for variables in mix:  # warm-up
        post(variables)
    cpu_times.clear()
    timings: list[float] = []
    per_case: dict[str, tuple[list[float], list[float]]] = {}
    for _ in range(ARGS.rounds):
        for variables in mix:
            elapsed, body = post(variables)
            timings.append(elapsed)
            wall, cpu = per_case.setdefault(
                json.dumps(variables, ensure_ascii=False), ([], [])
            )
            wall.append(elapsed)
            cpu.append(cpu_times[-1])
    report("GraphQL creditDecisions (POST, uncached, 20 a page)", timings, cpu_times)
    for label, (wall, cpu) in per_case.items():
        if label.startswith('{"after"'):
            label = '{"after": <the first page\'s endCursor>}'
        report(f"  {label[:70]}", wall, cpu)
    for variables in mix:
        total = post(variables)[1]["data"]["creditDecisions"]["totalCount"]
        print(f"  totalCount {total}: {json.dumps(variables, ensure_ascii=False)[:70]}")

    from wagtail.models import Site

    from search.engine import SearchFilters, search_pages

    site = Site.objects.get(is_default_site=True)
    filters = SearchFilters(content_types=("credit_decision",))
    queries = [
        "劳务派遣",
        "拖欠工资",
        "未按照规定支付劳动者工资",
        "职业培训学校",
        "骗取社会保险基金",
        "莘庄",
    ]
    for query in queries:
        search_pages(query=query, site=site, filters=filters)
    search_timings: list[float] = []
    for _ in range(ARGS.rounds):
        for query in queries:
            began = time.perf_counter()
            search_pages(query=query, site=site, filters=filters)
            search_timings.append((time.perf_counter() - began) * 1000)
    report("search (decisions only, search.engine.search_pages)", search_timings)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
