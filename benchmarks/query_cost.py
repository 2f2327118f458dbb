"""What the cost limit costs: time to refuse a fragment bomb against time to answer.

    .venv/bin/python benchmarks/query_cost.py [--policies 40] [--repeat 20]

The nested-fragment attack from issue 10: fragment F0 selects a few fields, each
Fi spreads F(i-1) twice, the query spreads the last one, so n fragments of under
1 KB ask for 2^n copies. api/limits.py counts the fields with every fragment
expanded (memoised, linear in the document) and refuses past MAX_COST before
anything runs. Beside them, a few ordinary queries of the frontends and the
introspection query GraphiQL sends, which must stay under the limit and answer.

Runs in-process on a scratch SQLite database (migrated, setup_cms, ``--policies``
published policies) through Django's test client, so every request goes through
the whole middleware stack and the GraphQL view. The response cache is cleared
before every request: each answer is computed. Prints, per query, its size, its
expanded cost, the outcome (answered or the refusal's code) and the median and
p95 time of ``--repeat`` requests. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SCRATCH = Path(tempfile.mkdtemp(prefix="query-cost-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ["MEDIA_ROOT"] = str(SCRATCH / "media")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from graphql import get_introspection_query, parse  # noqa: E402

from api.limits import _fragments, _Measure, _operations  # noqa: E402
from api.schema import MAX_COST  # noqa: E402


def fragment_bomb(levels: int, fields: str = "id title") -> str:
    parts = [f"fragment F0 on PolicyPage {{ {fields} }}"]
    parts += [
        f"fragment F{i} on PolicyPage {{ ...F{i - 1} ...F{i - 1} }}"
        for i in range(1, levels + 1)
    ]
    return f"{{ policies {{ edges {{ node {{ ...F{levels} }} }} }} }} " + " ".join(
        parts
    )


LIST = """{ policies(first: 20) { totalCount edges { node { id title docNumber
  publishDate urlPath topics { name } issuingOrganizations { name } } }
  pageInfo { hasNextPage endCursor } } }"""
DETAIL = """query ($id: ID!) { page(id: $id) { id title urlPath
  ... on PolicyPage { docNumber publishDate summary body { __typename }
  topics { name } issuingOrganizations { name } } } }"""
SEARCH = '{ search(query: "就业补贴", first: 10) { totalCount } }'

QUERIES = [
    ("bomb, 10 fragments", fragment_bomb(10), None),
    ("bomb, 16 fragments (<1 KB)", fragment_bomb(16), None),
    ("bomb, 30 fragments", fragment_bomb(30), None),
    ("bomb, 8 fragments (within limit)", fragment_bomb(8), None),
    ("policy list, 20", LIST, None),
    ("policy detail", DETAIL, "detail"),
    ("search", SEARCH, None),
    ("introspection (GraphiQL)", get_introspection_query(descriptions=True), None),
]


def cost(query: str) -> int:
    document = parse(query, max_tokens=100_000)
    measure = _Measure(_fragments(document))
    return max(measure.cost(op.selection_set) for op in _operations(document))


def seed(policies: int) -> str:
    from cms.home.setup import setup_cms
    from cms.taxonomy.models import Organization
    from cms.taxonomy.seed import BUREAU_NAME
    from tests.factories import PolicyPageFactory

    tree = setup_cms()
    bureau = Organization.objects.get(name=BUREAU_NAME)
    first = None
    for _ in range(policies):
        page = PolicyPageFactory(parent=tree.policies, issuers=[bureau])
        page.save_revision().publish()
        first = first or page
    return str(first.pk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    # Each refusal is logged as an error; here they are the point, not news.
    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)
    try:
        started = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        detail_id = seed(args.policies)
        print(
            f"scratch database: {args.policies} policies, "
            f"{time.monotonic() - started:.0f} s; MAX_COST {MAX_COST}\n"
        )
        client = Client()
        header = f"{'query':34} {'bytes':>6} {'cost':>14} {'outcome':24} {'p50 ms':>8} {'p95 ms':>8}"
        print(header)
        print("-" * len(header))
        for name, query, variables in QUERIES:
            payload = {"query": query}
            if variables == "detail":
                payload["variables"] = {"id": detail_id}
            body = json.dumps(payload)
            times, outcome = [], ""
            for _ in range(args.repeat):
                cache.clear()
                t0 = time.perf_counter()
                response = client.post(
                    "/graphql/", body, content_type="application/json"
                )
                times.append((time.perf_counter() - t0) * 1000)
                answer = response.json()
                errors = answer.get("errors") or []
                outcome = (
                    errors[0]["extensions"]["code"] if errors else "answered"
                ) + f" ({response.status_code})"
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(
                f"{name:34} {len(query.encode()):>6} {cost(query):>14,} "
                f"{outcome:24} {statistics.median(times):>8.1f} {p95:>8.1f}"
            )
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
