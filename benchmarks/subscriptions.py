"""政策找人 at scale: matching one publication against 100,000 subscribers, and a
daily digest run for 100,000 subscribers.

    .venv/bin/python benchmarks/subscriptions.py [sqlite|postgres] [SUBSCRIBERS]
        [--sample N] [--workers N] [--smtp]

Makes a scratch database (SQLite in a temporary directory, or the PostgreSQL
database ``zwgk_match_bench`` on 127.0.0.1, dropped and re-created), migrates it and
writes SUBSCRIBERS (default 100000) confirmed e-mail subscribers, each with one or
two subscriptions over 40 topics and 10 audiences (any/all, immediate/daily/weekly).
Then times:

1. ``fan_out`` of one published policy (topics 1–3, audience 1, one issuer): the
   matching and the ``INSERT … SELECT`` into the outbox and the digest queue;
2. a daily digest run with every subscriber having three queued changes, end to
   end as the ``send_daily_digests`` task and the worker do it: composing the
   digests, then delivering every one of them through the whole outbox path
   (claim, compose, send, record). ``--sample N`` delivers only N and extrapolates;
   ``--workers N`` delivers with N worker processes side by side (the production
   ``db_worker`` service runs one); e-mail goes to Django's dummy backend, or with
   ``--smtp`` over SMTP to a local aiosmtpd sink in its own process.
Prints the figures and the peak RSS; asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
parser = argparse.ArgumentParser()
parser.add_argument(
    "vendor", nargs="?", default="sqlite", choices=("sqlite", "postgres")
)
parser.add_argument("subscribers", nargs="?", type=int, default=100_000)
parser.add_argument("--sample", type=int, help="deliver N digests and extrapolate")
parser.add_argument("--workers", type=int, default=1)
parser.add_argument("--smtp", action="store_true", help="send over SMTP to a sink")
ARGS = parser.parse_args()
VENDOR = ARGS.vendor
SUBSCRIBERS = ARGS.subscribers
if VENDOR == "postgres":
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as admin:
        admin.execute("DROP DATABASE IF EXISTS zwgk_match_bench")
        admin.execute("CREATE DATABASE zwgk_match_bench")
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/zwgk_match_bench"
else:
    scratch = Path(tempfile.mkdtemp(prefix="subscriptions-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cms.subscriptions.delivery import deliver_due  # noqa: E402
from cms.subscriptions.digests import compose_digests  # noqa: E402
from cms.subscriptions.matching import fan_out  # noqa: E402
from cms.subscriptions.models import (  # noqa: E402
    Change,
    ChangeKind,
    Criterion,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
    Subscriber,
    Subscription,
)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def smtp_sink() -> subprocess.Popen:
    """aiosmtpd's Sink (accepts and drops every message) in its own process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
        + ["-c", "aiosmtpd.handlers.Sink"]
    )
    for _try in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    return sink


def worker(queue) -> None:
    connections.close_all()  # the parent's connection stays the parent's
    queue.put(deliver_due(limit=None))
    connections.close_all()


def deliver_with_workers(count: int) -> dict:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    connections.close_all()
    processes = [context.Process(target=worker, args=(queue,)) for _n in range(count)]
    for process in processes:
        process.start()
    results = [queue.get() for _process in processes]
    for process in processes:
        process.join()
    return {key: sum(r[key] for r in results) for key in results[0]}


def populate(rng: random.Random) -> None:
    now = timezone.now()
    batch = 10_000
    for start in range(0, SUBSCRIBERS, batch):
        ids = range(start + 1, min(start + batch, SUBSCRIBERS) + 1)
        with transaction.atomic():
            Subscriber.objects.bulk_create(
                Subscriber(
                    pk=i,
                    channel="email",
                    address=f"s{i}@example.com",
                    status="active",
                    confirmed_at=now,
                    subject="enterprise" if i % 5 == 0 else "person",
                )
                for i in ids
            )
            subscriptions, criteria = [], []
            for i in ids:
                for n in range(1 + (i % 3 == 0)):
                    pk = i * 2 + n
                    frequency = rng.choices((0, 1, 2), (50, 35, 15))[0]
                    topics = rng.sample(range(1, 41), rng.randint(1, 3))
                    keys = [("topic", t) for t in topics]
                    if rng.random() < 0.3:
                        keys.append(("audience", rng.randint(1, 10)))
                    subscriptions.append(
                        Subscription(
                            pk=pk,
                            subscriber_id=i,
                            frequency=frequency,
                            match_all=rng.random() < 0.2,
                            key_count=len({k for k, _ in keys}),
                        )
                    )
                    criteria += [
                        Criterion(subscription_id=pk, key=k, value=v) for k, v in keys
                    ]
            Subscription.objects.bulk_create(subscriptions)
            Criterion.objects.bulk_create(criteria, batch_size=5000)


