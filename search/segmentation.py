"""Chinese word segmentation with jieba, the bureau dictionary and editors' terms.

One jieba ``Tokenizer`` per dictionary version (never jieba's global one). The base
tokenizer loads jieba's shipped dictionary once per process from an on-disk cache;
editors' words are applied to a copy of its frequency table, so a dictionary change
costs milliseconds, not a reload. Every process checks the version in the database
before it segments a query (``refresh()``), so a change applies on the next query
without a restart.
"""

from __future__ import annotations

import gc
import logging
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    import jieba

logger = logging.getLogger(__name__)


@cache
def _jieba():
    """jieba, imported on first use: a process that never segments (an API worker
    serving lists) does not carry it (~17 MiB, and ~60 MiB more for its
    dictionary). settings.SEARCH_WARM_UP loads it at start instead (search/apps.py).
    """
    import jieba

    # jieba logs every dictionary load at DEBUG on its own stderr handler.
    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def pinyin():
    """pypinyin, imported on first use (its dictionaries hold ~56 MiB)."""
    import pypinyin

    return pypinyin


DATA_DIR = Path(__file__).resolve().parent / "data"
BUREAU_DICTIONARY = DATA_DIR / "bureau_dict.txt"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
# High enough that jieba keeps a bureau word whole against its default dictionary.
DEFAULT_TERM_FREQUENCY = 20_000

_TAG_RE = re.compile(r"<[^>]+>")
_ENTITY_RE = re.compile(r"&(?:nbsp|amp|lt|gt|quot|#\d+);")
# A token worth indexing: has a CJK character, a letter or a digit.
_WORD_RE = re.compile(r"[\u4e00-\u9fff0-9a-z]", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def read_word_file(path: Path) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) lines of a jieba-style user dictionary, comments skipped."""
    entries = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((word, freq, tag))
    return entries


@cache
def bureau_terms() -> tuple[str, ...]:
    return tuple(word for word, _freq, _tag in read_word_file(BUREAU_DICTIONARY))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(word for word, _f, _t in read_word_file(STOPWORDS_FILE))


def normalize_text(text: str) -> str:
    """Plain, width-folded, lower-case text: markup and entities removed."""
    text = _ENTITY_RE.sub(" ", _TAG_RE.sub(" ", text or ""))
    return unicodedata.normalize("NFKC", text).lower()


def is_word(token: str) -> bool:
    return bool(_WORD_RE.search(token))


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


# --- tokenizers -----------------------------------------------------------------------

_base_lock = threading.Lock()
_base_tokenizer: jieba.Tokenizer | None = None


def _cache_dir() -> Path:
    configured = getattr(settings, "SEARCH_JIEBA_CACHE_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir())


def base_tokenizer() -> jieba.Tokenizer:
    """jieba's shipped dictionary, loaded once per process from a marshal cache file."""
    global _base_tokenizer
    if _base_tokenizer is None:
        with _base_lock:
            if _base_tokenizer is None:
                started = time.perf_counter()
                tokenizer = _jieba().Tokenizer()
                cache_dir = _cache_dir()
                try:
                    cache_dir.mkdir(parents=True, exist_ok=True)
                    tokenizer.tmp_dir = str(cache_dir)
                except OSError:
                    tokenizer.tmp_dir = None  # jieba falls back to the temp dir
                tokenizer.cache_file = "zwgk-jieba.cache"
                tokenizer.initialize()
                _base_tokenizer = tokenizer
                _keep_out_of_collections()
                logger.info(
                    "jieba dictionary loaded in %.0f ms",
                    (time.perf_counter() - started) * 1000,
                )
    return _base_tokenizer


@dataclass
class Vocabulary:
    """The words of one dictionary version: what jieba keeps whole, and synonyms."""

    version: str
    tokenizer: jieba.Tokenizer
    terms: frozenset[str]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _keep_out_of_collections() -> None:
    """Exempt what is loaded so far from the cyclic garbage collector.

    What a process loads once (the apps, jieba, pypinyin's phrase dictionary with
    ~200,000 lists alone) lives as long as the process. Every full collection walked
    it all: a pause of ~130 ms that landed on whichever request (any request, not
    only searches) happened to trigger it. ``gc.freeze()`` moves it to the permanent
    generation; a replaced vocabulary is still freed by reference counting.
    Measured with benchmarks/search.py: the slowest of 165 searches went from
    165-220 ms to ~70 ms (SQLite, 20,000 policies).
    """
    gc.freeze()


def build_tokenizer(
    extra: Iterable[tuple[str, int | None, str | None]],
) -> jieba.Tokenizer:
    base = base_tokenizer()
    tokenizer = _jieba().Tokenizer()
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.user_word_tag_tab = dict(base.user_word_tag_tab)
    tokenizer.initialized = True
    for word, freq, tag in extra:
        word = normalize_text(word).strip()
        if not word or " " in word:
            continue
        tokenizer.add_word(word, freq or DEFAULT_TERM_FREQUENCY, tag or None)
    return tokenizer


_state_lock = threading.Lock()
_current: Vocabulary | None = None


def _db_version() -> str:
    from .dictionary import dictionary_version

    return dictionary_version()


def refresh(*, force: bool = False) -> Vocabulary:
    """The vocabulary for the dictionary version in the database, rebuilt if changed."""
    global _current
    version = _db_version()
    current = _current
    if current is not None and current.version == version and not force:
        return current
    with _state_lock:
        if _current is not None and _current.version == version and not force:
            return _current
        from .dictionary import load_synonyms, user_terms

        user = user_terms()
        words = [(w, None, None) for w in bureau_terms()] + user
        synonyms = load_synonyms()
        synonym_words = [(w, None, None) for w in synonyms]
        tokenizer = build_tokenizer([*words, *synonym_words])
        _current = Vocabulary(
            version=version,
            tokenizer=tokenizer,
            terms=frozenset(normalize_text(w) for w, _f, _t in words)
            | frozenset(synonyms),
            synonyms=synonyms,
        )
        _keep_out_of_collections()
        return _current


def vocabulary() -> Vocabulary:
    """The current vocabulary without a version check (refresh() does that)."""
    return _current or refresh()


def tokenizer() -> jieba.Tokenizer:
    return vocabulary().tokenizer


def segment(text: str) -> list[str]:
    """Words of ``text`` with the current dictionary (precise mode), punctuation dropped."""
    cleaned = normalize_text(text)
    return [
        token.strip()
        for token in tokenizer().cut(cleaned, HMM=True)
        if token.strip() and is_word(token)
    ]


def index_words(text: str) -> list[str]:
    """Words for the full-text index: each word and every dictionary word inside it.

    失业保险金 is indexed as 失业保险金, 失业保险, 保险金, 失业 and 保险, so a query
    for a shorter or longer form of a word still matches (jieba's search mode only
    adds two- and three-character parts).
    """
    tok = tokenizer()
    freq = tok.FREQ
    words: list[str] = []
    for token in tok.cut(normalize_text(text), HMM=True):
        token = token.strip()
        if not token or not is_word(token):
            continue
        length = len(token)
        if length > 2 and has_cjk(token):
            for size in range(2, length):
                for start in range(0, length - size + 1):
                    part = token[start : start + size]
                    if freq.get(part):
                        words.append(part)
        words.append(token)
    return words


def segment_for_index(text: str) -> str:
    """Space-joined ``index_words`` for the database index columns."""
    return " ".join(index_words(text))


def warm_up() -> float:
    """Load the tokenizer now; returns the seconds it took."""
    started = time.perf_counter()
    base_tokenizer()
    return time.perf_counter() - started
