"""Highlighted titles and snippets for search results: ``<em>`` marks, all else escaped.

Terms come from the engine (the segmented query with its synonyms and pinyin
readings resolved to Chinese words). Matches are found in the raw text and the
pieces escaped afterwards, so a term can never match inside an entity (``&amp;``)
and a title holding ``<script>`` comes out as text. Overlapping and adjacent
matches merge into one mark: 失业 + 保险金 over 失业保险金 gives one
``<em>失业保险金</em>``, not a mark per word or per character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

SNIPPET_LENGTH = 120
# Characters of context kept before the first match of the chosen window.
SNIPPET_LEAD = 20
ELLIPSIS = "…"
# Windows tried per text: a long body with hundreds of hits stays cheap.
MAX_WINDOWS = 200
# Fields whose text makes the snippet, in the order they are read.
TEXT_FIELDS = ("summary", "body", "description", "intro")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    term: str


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def usable_terms(terms: Iterable[str]) -> list[str]:
    """Distinct terms worth marking, longest first.

    Single characters are dropped while a longer term exists (a 的 or 领 left over
    from segmentation would otherwise light up the whole text); a lone Chinese
    character query (“社”) still gets its marks. A single Latin letter never does.
    """
    seen: dict[str, str] = {}
    for term in terms:
        cleaned = _SPACES.sub(" ", term or "").strip()
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    found = list(seen.values())
    has_long = any(len(term) > 1 for term in found)
    kept = [term for term in found if len(term) > 1 or (not has_long and _is_cjk(term))]
    return sorted(kept, key=lambda term: (-len(term), term))


def _matches(text: str, terms: Sequence[str]) -> list[_Match]:
    found = []
    for term in terms:
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        found.extend(
            _Match(m.start(), m.end(), term.casefold()) for m in pattern.finditer(text)
        )
    found.sort(key=lambda match: (match.start, -match.end))
    return found


def _spans(matches: Sequence[_Match]) -> list[tuple[int, int]]:
    """Matches merged where they overlap or touch."""
    spans: list[tuple[int, int]] = []
    for match in matches:
        if spans and match.start <= spans[-1][1]:
            start, end = spans[-1]
            spans[-1] = (start, max(end, match.end))
        else:
            spans.append((match.start, match.end))
    return spans


def mark(text: str, terms: Iterable[str]) -> str:
    """``text`` HTML-escaped, with each run of matched terms wrapped in ``<em>``."""
    matches = _matches(text, usable_terms(terms))
    pieces = []
    position = 0
    for start, end in _spans(matches):
        pieces.append(escape(text[position:start]))
        pieces.append(f"<em>{escape(text[start:end])}</em>")
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def _best_window(text: str, matches: Sequence[_Match], length: int) -> int:
    """Start of the first ``length`` window holding the most distinct terms.

    The first wins ties: the first mention usually carries the context, and a
    window packed with one repeated word says less than one with several.
    """
    best_start, best_distinct = 0, -1
    for match in matches[:MAX_WINDOWS]:
        start = max(0, min(match.start - SNIPPET_LEAD, len(text) - length))
        end = start + length
        distinct = len({m.term for m in matches if m.start >= start and m.end <= end})
        if distinct > best_distinct:
            best_start, best_distinct = start, distinct
    return best_start


def snippet(text: str, terms: Iterable[str], *, length: int = SNIPPET_LENGTH) -> str:
    """About ``length`` characters of ``text`` around its best match, marked.

    Without a match it is the start of the text. ``…`` marks where text was cut.
    """
    plain = _SPACES.sub(" ", text).strip()
    if len(plain) <= length:
        return mark(plain, terms)
    matches = _matches(plain, usable_terms(terms))
    start = _best_window(plain, matches, length) if matches else 0
    end = start + length
    window = plain[start:end]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(plain) else ""
    return f"{prefix}{mark(window, terms)}{suffix}"


def _field_text(page: Page, field: models.Field) -> str:
    value = getattr(page, field.attname, None)
    if not value:
        return ""
    if isinstance(field, StreamField):
        # Blocks give plain text already (rich text blocks strip their own tags).
        return " ".join(
            str(part) for part in field.get_searchable_content(value) if part
        )
    if isinstance(field, RichTextField):
        return get_text_for_indexing(str(value))
    return str(value)


def text_field_names(model: type[Page]) -> list[str]:
    """The snippet's source fields present on ``model``."""
    names = {field.name for field in model._meta.get_fields()}
    return [name for name in TEXT_FIELDS if name in names]


def page_text(page: Page) -> str:
    """The readable text of a page (summary, body, ...), tags stripped."""
    parts = (
        _field_text(page, page._meta.get_field(name))
        for name in text_field_names(type(page))
    )
    return _SPACES.sub(" ", " ".join(part for part in parts if part)).strip()


def page_texts(pages: Sequence[Page]) -> dict[int, str]:
    """``page_text`` of each page; text fields a page was loaded without are read
    in one query per page type, not one per page."""
    missing: dict[type[Page], list[Page]] = {}
    for page in pages:
        deferred = page.get_deferred_fields()
        if any(name in deferred for name in text_field_names(type(page))):
            missing.setdefault(type(page), []).append(page)
    complete: dict[int, Page] = {}
    for model, partial in missing.items():
        names = text_field_names(model)
        rows = model._default_manager.filter(pk__in=[p.pk for p in partial])
        complete.update((page.pk, page) for page in rows.only("pk", *names))
    return {page.pk: page_text(complete.get(page.pk, page)) for page in pages}


def hit_texts(hits: Sequence) -> list[tuple[str, str]]:
    """(title, snippet source text) of each search hit: a page's title and
    ``page_text`` (read in one query per page type), a record's as its
    registration gives them (search/registry.py)."""
    texts = page_texts([hit.page for hit in hits if hit.page is not None])
    result = []
    for hit in hits:
        search_type = hit.search_type
        if hit.page is not None and search_type.text is None:
            result.append((search_type.title(hit.page), texts[hit.page.pk]))
        else:
            text = search_type.text(hit.item) if search_type.text else ""
            result.append((search_type.title(hit.item), _SPACES.sub(" ", text).strip()))
    return result
