"""From what a citizen types to what the index is asked: words, synonyms, 文号, pinyin."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from cms.policies.doc_numbers import DOC_NUMBER_IN_TEXT_RE, find_doc_numbers

from .segmentation import has_cjk, refresh, segment, stopwords, vocabulary
from .spelling import correct, pinyin_terms

MAX_QUERY_LENGTH = 100
MAX_ALTERNATIVES = 6
_SERIAL_RE = re.compile(r"〔(\d{4})〕(\d+)号$")
_ASCII_WORD_RE = re.compile(r"^[a-z]+$")


@dataclass
class QueryPlan:
    text: str
    doc_numbers: list[str] = field(default_factory=list)
    # One tuple per concept of the query; any of its words may match.
    groups: list[tuple[str, ...]] = field(default_factory=list)
    # Word sequences that must match in order (the words of a 文号).
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    pinyin_text: str | None = None
    corrected_text: str | None = None
    # Dictionary words inside the query's compounds (养老金调整: 养老金, 调整),
    # searched only when the words as typed find little (they are costly and vague).
    part_words: list[str] = field(default_factory=list)

    def broadened(self) -> QueryPlan:
        """This plan with the compounds' parts as one more group of words."""
        parts = tuple(w for w in dict.fromkeys(self.part_words) if w not in self.terms)
        if not parts:
            return self
        return replace(
            self,
            groups=[*self.groups, parts],
            terms=[*self.terms, *parts],
            part_words=[],
        )

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.phrases


def clean_query(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").strip()
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def doc_number_serial(normalized: str) -> str | None:
    """The 〔年份〕序号号 end of a normalized 文号, to match stored ones by suffix."""
    match = _SERIAL_RE.search(normalized)
    return match.group(0) if match else None


def plan_query(text: str) -> QueryPlan:
    refresh()
    text = clean_query(text)
    plan = QueryPlan(text=text)
    if not text:
        return plan

    plan.doc_numbers = find_doc_numbers(text)
    rest = DOC_NUMBER_IN_TEXT_RE.sub(" ", text) if plan.doc_numbers else text
    for number in plan.doc_numbers:
        words = tuple(segment(number))
        if words:
            plan.phrases.append(words)

    vocab = vocabulary()
    tokens = segment(rest)
    meaningful = [t for t in tokens if t not in stopwords()]
    if not meaningful and not plan.phrases:
        meaningful = tokens
    pinyin_parts: list[str] = []
    converted = False
    for token in meaningful:
        if len(token) == 1 and has_cjk(token) and len(meaningful) > 1:
            continue
        alternatives = _alternatives(token, vocab)
        plan.part_words.extend(compound_parts(token, vocab))
        if _ASCII_WORD_RE.match(token):
            spelled = pinyin_terms(token)
            if spelled:
                converted = True
                pinyin_parts.append(spelled[0])
                for word in spelled:
                    alternatives.extend(_alternatives(word, vocab))
            else:
                pinyin_parts.append(token)
        else:
            pinyin_parts.append(token)
        alternatives = list(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES]
        if alternatives and tuple(alternatives) not in plan.groups:
            plan.groups.append(tuple(alternatives))

    if converted:
        plan.pinyin_text = "".join(pinyin_parts)
    corrected = correct(rest) if has_cjk(rest) else None
    if corrected:
        # A homophone or a slipped character: search the dictionary word as well.
        plan.corrected_text = text.replace(rest.strip(), corrected.strip(), 1)
        for token in segment(corrected):
            if token in stopwords() or (len(token) == 1 and has_cjk(token)):
                continue
            alternatives = tuple(dict.fromkeys(_alternatives(token, vocab)))
            plan.part_words.extend(compound_parts(token, vocab))
            if alternatives not in plan.groups:
                plan.groups.append(alternatives[:MAX_ALTERNATIVES])
    terms: list[str] = []
    for group in plan.groups:
        terms.extend(group)
    terms.extend(plan.doc_numbers)
    plan.terms = list(dict.fromkeys(t for t in terms if t))
    return plan


def _alternatives(token: str, vocab) -> list[str]:
    """The token, its synonyms, and its words re-spelled with synonyms of its parts."""
    result = [token]
    result.extend(vocab.synonyms.get(token, ()))
    if len(result) == 1 and len(token) >= 3:
        # 社保补贴 also finds 社会保险补贴.
        for word, others in vocab.synonyms.items():
            if len(word) >= 2 and word != token and word in token:
                result.extend(token.replace(word, other, 1) for other in others)
    return result


def compound_parts(token: str, vocab) -> list[str]:
    """A compound (养老金调整) or a word jieba guessed may be written apart in the
    documents: its longest dictionary parts."""
    if (len(token) >= 4 and has_cjk(token)) or (
        has_cjk(token) and token not in vocab.tokenizer.FREQ
    ):
        return _parts(token, vocab)
    return []


def _parts(token: str, vocab) -> list[str]:
    freq = vocab.tokenizer.FREQ
    found: list[str] = []
    for size in range(len(token) - 1, 1, -1):
        for start in range(0, len(token) - size + 1):
            part = token[start : start + size]
            if (
                freq.get(part)
                and part not in stopwords()
                and not any(part in longer for longer in found)
            ):
                found.append(part)
    return found
