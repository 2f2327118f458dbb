"""政策找人 at scale: matching one publication against 100,000 subscribers, and a
daily digest run for 100,000 subscribers.

    .venv/bin/python benchmarks/subscriptions.py [sqlite|postgres] [SUBSCRIBERS]

Makes a scratch database (SQLite in a temporary directory, or the PostgreSQL
database ``zwgk_match_bench`` on 127.0.0.1, dropped and re-created), migrates it and
writes SUBSCRIBERS (default 100000) confirmed e-mail subscribers, each with one or
two subscriptions over 40 topics and 10 audiences (any/all, immediate/daily/weekly).
Then times:

1. ``fan_out`` of one published policy (topics 1–3, audience 1, one issuer): the
   matching and the ``INSERT … SELECT`` into the outbox and the digest queue;
2. a daily digest run with every subscriber having three queued changes:
   composing the digests (batches of 2,000 subscribers), and delivering a sample of
   them through the whole outbox path (lock, compose, send, record) with Django's
   dummy mail backend, extrapolated to all.
Prints the figures and the peak RSS; asserts nothing.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
VENDOR = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
SUBSCRIBERS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
SAMPLE = 5_000
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
from django.db import connection, transaction  # noqa: E402
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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    started = time.perf_counter()
    made = compose_digests(frequency=Frequency.DAILY)
    compose_s = time.perf_counter() - started
    print(
        f"daily digests composed: {made} in {compose_s:.1f} s; "
        f"peak RSS {rss_before:.0f} MB before, {peak_rss_mb():.0f} MB after"
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    sample = min(SAMPLE, made)
    started = time.perf_counter()
    outcomes = deliver_due(limit=sample)
    deliver_s = time.perf_counter() - started
    per_message = deliver_s / max(sample, 1)
    print(
        f"digest delivery sample: {outcomes} in {deliver_s:.1f} s "
        f"({per_message * 1000:.1f} ms each, outbox path without the network); "
        f"all {made}: ≈ {(compose_s + per_message * made) / 60:.1f} min in one worker"
    )
    print(
        f"peak RSS {peak_rss_mb():.0f} MB; "
        f"{Message.objects.filter(kind=MessageKind.DIGEST).count()} digest messages"
    )


if __name__ == "__main__":
    main()
