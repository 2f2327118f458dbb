"""Elasticsearch 9 with Chinese analysis, and the public search's query on it.

Analysis (settings.SEARCH_ES_ANALYZER, or the backend's ANALYZER param):
- ``ik``: the IK plugin, ``ik_max_word`` at index time and ``ik_smart`` at query time;
- ``smartcn``: the analysis-smartcn plugin;
- ``jieba``: documents are segmented here with jieba (our dictionary) and indexed on a
  whitespace analyzer;
- ``auto`` (default): IK if the cluster has it, else smartcn, else jieba.

In every mode each document also gets ``_terms``: its jieba words with the bureau
dictionary and editors' terms, on a whitespace analyzer, so the dictionary applies
on Elasticsearch whatever the plugin. Synonym groups are pushed into the index
settings as a ``synonym_graph`` filter of the search analyzers. A dictionary or
synonym change takes effect in Elasticsearch after ``rebuild_search_index``.

If Elasticsearch cannot be reached, ``elasticsearch_matcher`` returns None and the
engine searches the database index (kept up to date alongside), logging a warning.
"""

from __future__ import annotations

import logging
import time
from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import deep_update

from .. import registry
from ..query import QueryPlan
from ..segmentation import segment_for_index
from .database import ChineseQueryMixin
from .indexing import TITLE_FIELDS, index_texts, split_public

logger = logging.getLogger(__name__)

MODES = ("ik", "smartcn", "jieba")
MAX_MATCHES = 1000
# After a failed request, Elasticsearch is not asked again for this many seconds.
RETRY_AFTER_SECONDS = 30.0
TITLE_BOOST = 8
TERMS_BOOST = 2

TOKENIZERS = {
    "ik": ("ik_max_word", "ik_smart"),
    "smartcn": ("smartcn_tokenizer", "smartcn_tokenizer"),
    "jieba": ("whitespace", "whitespace"),
}


def analysis_settings(mode: str, synonym_groups: list[list[str]]) -> dict:
    """The ``settings.analysis`` of the index for ``mode`` with the synonym groups."""
    if mode not in MODES:
        raise ValueError(f"unknown analyzer mode {mode!r}")
    index_tokenizer, search_tokenizer = TOKENIZERS[mode]
    synonyms = [", ".join(group) for group in synonym_groups if len(group) > 1]
    search_filters = ["lowercase", "zh_synonyms"] if synonyms else ["lowercase"]
    analysis = {
        "analyzer": {
            "zh_index": {
                "type": "custom",
                "tokenizer": index_tokenizer,
                "filter": ["lowercase"],
            },
            "zh_search": {
                "type": "custom",
                "tokenizer": search_tokenizer,
                "filter": search_filters,
            },
            "zh_terms": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase"],
            },
            "zh_terms_search": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": search_filters,
            },
        },
    }
    if synonyms:
        analysis["filter"] = {
            "zh_synonyms": {
                "type": "synonym_graph",
                "synonyms": synonyms,
                "lenient": True,
            }
        }
    return analysis


def index_settings(base: dict, mode: str, synonym_groups: list[list[str]]) -> dict:
    """Wagtail's index settings (ngram analyzers) plus the Chinese analysis."""
    settings = deepcopy(base)
    return deep_update(
        settings, {"settings": {"analysis": analysis_settings(mode, synonym_groups)}}
    )


TEXT_ANALYZERS = {"analyzer": "zh_index", "search_analyzer": "zh_search"}
TERMS_ANALYZERS = {"analyzer": "zh_terms", "search_analyzer": "zh_terms_search"}


