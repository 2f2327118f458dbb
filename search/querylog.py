"""The anonymous log of public searches, and the hot queries read from it.

A log row holds the words, the result count, the site and the time: never an IP
address, a user, a cookie or anything else about the visitor. Logging must never
cost the visitor their results, so a failure is swallowed (and reported to the
server log) inside its own savepoint.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Site

from cms.participation.masking import mask_email, mask_id_number, mask_phone

from .engine import suggest
from .models import SearchQueryLog
from .segmentation import pinyin

logger = logging.getLogger(__name__)

MAX_LOGGED_LENGTH = 200
HOT_WINDOW = datetime.timedelta(days=30)
# A query must have been searched this often before it is offered to others, so a
# one-off search (a name, a phone number) never shows up in someone's autocomplete.
HOT_MIN_COUNT = 3
# How many hot queries per site are kept in memory for prefix and pinyin matching.
HOT_CANDIDATES = 200
HOT_CACHE_SECONDS = 300
_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^a-z]")
# Identifiers people paste into a search box by mistake; the log keeps them masked.
_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def normalize_query(text: str) -> str:
    """One spelling per query: full-width folded (NFKC), lower case, single spaces."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _SPACES.sub(" ", folded).strip()[:MAX_LOGGED_LENGTH]


def redact(text: str) -> str:
    """``text`` with resident ID numbers, mobile numbers and e-mail addresses masked."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group()), text)
    return _EMAIL.sub(lambda m: mask_email(m.group()), text)


def log_search(*, query: str, result_count: int, site: Site | None) -> None:
    """Record one public search; never raises."""
    query = redact(query)
    normalized = normalize_query(query)
    if not normalized:
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(
                query=_SPACES.sub(" ", query).strip()[:MAX_LOGGED_LENGTH],
                normalized=normalized,
                result_count=max(0, result_count),
                site=site,
            )
    except DatabaseError:
        logger.warning("Search query log: could not record a search", exc_info=True)


# --- Hot queries ---------------------------------------------------------------------


@dataclass(frozen=True)
class HotQuery:
    text: str
    count: int
    pinyin: str  # full pinyin, letters only: shiyebaoxian
    initials: str  # sybx


@functools.lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[str, str]:
    """Full pinyin and initials, letters only (zh/ch/sh as z/c/s, as phones type)."""
    full = "".join(pinyin().lazy_pinyin(text, errors="ignore"))
    initials = "".join(
        pinyin().lazy_pinyin(text, style=pinyin().Style.FIRST_LETTER, errors="ignore")
    )
    return _NOT_LETTERS.sub("", full.lower()), _NOT_LETTERS.sub("", initials.lower())


def _hot_candidates(site: Site | None) -> list[HotQuery]:
    since = timezone.now() - HOT_WINDOW
    rows = (
        SearchQueryLog.objects.filter(
            created_at__gte=since, result_count__gt=0, site=site
        )
        .values("normalized")
        .annotate(count=Count("id"))
        .filter(count__gte=HOT_MIN_COUNT)
        .order_by("-count", "normalized")[:HOT_CANDIDATES]
    )
    candidates = []
    for row in rows:
        full, initials = _readings(row["normalized"])
        candidates.append(
            HotQuery(row["normalized"], row["count"], pinyin=full, initials=initials)
        )
    return candidates


def hot_candidates(site: Site | None) -> list[HotQuery]:
    """The site's most searched queries that found something (cached a few minutes)."""
    key = f"search:hot-queries:{site.pk if site else '-'}"
    candidates = cache.get(key)
    if candidates is None:
        candidates = _hot_candidates(site)
        cache.set(key, candidates, HOT_CACHE_SECONDS)
    return candidates


def _matches(candidate: HotQuery, prefix: str, letters: str) -> bool:
    if candidate.text.startswith(prefix):
        return True
    # Pinyin typed on a phone keyboard: full (shiye) or initials (sybx).
    return bool(letters) and (
        candidate.pinyin.startswith(letters) or candidate.initials.startswith(letters)
    )


def hot_queries_for_prefix(*, prefix: str, site: Site | None, limit: int) -> list[str]:
    """Hot queries starting with ``prefix``, in Chinese or in pinyin, most searched first."""
    normalized = normalize_query(prefix)
    if not normalized or limit <= 0:
        return []
    letters = normalized.replace(" ", "") if normalized.isascii() else ""
    letters = letters if letters.isalpha() else ""
    found = [
        candidate.text
        for candidate in hot_candidates(site)
        if _matches(candidate, normalized, letters)
    ]
    return found[:limit]


def suggestions(*, prefix: str, site: Site, limit: int) -> list[str]:
    """Autocomplete: hot queries merged with the engine's titles and terms.

    Hot queries lead but take at most half the places, so titles and dictionary
    terms still show; either side fills what the other leaves. Spellings that
    normalize alike appear once.
    """
    hot = hot_queries_for_prefix(prefix=prefix, site=site, limit=limit)
    engine = suggest(prefix=prefix, site=site, limit=limit)
    half = (limit + 1) // 2
    merged: dict[str, str] = {}
    for suggestion in [*hot[:half], *engine, *hot[half:]]:
        if key := normalize_query(suggestion):
            merged.setdefault(key, suggestion)
    return list(merged.values())[:limit]