def main() -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"{VENDOR}: migrated in {time.perf_counter() - started:.1f} s")
    rng = random.Random(15)
    started = time.perf_counter()
    populate(rng)
    print(
        f"{SUBSCRIBERS} subscribers, {Subscription.objects.count()} subscriptions, "
        f"{Criterion.objects.count()} criteria written in "
        f"{time.perf_counter() - started:.1f} s"
    )
    change = Change.objects.create(
        page_id=1,  # the tree root Wagtail's migrations create; only its id is read
        kind=ChangeKind.PUBLISHED,
        title="关于进一步稳定和扩大就业的若干措施",
        targets={"topics": [1, 2, 3], "audiences": [1], "organizations": [7]},
    )
    started = time.perf_counter()
    with transaction.atomic():
        reached = fan_out(change)
    elapsed = time.perf_counter() - started
    immediate = Message.objects.filter(change=change).count()
    queued = DigestEntry.objects.filter(change=change).count()
    print(
        f"publish → match + enqueue: {elapsed:.2f} s; reached {reached} subscribers "
        f"({immediate} immediate messages, {queued} digest entries)"
    )

    # A day's digests: three changes queued for every subscriber.
    Message.objects.all().delete()
    DigestEntry.objects.all().delete()
    changes = [
        Change.objects.create(
            page_id=1, revision_id=n, kind=ChangeKind.MAJOR, title=f"政策{n}"
        )
        for n in range(3)
    ]
    table = DigestEntry._meta.db_table
    with connection.cursor() as cursor, transaction.atomic():
        for c in changes:
            cursor.execute(
                f"INSERT INTO {table} (subscriber_id, change_id, frequency) "  # noqa: S608
                f"SELECT id, %s, %s FROM {Subscriber._meta.db_table}",
                [c.pk, Frequency.DAILY],
            )
    rss_before = peak_rss_mb()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    sink = smtp_sink() if ARGS.smtp else None
    mail = "SMTP to a local sink" if sink else "the dummy mail backend"
    started = time.perf_counter()
    made = compose_digests(frequency=Frequency.DAILY)
    compose_s = time.perf_counter() - started
    print(
        f"daily digests composed: {made} in {compose_s:.1f} s; "
        f"peak RSS {rss_before:.0f} MB before, {peak_rss_mb():.0f} MB after"
    )
    try:
        started = time.perf_counter()
        if ARGS.sample:
            outcomes = deliver_due(limit=min(ARGS.sample, made))
        elif ARGS.workers > 1:
            outcomes = deliver_with_workers(ARGS.workers)
        else:
            outcomes = deliver_due(limit=None)  # what the deliver_digests task does
        deliver_s = time.perf_counter() - started
    finally:
        if sink:
            sink.terminate()
            sink.wait()
    delivered = sum(outcomes.values())
    per_message = deliver_s / max(delivered, 1)
    if ARGS.sample:
        print(
            f"digest delivery sample ({mail}): {outcomes} in {deliver_s:.1f} s "
            f"({per_message * 1000:.2f} ms each); all {made}: "
            f"≈ {(compose_s + per_message * made) / 60:.1f} min in one worker"
        )
    else:
        print(
            f"digest delivery, all of them, {ARGS.workers} worker(s) ({mail}): "
            f"{outcomes} in {deliver_s:.1f} s ({per_message * 1000:.2f} ms each); "
            f"the whole run (compose + deliver): {(compose_s + deliver_s) / 60:.1f} min"
        )
    workers_rss = peak_rss_mb(resource.RUSAGE_CHILDREN) if ARGS.workers > 1 else 0
    print(
        f"peak RSS {peak_rss_mb():.0f} MB"
        + (f" (worker processes: {workers_rss:.0f} MB)" if workers_rss else "")
        + f"; {Message.objects.filter(kind=MessageKind.DIGEST).count()} digest "
        f"messages, "
        f"{Message.objects.filter(status='pending').count()} left pending"
    )


if __name__ == "__main__":
    main()
