"""The keyword filter's index, from each listed decision's public (masked) text:
its character bigrams, one row per bigram per decision (models.DecisionGram),
and the text itself in one narrow row (models.DecisionText).

The keyword filter is an exact case-insensitive substring match over the masked
文书号, 当事人 and content (selectors.filter_decisions), and the list returns
an exact ``totalCount``. The decision table's rows are wide (every raw and
public field): reading thousands of them is what a keyword used to cost, not
the substring test. So nothing here reads them:

- The bigrams say which decisions may hold a keyword: their text is folded
  (``index_fold``) so that whatever either backend's ``icontains`` takes as
  the same character is the same bigram, and each field's last character is
  followed by ``END``, so that every character of a field begins a bigram. A
  decision holding a keyword holds all its bigrams; one holding a character
  holds a bigram of the range beginning with it (``char_range``).
- ``DecisionText.text`` joins the three fields with ``SEPARATOR`` (a keyword
  without it matches the joined text exactly where it matches one of the
  fields), folded once as the backend's ``icontains`` folds (``text_value``):
  the same rows as the three ``icontains``, tested as one ``instr()`` on
  SQLite, one ``LIKE`` on PostgreSQL (``Contains``). A keyword holding
  ``SEPARATOR`` is matched on the fields themselves.

The candidates are the ids holding the keyword's rarest bigram (and, when it is
rare, its ``INTERSECTED`` rarest), or its character's range; the text test
keeps those that hold the substring. Where the index alone decides — a
character or two characters without letter case (汉字, digits, punctuation) —
there is no text test. When the candidates are many (``COMMON``), the page
reads the list's own index in order and tests each decision on its text row,
stopping after 20, while the exact count collects the matching ids once and
looks each listed decision up among them in the list's index
(``_PageOrAll``, ``_ids``).

Only the masked copies are ever split or copied (``GRAM_FIELDS``): the raw name
and ID number of a natural person never reach these tables. A decision that is
not public (unpublished, revoked, withdrawn) has no rows; ``write_grams`` is
called by every write of a decision (save, import; withdrawal and 信用修复
save it) and keeps them in step.
"""

from __future__ import annotations

import string
import time
import unicodedata
from collections.abc import Callable, Iterable

from django.db import connections, router, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.lookups import IContains, In, Lookup

# What the keyword filter matches as a substring, masked copies only
# (selectors.filter_decisions; the public identifier is matched whole, by its
# own index).
GRAM_FIELDS = (
    "document_number",
    "public_party_name",
    "public_content",
)
# Joins GRAM_FIELDS in DecisionText.text: a keyword holding it could match across
# two fields, and is matched on the fields themselves.
SEPARATOR = "\n"
# How many of a rare keyword's bigrams the database intersects: the rarest ones;
# the text test does the rest on the few candidates left.
INTERSECTED = 3
# A bigram (or a character's range) held by more than COMMON decisions and by
# more than one in COMMON_SHARE of the listed ones gives many candidates.
COMMON = 2000
COMMON_SHARE = 8
_FREQUENCIES: dict[int, tuple[float, int]] = {}
_FREQUENCY_TTL = 600.0
# One code point fits in 21 bits: a bigram is one integer.
_SHIFT = 0x110000
_BATCH = 2000
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Each character c whose upper case, lower-cased again, is not c.lower(): what
# index_fold takes it as (computed from Python's Unicode tables); and Σ, which
# str.lower() makes ς at the end of a word.
_INDEX_FOLD = str.maketrans(
    "\u00b5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0"
    "\u03f1\u03f5\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe\u03a3",
    "\u03bc\u0069\u0073\u03b9\u03c3\u03b2\u03b8\u03c6\u03c0\u03ba"
    "\u03c1\u03b5\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\ua64b\u1e61\u03b9\u03c3",
)
# Follows the last character of each field in the index (field_grams): the
# highest code point, so a bigram with it stays below the next character's.
END = chr(_SHIFT - 1)


def encode(pair: str) -> int:
    return ord(pair[0]) * _SHIFT + ord(pair[1])


