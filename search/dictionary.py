"""Editors' dictionary terms and synonym groups, and the version every process checks."""

from __future__ import annotations

import re

from django.db import connection

from .models import DictionaryTerm, SynonymGroup
from .segmentation import DATA_DIR, normalize_text

SEED_SYNONYMS_FILE = DATA_DIR / "synonyms.txt"
_SPLIT_RE = re.compile(r"[,，、;；=\n\r]+")


def split_terms(text: str) -> list[str]:
    """The words of a synonym group as editors type them (comma, 、 or newline)."""
    seen: list[str] = []
    for part in _SPLIT_RE.split(text or ""):
        word = normalize_text(part).strip()
        if word and word not in seen:
            seen.append(word)
    return seen


def dictionary_version() -> str:
    """Changes whenever a term or synonym group is added, edited or deleted."""
    terms = DictionaryTerm._meta.db_table
    groups = SynonymGroup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {terms}), (SELECT MAX(updated_at) FROM {terms}),"  # noqa: S608
            f" (SELECT COUNT(*) FROM {groups}), (SELECT MAX(updated_at) FROM {groups})"
        )
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def user_terms() -> list[tuple[str, int | None, str | None]]:
    return [
        (word, frequency, part_of_speech or None)
        for word, frequency, part_of_speech in DictionaryTerm.objects.values_list(
            "word", "frequency", "part_of_speech"
        )
    ]


def synonym_groups() -> list[list[str]]:
    return [
        terms
        for terms in (
            split_terms(text)
            for text in SynonymGroup.objects.filter(is_active=True).values_list(
                "terms", flat=True
            )
        )
        if len(terms) > 1
    ]


def load_synonyms() -> dict[str, tuple[str, ...]]:
    """Each word mapped to the other words of every group it belongs to."""
    mapping: dict[str, list[str]] = {}
    for group in synonym_groups():
        for word in group:
            others = mapping.setdefault(word, [])
            others.extend(w for w in group if w != word and w not in others)
    return {word: tuple(others) for word, others in mapping.items()}
