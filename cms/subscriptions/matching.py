"""Which subscribers a change reaches, decided in bulk in the database.

A subscription matches a policy when every criterion key it has is satisfied: with
``match_all`` off, one of the key's values is among the policy's (any); with it on,
all of them are (all). A saved profile must in addition fully meet the conditions of
one of the policy's list items (就业创业政策清单). A subscriber whose several
subscriptions match gets one message, at the most urgent of their frequencies.

The criteria are rows (``Criterion``) so that matching 100,000 subscribers is a few
set-based statements — ``INSERT … SELECT`` into the outbox and the digest queue —
and never a Python loop over them; only saved profiles are evaluated in Python,
since conditions are not SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from cms.core.conditions import evaluate

from .models import (
    Change,
    ChangeKind,
    Criterion,
    CriterionKey,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
    Subscriber,
    SubscriberStatus,
    Subscription,
)


@dataclass(frozen=True)
class Target:
    """What a policy offers to criteria: its ids per criterion key."""

    page_id: int
    topics: tuple[int, ...] = ()
    audiences: tuple[int, ...] = ()
    organizations: tuple[int, ...] = ()
    only_followers: bool = False  # an ended policy reaches only those following it

    @classmethod
    def of_policy(cls, page, *, only_followers: bool = False) -> Target:
        """From a policy page as edited (works for unsaved drafts' relations too)."""
        organizations = {link.organization_id for link in page.issuers.all()}
        if page.department_id:
            organizations.add(page.department_id)
        return cls(
            page_id=page.pk,
            topics=tuple(sorted(t.pk for t in page.topics.all())),
            audiences=tuple(sorted(a.pk for a in page.audiences.all())),
            organizations=tuple(sorted(o for o in organizations if o)),
            only_followers=only_followers,
        )

    def clauses(self) -> tuple[str, list]:
        parts, params = [], []
        pairs = [(CriterionKey.POLICY, (self.page_id,))]
        if not self.only_followers:
            pairs += [
                (CriterionKey.TOPIC, self.topics),
                (CriterionKey.AUDIENCE, self.audiences),
                (CriterionKey.ORGANIZATION, self.organizations),
            ]
        for key, ids in pairs:
            if ids:
                marks = ", ".join(["%s"] * len(ids))
                parts.append(f"(c.key = %s AND c.value IN ({marks}))")
                params += [str(key), *ids]
        return " OR ".join(parts), params


def _matched_sql(target: Target) -> tuple[str, list]:
    """(subscription_id, subscriber_id, frequency, has_profile) of active
    subscriptions of active subscribers whose criteria all hold."""
    criterion = Criterion._meta.db_table
    subscription = Subscription._meta.db_table
    subscriber = Subscriber._meta.db_table
    match, params = target.clauses()
    sql = f"""
        SELECT s.id AS subscription_id, s.subscriber_id, s.frequency,
               CASE WHEN s.profile IS NULL THEN 0 ELSE 1 END AS has_profile
        FROM (
            SELECT c.subscription_id, c.key,
                   SUM(CASE WHEN {match} THEN 1 ELSE 0 END) AS hits,
                   COUNT(*) AS total
            FROM {criterion} c
            WHERE c.subscription_id IN (
                SELECT c.subscription_id FROM {criterion} c WHERE {match}
            )
            GROUP BY c.subscription_id, c.key
        ) h
        JOIN {subscription} s ON s.id = h.subscription_id
        JOIN {subscriber} r ON r.id = s.subscriber_id
        WHERE s.active = %s AND r.status = %s
          AND ((s.match_all = %s AND h.hits = h.total)
               OR (s.match_all = %s AND h.hits > 0))
        GROUP BY s.id, s.subscriber_id, s.frequency, s.key_count, s.profile
        HAVING COUNT(*) = s.key_count
    """  # noqa: S608
    # Table names come from the models and values travel as parameters (S608).
    # The match clause appears twice (the hit count and the candidate filter).
    return sql, [*params, *params, True, SubscriberStatus.ACTIVE, True, False]


def _list_item_conditions(page_id: int) -> list[list]:
    """Each published list item's conditions for the policy (empty without the
    policy list app)."""
    from django.apps import apps

    if not apps.is_installed("cms.policylist"):
        return []
    from cms.policylist.models import PolicyListItem

    items = PolicyListItem.objects.filter(
        policy_id=page_id, published=True
    ).prefetch_related("conditions")
    return [conditions for item in items if (conditions := item.conditions_list())]


def _profile_matches(target: Target, sql_matched_ids: set[int]) -> list[tuple]:
    """(subscriber_id, frequency) of profile subscriptions that match: their other
    criteria (if any) hold, and the profile meets some list item's conditions."""
    if target.only_followers:
        return []
    condition_sets = _list_item_conditions(target.page_id)
    if not condition_sets:
        return []
    today = timezone.localdate()
    rows = Subscription.objects.filter(
        active=True,
        profile__isnull=False,
        subscriber__status=SubscriberStatus.ACTIVE,
    ).values_list("pk", "subscriber_id", "frequency", "key_count", "profile")
    matched = []
    for pk, subscriber_id, frequency, key_count, profile in rows.iterator(2000):
        if key_count and pk not in sql_matched_ids:
            continue
        if any(
            evaluate(conditions, profile, today=today).matches
            for conditions in condition_sets
        ):
            matched.append((subscriber_id, frequency))
    return matched


def _empty_json() -> str:
    return "CAST('{}' AS jsonb)" if connection.vendor == "postgresql" else "'{}'"


def count_recipients(target: Target) -> dict[str, int]:
    """Distinct active subscribers a change would reach, by subject (人/企业): those
    its criteria reach, and those whose saved profile meets one of its list items'
    conditions — the same subscribers ``fan_out`` would queue."""
    sql, params = _matched_sql(target)
    subscriber = Subscriber._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT r.subject, COUNT(DISTINCT m.subscriber_id)
                FROM ({sql}) m JOIN {subscriber} r ON r.id = m.subscriber_id
                WHERE m.has_profile = 0
                GROUP BY r.subject""",  # noqa: S608
            params,
        )
        counts = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT m.subscription_id FROM ({sql}) m WHERE m.has_profile = 1",  # noqa: S608
            params,
        )
        with_profile = {row[0] for row in cursor.fetchall()}
    profiled = {
        subscriber_id for subscriber_id, _ in _profile_matches(target, with_profile)
    }
    if not profiled:
        return counts
    # Counted once: leave out those the other criteria already reach.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT m.subscriber_id FROM ({sql}) m WHERE m.has_profile = 0",  # noqa: S608
            params,
        )
        profiled -= {row[0] for row in cursor.fetchall()}
    extra = sorted(profiled)
    for start in range(0, len(extra), 500):
        for subject in Subscriber.objects.filter(
            pk__in=extra[start : start + 500]
        ).values_list("subject", flat=True):
            counts[subject] = counts.get(subject, 0) + 1
    return counts


def fan_out(change: Change) -> int:
    """Queue the change for everyone it reaches: immediate messages into the outbox,
    the rest into the digest queue; returns how many subscribers it reaches."""
    targets = change.targets or {}
    target = Target(
        page_id=change.page_id,
        topics=tuple(targets.get("topics", ())),
        audiences=tuple(targets.get("audiences", ())),
        organizations=tuple(targets.get("organizations", ())),
        only_followers=change.kind == ChangeKind.ENDED,
    )
    sql, params = _matched_sql(target)
    message = Message._meta.db_table
    digest = DigestEntry._meta.db_table
    subscriber = Subscriber._meta.db_table
    now = timezone.now()
    by_subscriber = f"""
        SELECT m.subscriber_id, MIN(m.frequency) AS frequency
        FROM ({sql}) m WHERE m.has_profile = 0 GROUP BY m.subscriber_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {message} (idempotency_key, kind, channel, subscriber_id,
                    endpoint, change_id, payload, status, attempts, last_error,
                    created_at)
                SELECT %s || CAST(b.subscriber_id AS TEXT), %s, r.channel,
                    b.subscriber_id, '', %s, {_empty_json()}, 'pending', 0, '', %s
                FROM ({by_subscriber}) b JOIN {subscriber} r ON r.id = b.subscriber_id
                WHERE b.frequency = %s
                ON CONFLICT DO NOTHING""",  # noqa: S608
            [
                f"change:{change.pk}:",
                MessageKind.CHANGE,
                change.pk,
                now,
                *params,
                Frequency.IMMEDIATE,
            ],
        )
        reached = max(cursor.rowcount, 0)
        cursor.execute(
            f"""INSERT INTO {digest} (subscriber_id, change_id, frequency)
                SELECT b.subscriber_id, %s, b.frequency FROM ({by_subscriber}) b
                WHERE b.frequency > %s
                ON CONFLICT DO NOTHING""",  # noqa: S608
            [change.pk, *params, Frequency.IMMEDIATE],
        )
        reached += max(cursor.rowcount, 0)
        cursor.execute(
            f"SELECT m.subscription_id FROM ({sql}) m WHERE m.has_profile = 1",  # noqa: S608
            params,
        )
        with_profile = {row[0] for row in cursor.fetchall()}
    reached += _queue_profile_matches(change, _profile_matches(target, with_profile))
    return reached


def _queue_profile_matches(change: Change, matches: list[tuple]) -> int:
    if not matches:
        return 0
    urgency: dict[int, int] = {}
    for subscriber_id, frequency in matches:
        urgency[subscriber_id] = min(frequency, urgency.get(subscriber_id, frequency))
    channels = dict(
        Subscriber.objects.filter(pk__in=urgency).values_list("pk", "channel")
    )
    already = set(
        Message.objects.filter(change=change, subscriber_id__in=urgency).values_list(
            "subscriber_id", flat=True
        )
    ) | set(
        DigestEntry.objects.filter(change=change, subscriber_id__in=urgency)
        .filter(frequency__lte=Frequency.DAILY)
        .values_list("subscriber_id", flat=True)
    )
    new = {s: f for s, f in urgency.items() if s not in already}
    # A profile's immediate match outranks a digest entry queued by other criteria.
    immediate = [s for s, f in new.items() if f == Frequency.IMMEDIATE]
    DigestEntry.objects.filter(change=change, subscriber_id__in=immediate).delete()
    Message.objects.bulk_create(
        [
            Message(
                idempotency_key=f"change:{change.pk}:{s}",
                kind=MessageKind.CHANGE,
                channel=channels[s],
                subscriber_id=s,
                change=change,
            )
            for s in immediate
        ],
        ignore_conflicts=True,
    )
    DigestEntry.objects.bulk_create(
        [
            DigestEntry(subscriber_id=s, change=change, frequency=f)
            for s, f in new.items()
            if f != Frequency.IMMEDIATE
        ],
        ignore_conflicts=True,
    )
    return len(new)