class ChineseMapping(Elasticsearch9Mapping):
    """Text fields analysed as Chinese; ``_terms`` holds our jieba words."""

    mode = "jieba"

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and mapping.get("type") == "text":
            mapping.update(TEXT_ANALYZERS)
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name, field in properties.items():
            if name.startswith("_all_text"):
                field.update(TEXT_ANALYZERS)
        properties["_terms"] = {"type": "text", **TERMS_ANALYZERS}
        properties["_title_terms"] = {"type": "text", **TERMS_ANALYZERS}
        return mapping

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if (
            self.mode == "jieba"
            and isinstance(field, SearchField)
            and not isinstance(field, AutocompleteField)
            and isinstance(value, str)
        ):
            value = segment_for_index(value)
        return name, value, edgengrams

    def get_document(self, obj):
        document = super().get_document(obj)
        title, body, _autocomplete = index_texts(obj)
        document["_title_terms"] = title
        document["_terms"] = f"{title} {body}".strip()
        return document


class ChineseElasticsearchIndex(Elasticsearch9Index):
    def put(self):
        self.es.indices.create(index=self.name, **self.backend.current_index_settings())

    def add_items(self, model, items):
        self.backend.mode  # noqa: B018 - settles the analysis mode before mapping
        public, hidden = split_public(model, items)
        for item in hidden:
            self.delete_item(item)
        if public:
            super().add_items(model, public)

    def add_item(self, item):
        self.backend.mode  # noqa: B018 - settles the analysis mode before mapping
        public, hidden = split_public(type(item), [item])
        if hidden:
            self.delete_item(item)
            return
        super().add_item(item)


class ChineseElasticsearchBackend(ChineseQueryMixin, Elasticsearch9SearchBackend):
    index_class = ChineseElasticsearchIndex

    def __init__(self, params):
        params = dict(params)
        self.requested_mode = params.pop("ANALYZER", "auto")
        super().__init__(params)
        self._mode: str | None = (
            self.requested_mode if self.requested_mode in MODES else None
        )
        self.mapping_class = type(
            "ChineseMapping", (ChineseMapping,), {"mode": self._mode or "jieba"}
        )

    @property
    def mode(self) -> str:
        if self._mode is None:
            self._mode = self.detect_mode()
            self.mapping_class.mode = self._mode
        return self._mode

    def detect_mode(self) -> str:
        """IK if the cluster has it, else smartcn, else jieba words."""
        try:
            plugins = {
                plugin.get("name", "")
                for node in self.es.nodes.info(metric="plugins")["nodes"].values()
                for plugin in node.get("plugins", [])
            }
        except Exception:  # noqa: BLE001 - any failure: the plugin-free mode works
            logger.warning("Elasticsearch plugins unknown; using jieba words")
            return "jieba"
        if any("analysis-ik" in name or name == "ik" for name in plugins):
            return "ik"
        if "analysis-smartcn" in plugins:
            return "smartcn"
        return "jieba"

    def current_index_settings(self) -> dict:
        from ..dictionary import synonym_groups

        return index_settings(self.settings, self.mode, synonym_groups())

    def page_index_name(self) -> str:
        from wagtail.models import Page

        return self.get_index_for_model(Page).name

    def search_index_names(self) -> list[str]:
        """The indices the public search reads: the pages' and each record type's."""
        names = [self.page_index_name()]
        for search_type in registry.record_types():
            name = self.get_index_for_model(search_type.model).name
            if name not in names:
                names.append(name)
        return names


PAGE_CONTENT_TYPE = "wagtailcore.Page"


def searchable_content_types() -> list[str]:
    """The ``_django_content_type`` values of what the public search returns."""
    return [
        PAGE_CONTENT_TYPE,
        *(
            f"{t.model._meta.app_label}.{t.model.__name__}"
            for t in registry.record_types()
        ),
    ]


