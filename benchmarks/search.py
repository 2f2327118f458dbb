"""Search on the embedded default: indexing throughput and query latency at scale.

    .venv/bin/python benchmarks/search.py [N] [--questions M] [--database-url URL]
                                          [--rounds R]

Builds a scratch database (a temporary SQLite file unless --database-url names an
empty PostgreSQL database), generates N policies of realistic length (default
20,000) and M published 网上咨询 Q&As, records of the search registry (default
N / 10), indexes them with jieba words (timed), then runs a mix of citizen queries
(colloquial, synonyms, 文号 variants, pinyin, typos, filters, date order, second
pages, Q&As only) R times each through search.engine.search_pages and prints
p50/p95/max. Prints numbers; asserts nothing. Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--questions", type=int, default=None, help="published Q&As (default N/10)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20251128)
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="reuse an already built --database-url: only time the queries",
    )
    return parser.parse_args()


ARGS = parse_args()
SCRATCH = tempfile.mkdtemp(prefix="zwgk-search-bench-")
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{SCRATCH}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.setdefault("SEARCH_JIEBA_CACHE_DIR", tempfile.gettempdir())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402

CORPUS = json.loads((ROOT / "tests/search/data/corpus.json").read_text("utf-8"))
QUERIES = json.loads((ROOT / "tests/search/data/queries.json").read_text("utf-8"))
PREFIXES = ["闵人社发", "闵人社规", "闵人社办", "沪人社规", "沪人社就", "沪人社养"]
OPENINGS = [
    "各街道办事处、镇人民政府，区各有关单位：",
    "各有关单位：",
    "各用人单位、各社区事务受理服务中心：",
]
CLOSINGS = [
    "本通知自发布之日起施行，有效期五年。",
    "本办法由区人力资源和社会保障局负责解释。",
    "执行中遇到的问题，请及时向区人力资源和社会保障局反映。",
]
FILLER = [
    "为贯彻落实就业优先战略，进一步做好稳就业、保民生工作，根据有关规定，结合本区实际，现就有关事项通知如下。",
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项政策措施落地见效。",
    "经办机构应当在规定时限内完成审核，并按规定将资金拨付至申请单位或个人账户。",
    "申请人对审核结果有异议的，可以依法申请行政复议或者提起行政诉讼。",
    "区人力资源和社会保障局会同区财政局加强资金监管，对骗取补贴的依法追回并追究责任。",
    "申请人可通过一网通办或随申办提交申请，也可到社区事务受理服务中心现场办理。",
]


def policy_text(rng: random.Random, n: int) -> tuple[str, str, str, str]:
    """(title, doc number, summary, body HTML) of about 800-2,000 characters."""
    base = CORPUS[n % len(CORPUS)]
    other = CORPUS[rng.randrange(len(CORPUS))]
    year = 2015 + n % 11
    title = base["title"]
    if n >= len(CORPUS):
        title = rng.choice(
            [
                f"{title}（{year}年修订）",
                f"关于转发《{title}》的通知",
                f"{year}年{title}",
                f"{title}的补充通知（第{n}号）",
            ]
        )
    doc_number = f"{PREFIXES[n % len(PREFIXES)]}〔{year}〕{n // 6 + 1}号"
    paragraphs = [rng.choice(OPENINGS), rng.choice(FILLER), base["body"]]
    paragraphs += rng.sample(FILLER, 3)
    paragraphs += [other["body"], rng.choice(FILLER), rng.choice(CLOSINGS)]
    if n % 3 == 0:
        paragraphs.insert(4, base["body"])
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return title, doc_number, base["summary"], body


def create_policies(count: int) -> float:
    """Insert live policies fast (tree paths computed here); no indexing yet."""
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import Locale
    from wagtail.rich_text import RichText

    from cms.home.site_tree import ensure_site_tree
    from cms.policies.models import PolicyIndexPage, PolicyPage
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()
    tree = ensure_site_tree()
    parent: PolicyIndexPage = tree.policies
    locale = Locale.get_default()
    rng = random.Random(ARGS.seed)  # noqa: S311 - benchmark data
    # Index later, timed on its own; skip every other save hook too (reference
    # index, caches): this only loads data.
    from factory.django import mute_signals

    muted = mute_signals(post_save)
    muted.__enter__()
    post_save.disconnect(post_save_signal_handler, sender=PolicyPage)
    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC)
    existing = parent.get_children().count()
    try:
        with transaction.atomic():
            for n in range(count):
                title, doc_number, summary, body = policy_text(rng, n)
                year = 2015 + n % 11
                date = datetime.date(year, 1 + n % 12, 1 + n % 28)
                step = existing + n + 1
                slug = f"p{n}"
                page = PolicyPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{parent.url_path}{slug}/",
                    path=PolicyPage._get_path(parent.path, parent.depth + 1, step),
                    depth=parent.depth + 1,
                    numchild=0,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale=locale,
                    index_number=f"BENCH/{n:06d}",
                    doc_number=doc_number,
                    written_date=date,
                    publish_date=date,
                    summary=summary,
                    body=[("paragraph", RichText(body))],
                )
                page.doc_number_normalized = ""
                django.db.models.Model.save(page)
            PolicyIndexPage.objects.filter(pk=parent.pk).update(
                numchild=existing + count
            )
        # Django's Model.save skipped the page's own save(): fill what it derives.
        from cms.policies.doc_numbers import normalize_doc_number

        with transaction.atomic():
            for pk, number in PolicyPage.objects.values_list("pk", "doc_number"):
                PolicyPage.objects.filter(pk=pk).update(
                    doc_number_normalized=normalize_doc_number(number)
                )
    finally:
        muted.__exit__(None, None, None)
        post_save.connect(post_save_signal_handler, sender=PolicyPage)
    return time.perf_counter() - started


QUESTION_OPENINGS = ["请问", "咨询一下，", "您好，想问", ""]


def create_questions(count: int) -> float:
    """Insert answered, consented, published Q&As (选登) in bulk; no indexing yet."""
    from django.utils import timezone

    from cms.questions.models import Question, QuestionStatus
    from cms.taxonomy.models import Organization, Topic

    rng = random.Random(ARGS.seed + 1)  # noqa: S311 - benchmark data
    topics = list(Topic.objects.filter(parent__isnull=False))
    departments = list(Organization.objects.all()[:6])
    now = timezone.now()
    started = time.perf_counter()
    rows = []
    for n in range(count):
        base = CORPUS[n % len(CORPUS)]
        title = f"{rng.choice(QUESTION_OPENINGS)}{base['title']}怎么办理？"
        answered = now - datetime.timedelta(days=n % 700, hours=n % 24)
        rows.append(
            Question(
                tracking_number=f"ZXBENCH{n:08d}",
                query_code_salt="bench",
                topic=topics[n % len(topics)],
                title=title,
                content=base["summary"],
                phone="13800000000",
                consent_to_publish=True,
                submitted_at=answered - datetime.timedelta(days=3),
                status=QuestionStatus.ANSWERED,
                department=departments[n % len(departments)],
                answer=f"{base['summary']}{rng.choice(FILLER)}",
                answered_at=answered,
                is_published=True,
                published_title=title,
                published_content=base["summary"],
                published_at=answered,
            )
        )
    with transaction.atomic():
        Question.objects.bulk_create(rows, batch_size=500)
    return time.perf_counter() - started


def index_all() -> tuple[int, float]:
    from search.services import rebuild_index

    started = time.perf_counter()
    offered = rebuild_index(backend_names=["default"], chunk_size=500)
    return offered, time.perf_counter() - started


def query_mix() -> list[dict]:
    from search.engine import SearchFilters

    mix = [{"query": item["query"]} for item in QUERIES]
    mix += [
        {"query": "失业保险金", "filters": SearchFilters(years=(2024,))},
        {"query": "创业补贴", "filters": SearchFilters(validities=("valid",))},
        {"query": "就业", "order": "date"},
        {"query": "社保补贴", "offset": 20},
        {"query": "养老金", "offset": 100},
        {"query": "补贴"},
        {"query": "通知"},
        {"query": "失业保险金", "filters": SearchFilters(content_types=("question",))},
        {"query": "怎么办理", "order": "date"},
    ]
    return mix


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    print(f"database: {connection.vendor} ({os.environ['DATABASE_URL']})")
    from search.segmentation import warm_up

    if not ARGS.queries_only:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s")
    print(
        f"jieba dictionary load (first query's cost, on-disk cache): {warm_up():.2f} s"
    )
    if not ARGS.queries_only:
        count = ARGS.count
        seconds = create_policies(count)
        print(f"created {count} policies in {seconds:.1f} s (not indexed)")
        questions = count // 10 if ARGS.questions is None else ARGS.questions
        seconds = create_questions(questions)
        print(f"created {questions} published Q&As in {seconds:.1f} s (not indexed)")
        offered, seconds = index_all()
        print(
            f"indexing: {offered} objects in {seconds:.1f} s = {offered / seconds:.0f}/s"
            " (segment + write, all indexed models)"
        )
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a bulk load: fresh statistics.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    from cms.policies.models import PolicyPage
    from cms.questions.models import Question

    print(
        f"policies in the database: {PolicyPage.objects.count()},"
        f" Q&As: {Question.objects.count()}"
    )

    from wagtail.models import Site

    from search.engine import search_pages

    site = Site.objects.get(is_default_site=True)
    mix = query_mix()
    for item in mix:  # one warm-up round: connection, caches, tokenizer
        search_pages(site=site, **item)
    timings: list[float] = []
    per_query: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    worst = (0.0, "", 0)
    for number in range(ARGS.rounds):
        for item in mix:
            began = time.perf_counter()
            outcome = search_pages(site=site, **item)
            elapsed = (time.perf_counter() - began) * 1000
            timings.append(elapsed)
            label = item["query"] + (" +" if len(item) > 1 else "")
            per_query.setdefault(label, []).append(elapsed)
            totals[label] = outcome.total
            worst = max(worst, (elapsed, label, number + 1))
    print(
        f"queries: {len(timings)} ({len(mix)} kinds x {ARGS.rounds} rounds) "
        f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )
    print(f"  the max: {worst[1]!r} in round {worst[2]}: {worst[0]:.1f} ms")
    slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:8]
    for label, values in slowest:
        print(
            f"  slowest: {label!r}: median {statistics.median(values):.1f} ms,"
            f" {totals[label]} matches"
        )


if __name__ == "__main__":
    main()
