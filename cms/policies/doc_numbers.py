"""发文字号 (document numbers) as people type them, and one form to compare them by.

A 发文字号 is 机关代字 + 〔年份〕 + 序号 + 号, e.g. 闵人社发〔2025〕19号. People copy it with
[], (), （）, ［］, 【】 or spaces instead of the hexagonal brackets, with full-width digits,
or with a leading zero; all of those must compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_BRACKETS = "〔〕[]()（）［］【】{}｛｝<>《》〈〉"
_DOC_NUMBER_RE = re.compile(
    r"""^
    (?P<prefix>.*?[^\d\s])          # 机关代字, ends in a non-digit
    \s*(?P<year>(?:19|20)\d{2})\s*   # year, brackets already removed
    第?\s*(?P<serial>\d{1,6})\s*     # serial number
    号?$""",
    re.VERBOSE,
)
_SPACES_RE = re.compile(r"\s+")


def _fold_width(value: str) -> str:
    # NFKC turns full-width digits, letters and spaces into ASCII; it leaves 〔〕 alone.
    return unicodedata.normalize("NFKC", value)


def normalize_doc_number(value: str | None) -> str:
    """The canonical comparison form: 机关代字〔年份〕序号号, or a cleaned-up string.

    >>> normalize_doc_number("闵人社发 [2025] 019 号")
    '闵人社发〔2025〕19号'
    """
    if not value:
        return ""
    text = _fold_width(value).strip()
    unbracketed = "".join(" " if ch in _BRACKETS else ch for ch in text)
    unbracketed = _SPACES_RE.sub(" ", unbracketed).strip()
    match = _DOC_NUMBER_RE.match(unbracketed)
    if match:
        prefix = _SPACES_RE.sub("", match["prefix"])
        return f"{prefix}〔{match['year']}〕{int(match['serial'])}号"
    return _SPACES_RE.sub("", unbracketed)


# Finds a 发文字号 inside a longer text (a search query, a sentence in a body).
DOC_NUMBER_IN_TEXT_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[(（［【{｛]?\s*(?:19|20)\d{2}\s*[〕\])）］】}｝]?"
    r"\s*第?\s*\d{1,6}\s*号"
)


def find_doc_numbers(text: str) -> list[str]:
    """Normalized 发文字号 found anywhere in ``text``."""
    folded = _fold_width(text or "")
    return [
        normalize_doc_number(m.group(0)) for m in DOC_NUMBER_IN_TEXT_RE.finditer(folded)
    ]