def query_body(plan: QueryPlan, *, size: int = MAX_MATCHES) -> dict:
    """The Elasticsearch request for a plan: any group's words, 文号 phrases, titles
    weighted above bodies, over pages and registered records; only ids, content
    types and scores come back."""
    should: list[dict] = []
    for group in plan.groups:
        text = " ".join(group)
        should.append(
            {
                "multi_match": {
                    "query": text,
                    "fields": [
                        f"title^{TITLE_BOOST}",
                        f"_title_terms^{TITLE_BOOST}",
                        "_all_text",
                        f"_terms^{TERMS_BOOST}",
                    ],
                    "type": "best_fields",
                    "operator": "or",
                }
            }
        )
    for words in plan.phrases:
        should.append(
            {
                "match_phrase": {
                    "_title_terms": {"query": " ".join(words), "boost": TITLE_BOOST}
                }
            }
        )
        should.append({"match_phrase": {"_terms": {"query": " ".join(words)}}})
    return {
        "query": {
            "bool": {
                "filter": [
                    {"terms": {"_django_content_type": searchable_content_types()}}
                ],
                "should": should,
                "minimum_should_match": 1,
            }
        },
        "_source": False,
        "stored_fields": ["pk"],
        "docvalue_fields": ["_django_content_type"],
        "size": size,
        "track_total_hits": False,
    }


class ElasticsearchMatcher:
    """The best matches from Elasticsearch; the database applies the public scope."""

    def __init__(self, plan: QueryPlan, ranked: list[tuple[int, int, float]]):
        self.plan = plan
        self.ranked = ranked

    def candidates(self, limit: int = MAX_MATCHES) -> list[tuple[int, int, float]]:
        return self.ranked[:limit]


def _content_type_id(values: list[str]) -> int | None:
    """The content type id of a hit from its ``_django_content_type`` values (the
    model and its indexed ancestors, in any order): the most specific one."""
    from django.apps import apps

    models = []
    for value in values:
        try:
            models.append(apps.get_model(value))
        except (LookupError, ValueError):
            continue
    for model in models:
        if all(issubclass(model, other) for other in models):
            return registry.content_type_id(model)
    return None


def ranked_hits(response: dict) -> list[tuple[int, int, float]]:
    """(content type id, object id, score) of an Elasticsearch response's hits."""
    ranked = []
    for hit in response["hits"]["hits"]:
        fields = hit.get("fields") or {}
        content_type_id = _content_type_id(fields.get("_django_content_type") or [])
        if content_type_id is None:
            continue
        pk = fields.get("pk") or [hit.get("_id")]
        ranked.append((content_type_id, int(pk[0]), float(hit.get("_score") or 0.0)))
    return ranked


_unavailable_until = 0.0
_backends: dict[str, ChineseElasticsearchBackend] = {}


def configured_backend() -> ChineseElasticsearchBackend | None:
    """The configured Elasticsearch backend (one client per configuration)."""
    from modelsearch.conf import get_app_config
    from wagtail.search.backends import get_search_backend

    for name, conf in get_app_config().get_search_backend_config().items():
        if not str(conf.get("BACKEND", "")).startswith("search.backends.elasticsearch"):
            continue
        key = repr(sorted((k, repr(v)) for k, v in conf.items()))
        if key not in _backends:
            backend = get_search_backend(name)
            if not isinstance(backend, ChineseElasticsearchBackend):
                continue
            _backends[key] = backend
        return _backends[key]
    return None


def elasticsearch_matcher(plan: QueryPlan) -> ElasticsearchMatcher | None:
    """An Elasticsearch matcher, or None (not configured, or unreachable: warned)."""
    global _unavailable_until
    backend = configured_backend()
    if backend is None or plan.is_empty:
        return None
    if time.monotonic() < _unavailable_until:
        return None
    try:
        response = backend.es.options(request_timeout=backend.timeout).search(
            # A record type nothing was indexed for yet has no index: not an error.
            index=",".join(backend.search_index_names()),
            ignore_unavailable=True,
            **query_body(plan),
        )
    except Exception as error:  # noqa: BLE001 - any failure: the database answers
        _unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning(
            "Elasticsearch unavailable (%s); searching the database index instead",
            error.__class__.__name__,
        )
        return None
    return ElasticsearchMatcher(plan, ranked_hits(response))


def reset_availability() -> None:
    global _unavailable_until
    _unavailable_until = 0.0


SearchBackend = ChineseElasticsearchBackend

__all__ = [
    "TITLE_FIELDS",
    "ChineseElasticsearchBackend",
    "analysis_settings",
    "elasticsearch_matcher",
    "index_settings",
    "query_body",
]
