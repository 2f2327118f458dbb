"""The keyword filter's index: the character bigrams of each listed decision's
public (masked) text, one row per bigram per decision (models.DecisionGram).

A keyword of two characters or more is looked for among the decisions holding
every bigram of it, then checked as a substring of the same fields as before
(selectors.filter_decisions): the result is exactly the substring match, but the
database reads the few postings of the keyword's bigrams instead of the masked
text of every public decision. 社保, a fragment of a company name or a whole
文书号 find what a substring search finds; a single character has no bigram and
is still matched as a substring.

Only the masked copies are ever split (``GRAM_FIELDS``): the raw name and ID
number of a natural person never reach this table. A decision that is not
public (unpublished, revoked, withdrawn) has no rows; ``write_grams`` is called
by every write of a decision (save, import) and keeps them in step.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connections, router, transaction
from django.db.models import Count, Exists, OuterRef, Q

# What the keyword filter matches as a substring, masked copies only
# (selectors.filter_decisions; the public identifier is matched whole, by its
# own index).
GRAM_FIELDS = (
    "document_number",
    "public_party_name",
    "public_content",
)
# How many of a keyword's bigrams the database intersects: the rarest ones; the
# substring check does the rest on the few candidates left.
INTERSECTED = 3
# A bigram held by more than COMMON decisions and by more than one in
# COMMON_SHARE of the listed ones is common (keyword_match).
COMMON = 2000
COMMON_SHARE = 8
_FREQUENCIES: dict[int, tuple[float, int]] = {}
_FREQUENCY_TTL = 600.0
# One code point fits in 21 bits: a bigram is one integer.
_SHIFT = 0x110000
_BATCH = 2000


def encode(pair: str) -> int:
    return ord(pair[0]) * _SHIFT + ord(pair[1])


def decode(gram: int) -> str:
    return chr(gram // _SHIFT) + chr(gram % _SHIFT)


def text_grams(text: str) -> set[int]:
    """The bigrams of ``text``, lower-cased like the case-insensitive match."""
    text = (text or "").lower()
    return {encode(text[i : i + 2]) for i in range(len(text) - 1)}


def decision_grams(decision) -> set[int]:
    grams: set[int] = set()
    for name in GRAM_FIELDS:
        grams |= text_grams(getattr(decision, name))
    return grams


def keyword_grams(keyword: str) -> list[int]:
    """The bigrams a decision must hold to contain ``keyword`` (none for a
    single character)."""
    return sorted(text_grams(keyword))


def frequencies(grams: list[int]) -> dict[int, int]:
    """How many decisions hold each of ``grams``: a hint for which to intersect
    first, remembered for a while per process (a stale figure only costs time,
    never a result). A zero is always counted afresh (one index probe)."""
    from .models import DecisionGram

    now = time.monotonic()
    known = {
        gram: entry[1]
        for gram in grams
        if (entry := _FREQUENCIES.get(gram)) and now - entry[0] < _FREQUENCY_TTL
    }
    missing = [gram for gram in grams if gram not in known]
    if missing:
        counted = dict(
            DecisionGram.objects.filter(gram__in=missing)
            .order_by()
            .values("gram")
            .annotate(n=Count("gram"))
            .values_list("gram", "n")
        )
        if len(_FREQUENCIES) > 100_000:
            _FREQUENCIES.clear()
        for gram in missing:
            known[gram] = counted.get(gram, 0)
            # Not a zero: keyword_match takes it as "nothing holds it".
            if known[gram]:
                _FREQUENCIES[gram] = (now, known[gram])
    return known


def listed_count() -> int:
    """How many decisions have bigrams (remembered like ``frequencies``)."""
    from .models import CreditDecision

    now = time.monotonic()
    entry = _FREQUENCIES.get(-1)
    if entry is None or now - entry[0] >= _FREQUENCY_TTL:
        count = CreditDecision.objects.filter(listed_until__isnull=False).count()
        entry = _FREQUENCIES[-1] = (now, count)
    return entry[1]


def keyword_match(keyword: str, substring: Q) -> Q | None:
    """The condition on CreditDecision for "its public text contains
    ``keyword``" through the bigrams, ``substring`` being the same test on the
    text itself; None for a keyword without a bigram (one character).

    A keyword whose rarest bigram few decisions hold: the ids holding the
    ``INTERSECTED`` rarest (postings of one, each looked up in the others), then
    ``substring`` on those only. A common one (every bigram in more than
    ``COMMON`` decisions and an eighth of all): the list reads decisions in its own order and tests
    each (the rarest bigram, then ``substring``), stopping after a page, not
    after every match. A two-character keyword is its one bigram: no substring
    test at all."""
    from .models import DecisionGram

    grams = keyword_grams(keyword)
    if not grams:
        return None
    counts = frequencies(grams)
    rarest = sorted(grams, key=lambda gram: (counts[gram], gram))[:INTERSECTED]
    exact = len(keyword.lower()) == 2
    if not counts[rarest[0]]:
        return Q(pk__in=[])  # a bigram no decision holds
    if counts[rarest[0]] > max(COMMON, listed_count() // COMMON_SHARE):
        holds = Exists(
            DecisionGram.objects.filter(gram=rarest[0], decision_id=OuterRef("pk"))
        )
        return Q(holds) if exact else Q(holds) & substring
    postings = DecisionGram.objects.filter(gram=rarest[0])
    for gram in rarest[1:]:
        postings = postings.filter(
            Exists(
                DecisionGram.objects.filter(gram=gram, decision_id=OuterRef("decision"))
            )
        )
    ids = Q(pk__in=postings.order_by().values("decision_id"))
    # The substring test next to the ids, not in a subquery of its own:
    # PostgreSQL would scan every decision's text for it first.
    return ids if exact else ids & substring


def write_grams(decisions: Iterable) -> None:
    """Replace the bigram rows of ``decisions`` by those of their public text as
    it is now; a decision that is not listed (``listed_until`` empty) keeps none."""
    from .models import DecisionGram

    decisions = [d for d in decisions if d.pk is not None]
    if not decisions:
        return
    table = DecisionGram._meta.db_table
    connection = connections[router.db_for_write(DecisionGram)]
    quote = connection.ops.quote_name
    # In index order: the inserts land on neighbouring pages.
    rows = sorted(
        (gram, decision.pk)
        for decision in decisions
        if decision.listed_until is not None
        for gram in decision_grams(decision)
    )
    # Table and column names from the model, quoted by the backend; values are
    # parameters.
    insert = (
        f"INSERT INTO {quote(table)} ({quote('gram')}, {quote('decision_id')}) "  # noqa: S608
        "VALUES (%s, %s)"
    )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        ids = [d.pk for d in decisions]
        for start in range(0, len(ids), 500):
            DecisionGram.objects.filter(
                decision_id__in=ids[start : start + 500]
            )._raw_delete(connection.alias)
        for start in range(0, len(rows), _BATCH):
            cursor.executemany(insert, rows[start : start + _BATCH])
