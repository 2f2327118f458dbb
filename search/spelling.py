"""Pinyin conversion and typo correction against the dictionary's terms.

People type 失业保险 as ``shiyebaoxian`` or ``sybx`` on a phone keyboard, and pick the
wrong homophone (失业保鲜金) or slip one character (失业保验金). The vocabulary is
the bureau dictionary, editors' terms and synonym words: small and telling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segmentation import Vocabulary, has_cjk, pinyin, vocabulary

_PINYIN_TOKEN_RE = re.compile(r"^[a-z]{2,40}$")
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
MAX_CANDIDATES = 3


def full_pinyin(text: str) -> str:
    return "".join(pinyin().lazy_pinyin(text, errors="ignore"))


def initials(text: str) -> str:
    return "".join(
        pinyin().lazy_pinyin(text, style=pinyin().Style.FIRST_LETTER, errors="ignore")
    )


@dataclass
class SpellingIndex:
    version: str
    by_pinyin: dict[str, list[str]]
    by_initials: dict[str, list[str]]
    by_wildcard: dict[str, list[str]]
    pinyin_sorted: list[tuple[str, str]]  # (full pinyin, term), for prefix lookups


def _build(vocab: Vocabulary) -> SpellingIndex:
    by_pinyin: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    by_wildcard: dict[str, list[str]] = {}
    # Longer, more specific terms first so they win ties.
    terms = sorted((t for t in vocab.terms if has_cjk(t)), key=lambda t: (-len(t), t))
    for term in terms:
        by_pinyin.setdefault(full_pinyin(term), []).append(term)
        if len(term) >= 2:
            by_initials.setdefault(initials(term), []).append(term)
        if len(term) >= 3:
            for i in range(len(term)):
                by_wildcard.setdefault(term[:i] + "?" + term[i + 1 :], []).append(term)
    pinyin_sorted = sorted((full_pinyin(t), t) for t in terms)
    return SpellingIndex(
        version=vocab.version,
        by_pinyin=by_pinyin,
        by_initials=by_initials,
        by_wildcard=by_wildcard,
        pinyin_sorted=pinyin_sorted,
    )


_index: SpellingIndex | None = None


def spelling_index() -> SpellingIndex:
    global _index
    vocab = vocabulary()
    if _index is None or _index.version != vocab.version:
        _index = _build(vocab)
    return _index


def pinyin_terms(token: str) -> list[str]:
    """Dictionary terms a Latin-letter token spells in full pinyin or initials."""
    token = token.lower()
    if not _PINYIN_TOKEN_RE.match(token):
        return []
    index = spelling_index()
    found = index.by_pinyin.get(token) or []
    if not found and len(token) <= 8:
        found = index.by_initials.get(token) or []
    return found[:MAX_CANDIDATES]


def pinyin_prefix_terms(prefix: str, limit: int) -> list[str]:
    """Terms whose full pinyin starts with ``prefix`` (autocomplete), shortest first."""
    prefix = prefix.lower().replace(" ", "")
    if not _PINYIN_TOKEN_RE.match(prefix):
        return []
    index = spelling_index()
    found = [term for pinyin, term in index.pinyin_sorted if pinyin.startswith(prefix)]
    found += index.by_initials.get(prefix, [])
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=len)[:limit]


def correct(text: str) -> str | None:
    """``text`` with homophone or one-character typos replaced by dictionary terms.

    Returns None when nothing looks mistyped.
    """
    index = spelling_index()
    terms = vocabulary().terms
    corrected = text
    changed = False
    for run in _CJK_RUN_RE.findall(text):
        fixed = _correct_run(run, index, terms)
        if fixed != run:
            corrected = corrected.replace(run, fixed, 1)
            changed = True
    return corrected if changed else None


def _correct_run(run: str, index: SpellingIndex, terms: frozenset[str]) -> str:
    known = vocabulary().tokenizer.FREQ
    result = run
    covered = _covered(result, terms)
    # Longest spans first; a span inside a correct term is left alone.
    for size in range(min(len(result), 8), 1, -1):
        start = 0
        while start + size <= len(result):
            span = result[start : start + size]
            if all(covered[start : start + size]) or known.get(span):
                # Inside a correct term, or a real word (事业 is not a typo of 失业).
                start += 1
                continue
            replacement = _homophone(span, index) or _one_slip(span, index)
            if replacement and replacement != span:
                result = result[:start] + replacement + result[start + size :]
                covered = _covered(result, terms)
            start += 1
    return result


def _covered(text: str, terms: frozenset[str]) -> list[bool]:
    """Which characters belong to a correctly spelled term of two or more characters."""
    mask = [False] * len(text)
    for term in terms:
        if len(term) < 2:
            continue
        position = text.find(term)
        while position != -1:
            for i in range(position, position + len(term)):
                mask[i] = True
            position = text.find(term, position + 1)
    return mask


def _homophone(span: str, index: SpellingIndex) -> str | None:
    candidates = index.by_pinyin.get(full_pinyin(span)) or []
    same_length = [c for c in candidates if len(c) == len(span)]
    return same_length[0] if same_length else None


def _one_slip(span: str, index: SpellingIndex) -> str | None:
    if len(span) < 4:
        return (
            None  # one wrong character in a 3-character word is too often a real word
        )
    for i in range(len(span)):
        candidates = index.by_wildcard.get(span[:i] + "?" + span[i + 1 :])
        if candidates:
            return candidates[0]
    return None