def decode(gram: int) -> str:
    return chr(gram // _SHIFT) + chr(gram % _SHIFT)


def index_fold(text: str) -> str:
    """``text`` as the bigrams hold it: lower-cased, and the characters whose
    upper case another character shares (ς, ı, ſ, µ ... as Σ, I, S, Μ) taken as
    that one, so two characters that either backend's ``icontains`` takes as
    the same are the same here (Σ always σ, not ς at the end of a word)."""
    return (text or "").translate(_INDEX_FOLD).lower()


def text_grams(text: str) -> set[int]:
    """The bigrams of ``text``, folded like the case-insensitive match."""
    text = index_fold(text)
    return {encode(text[i : i + 2]) for i in range(len(text) - 1)}


def field_grams(text: str) -> set[int]:
    """What a field adds to the index: its bigrams and its last character
    followed by ``END``, so that every character of it begins a bigram."""
    folded = index_fold(text)
    grams = {encode(folded[i : i + 2]) for i in range(len(folded) - 1)}
    if folded:
        grams.add(encode(folded[-1] + END))
    return grams


def decision_grams(decision) -> set[int]:
    grams: set[int] = set()
    for name in GRAM_FIELDS:
        grams |= field_grams(getattr(decision, name))
    return grams


def char_range(char: str) -> tuple[int, int]:
    """The bigrams that begin with ``char``: one range of the index."""
    return ord(char) * _SHIFT, (ord(char) + 1) * _SHIFT


def fold(text: str) -> str:
    """ASCII letters lower-cased, nothing else: what SQLite's LIKE ignores."""
    return text.translate(_ASCII_LOWER)


def public_text(decision) -> str:
    """The GRAM_FIELDS of ``decision``, joined: ``DecisionText.text`` before the
    backend's fold (``text_value``)."""
    return SEPARATOR.join(getattr(decision, name) or "" for name in GRAM_FIELDS)


def text_value(vendor: str) -> tuple[str, Callable[[str], str]]:
    """How ``DecisionText.text`` is written on ``vendor``: the SQL placeholder
    and what Python does to the value first. Folded as the backend's icontains
    compares: ASCII lower-cased on SQLite (Python, like LIKE), UPPER() on
    PostgreSQL (by PostgreSQL itself, so its own Unicode tables); as it is
    elsewhere."""
    if vendor == "sqlite":
        return "%s", fold
    if vendor == "postgresql":
        return "UPPER(%s)", str
    return "%s", str


def keyword_grams(keyword: str) -> list[int]:
    """The bigrams a decision must hold to contain ``keyword`` (none for a
    single character, unless it folds to two, as İ does)."""
    return sorted(text_grams(keyword))


def _caseless(keyword: str) -> bool:
    """No character of ``keyword`` has a letter case or is a combining mark
    ('İ'.lower() ends in one): on every backend, a text contains it exactly
    when the text's folded bigrams hold its own."""
    return all(
        char == char.lower() == char.upper() and not unicodedata.combining(char)
        for char in keyword
    )


class Contains(IContains):
    """``icontains`` on ``DecisionText.text``, whose fold (``text_value``) is
    the one icontains applies: the same rows as icontains on each field. The
    stored text is not folded again for every row, and the keyword is found by
    position, not as a LIKE pattern: on SQLite ``instr()`` of the ASCII-folded
    keyword, on PostgreSQL ``strpos()`` of the upper-cased one."""

    def as_sqlite(self, compiler, connection):
        lhs, params = Lookup.process_lhs(self, compiler, connection)
        return f"INSTR({lhs}, %s) > 0", (*params, fold(self.rhs))

    def as_postgresql(self, compiler, connection):
        lhs, params = Lookup.process_lhs(self, compiler, connection)
        return f"STRPOS({lhs}, UPPER(%s)) > 0", (*params, self.rhs)


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


def char_frequency(char: str) -> int:
    """How many bigrams held by decisions begin with ``char`` (remembered like
    ``frequencies``)."""
    from .models import DecisionGram

    now = time.monotonic()
    key = -2 - ord(char)  # below -1, listed_count's
    entry = _FREQUENCIES.get(key)
    if entry is not None and now - entry[0] < _FREQUENCY_TTL:
        return entry[1]
    low, high = char_range(char)
    count = DecisionGram.objects.filter(gram__gte=low, gram__lt=high).count()
    if count:
        _FREQUENCIES[key] = (now, count)
    return count


def listed_count() -> int:
    """How many decisions have bigrams (remembered like ``frequencies``)."""
    from .models import CreditDecision

    now = time.monotonic()
    entry = _FREQUENCIES.get(-1)
    if entry is None or now - entry[0] >= _FREQUENCY_TTL:
        count = CreditDecision.objects.filter(listed_until__isnull=False).count()
        entry = _FREQUENCIES[-1] = (now, count)
    return entry[1]


class _Unindexed(Func):
    """The expression itself; on SQLite written ``+x``, which keeps the planner
    from using an index for it."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection):
        return self.as_sql(compiler, connection, template="+%(expressions)s")


def _ids(ids: QuerySet, *, many: bool) -> Q:
    """The decisions whose id is among ``ids`` (one id column). For ``many``
    (thousands), each decision the count reads from the list's own index is
    looked up among them, and its wide row is never read; SQLite would
    otherwise look each of the ids up in the decision table."""
    if not many:
        return Q(pk__in=ids)
    return Q(In(_Unindexed(F("pk"), output_field=BigIntegerField()), ids))


class _PageOrAll(Expression):
    """One condition written two ways, the same rows either way. A query that
    stops after a page (sliced) tests each decision it reads on its text row, no
    more than the page needs (``each``); one that reads every match, the exact
    count, collects the matching ids once (``every``)."""

    conditional = True

    def __init__(self, each: Q, every: Q) -> None:
        super().__init__(output_field=BooleanField())
        self.each, self.every = each, every

    def get_source_expressions(self):
        return [self.each, self.every]

    def set_source_expressions(self, exprs) -> None:
        self.each, self.every = exprs

    def as_sql(self, compiler, connection):
        chosen = self.each if compiler.query.is_sliced else self.every
        return compiler.compile(chosen)


def _texts(keyword: str) -> QuerySet:
    from .models import DecisionText

    return DecisionText.objects.filter(Contains(F("text"), keyword))


def _matching(keyword: str, every: Q, *, many: bool) -> Q:
    """``every``, the ids of the decisions containing ``keyword``; for ``many``,
    a page tests the decisions it reads instead (``_PageOrAll``)."""
    from .models import DecisionText

    if not many or SEPARATOR in keyword:
        return every
    # The text as a value, not EXISTS: PostgreSQL would turn an EXISTS into a
    # hashed set of every match, which is what a page is to avoid.
    text = DecisionText.objects.filter(decision=OuterRef("pk")).values("text")
    each = Q(Contains(Subquery(text[:1]), keyword))
    return Q(_PageOrAll(each, every))


def contains(keyword: str, *, among: QuerySet, many: bool) -> Q:
    """The decisions among ``among`` (ids holding the keyword's rarest bigram,
    or bigrams beginning with its character) whose public text contains
    ``keyword``."""
    if SEPARATOR in keyword:
        fields = Q.create(
            [(f"{name}__icontains", keyword) for name in GRAM_FIELDS],
            connector=Q.OR,
        )
        return fields if many else Q(pk__in=among) & fields
    ids = _texts(keyword).filter(decision_id__in=among).values("decision_id")
    return _matching(keyword, _ids(ids, many=many), many=many)


def _is_many(count: int) -> bool:
    return count > max(COMMON, listed_count() // COMMON_SHARE)


def keyword_match(keyword: str) -> Q:
    """The condition on CreditDecision for "its public text contains
    ``keyword``", through the bigrams where they narrow it or decide it
    (module docstring)."""
    from .models import DecisionGram

    caseless = _caseless(keyword) and END not in keyword
    grams = keyword_grams(keyword)
    if not grams:
        # One character: every decision holding it holds a bigram beginning
        # with it (field_grams).
        char = index_fold(keyword)
        count = char_frequency(char)
        if not count:
            return Q(pk__in=[])
        many = _is_many(count)
        low, high = char_range(char)
        holding = DecisionGram.objects.filter(gram__gte=low, gram__lt=high)
        holding = holding.order_by().values("decision_id")
        if not caseless:
            return contains(keyword, among=holding, many=many)
        return _matching(keyword, _ids(holding, many=many), many=many)
    counts = frequencies(grams)
    rarest = sorted(grams, key=lambda gram: (counts[gram], gram))[:INTERSECTED]
    if not counts[rarest[0]]:
        return Q(pk__in=[])  # a bigram no decision holds
    many = _is_many(counts[rarest[0]])
    postings = DecisionGram.objects.filter(gram=rarest[0])
    if not many:
        # Few: the ids holding all of the rarest bigrams are fewer still.
        for gram in rarest[1:]:
            postings = postings.filter(
                Exists(
                    DecisionGram.objects.filter(
                        gram=gram, decision_id=OuterRef("decision")
                    )
                )
            )
    postings = postings.order_by().values("decision_id")
    if len(keyword) == 2 and caseless:
        # The bigram is the keyword.
        return _matching(keyword, _ids(postings, many=many), many=many)
    return contains(keyword, among=postings, many=many)


def write_grams(decisions: Iterable) -> None:
    """Replace the bigram and text rows of ``decisions`` by those of their
    public text as it is now; a decision that is not listed (``listed_until``
    empty) keeps none."""
    from .models import DecisionGram, DecisionText

    decisions = [d for d in decisions if d.pk is not None]
    if not decisions:
        return
    connection = connections[router.db_for_write(DecisionGram)]
    quote = connection.ops.quote_name
    listed = [d for d in decisions if d.listed_until is not None]
    # In index order: the inserts land on neighbouring pages.
    rows = sorted(
        (gram, decision.pk) for decision in listed for gram in decision_grams(decision)
    )
    placeholder, folded = text_value(connection.vendor)
    texts = sorted((d.pk, folded(public_text(d))) for d in listed)
    # Table and column names from the models, quoted by the backend; values are
    # parameters.
    insert_gram = (
        f"INSERT INTO {quote(DecisionGram._meta.db_table)} "  # noqa: S608
        f"({quote('gram')}, {quote('decision_id')}) VALUES (%s, %s)"
    )
    insert_text = (
        f"INSERT INTO {quote(DecisionText._meta.db_table)} "  # noqa: S608
        f"({quote('decision_id')}, {quote('text')}) VALUES (%s, {placeholder})"
    )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        ids = [d.pk for d in decisions]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for model in (DecisionGram, DecisionText):
                model.objects.filter(decision_id__in=chunk)._raw_delete(
                    connection.alias
                )
        for start in range(0, len(rows), _BATCH):
            cursor.executemany(insert_gram, rows[start : start + _BATCH])
        for start in range(0, len(texts), _BATCH):
            cursor.executemany(insert_text, texts[start : start + _BATCH])
