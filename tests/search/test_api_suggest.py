# ruff: noqa: F811
"""suggest(...) through real HTTP: titles and dictionary terms from the engine,
merged with what the public searched most (Chinese prefixes and pinyin alike)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from search.engine import suggest as engine_suggest
from search.models import SearchQueryLog
from tests.api.builders import other_site

# The /graphql/ fixture of tests/api, requested by name (hence F811 above).
from tests.factories import PolicyPageFactory

OTHER_HOST = "b.example.gov.cn"
pytestmark = pytest.mark.django_db
SUGGEST = "query ($p: String!, $n: Int) { suggest(prefix: $p, first: $n) }"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def _log(query: str, *, times: int, results: int = 5, days_ago: float = 1, site=None):
    site = site or Site.objects.get(is_default_site=True)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    for _ in range(times):
        row = SearchQueryLog.objects.create(
            query=query, normalized=query, result_count=results, site=site
        )
        SearchQueryLog.objects.filter(pk=row.pk).update(created_at=when)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _build_world() -> Site:
    from cms.home.site_tree import ensure_site_tree
    from cms.taxonomy.models import Organization
    from cms.taxonomy.seed import BUREAU_NAME, seed_taxonomy

    seed_taxonomy()
    site_tree = ensure_site_tree()
    bureau = Organization.objects.get(name=BUREAU_NAME)
    PolicyPageFactory(
        parent=site_tree.policies,
        slug="shiye",
        title="失业保险金申领办法",
        issuers=[bureau],
    )
    other = other_site(OTHER_HOST)
    _log("失业金标准", times=5)
    _log("失业金怎么领", times=3)
    _log("社保卡挂失", times=4)
    _log("失业后去哪办", times=2)  # too rare to offer to others
    _log("失业补贴查询", times=6, results=0)  # found nothing
    _log("失业保险金申领", times=5, days_ago=40)  # too old
    _log("失业险", times=5, site=other.site)  # another site's public
    return Site.objects.get(is_default_site=True)


def _suggest(graphql, prefix: str, first: int | None = None) -> list[str]:
    variables = {"p": prefix}
    if first is not None:
        variables["n"] = first
    body = graphql(SUGGEST, variables)
    assert "errors" not in body, body
    return body["data"]["suggest"]


def _merged(hot: list[str], engine: list[str], first: int) -> list[str]:
    half = (first + 1) // 2
    return list(dict.fromkeys([*hot[:half], *engine, *hot[half:]]))[:first]


def test_chinese_prefix_hot_queries_first_then_titles_and_terms(graphql, world):
    engine = engine_suggest(prefix="失业", site=world, limit=8)
    assert "失业保险金申领办法" in engine  # the title
    result = _suggest(graphql, "失业")
    assert result == _merged(["失业金标准", "失业金怎么领"], engine, 8)
    assert result[:2] == ["失业金标准", "失业金怎么领"]
    for left_out in ("失业后去哪办", "失业补贴查询", "失业险"):
        assert left_out not in result
    assert len(result) == 8 == len(set(result))


@pytest.mark.parametrize(
    ("prefix", "hot"),
    [
        ("shiyejin", ["失业金标准", "失业金怎么领"]),  # full pinyin
        ("shiye jin", ["失业金标准", "失业金怎么领"]),  # with a space
        ("SYJ", ["失业金标准", "失业金怎么领"]),  # initials, any case
        ("syjz", ["失业金怎么领"]),
        ("sbk", ["社保卡挂失"]),
        ("shebaoka", ["社保卡挂失"]),
    ],
)
def test_pinyin_prefixes_find_hot_queries(graphql, world, prefix, hot):
    engine = engine_suggest(prefix=prefix.strip(), site=world, limit=8)
    assert _suggest(graphql, prefix) == _merged(hot, engine, 8)


def test_hot_queries_leave_room_for_the_engine(graphql, world):
    for n in range(6):
        _log(f"失业{n}号问题", times=3)
    engine = engine_suggest(prefix="失业", site=world, limit=4)
    result = _suggest(graphql, "失业", first=4)
    assert result == _merged(["失业金标准", "失业0号问题"], engine, 4)
    assert result[2:] == [s for s in engine if s not in result[:2]][:2]


def test_each_site_gets_its_own_hot_queries(graphql, world):
    body = graphql(SUGGEST, {"p": "shiyex"}, HTTP_HOST=OTHER_HOST)
    assert body["data"]["suggest"][0] == "失业险"


def test_nothing_to_suggest(graphql, world):
    assert _suggest(graphql, "   ") == []
    assert _suggest(graphql, "失业", first=0) == []
    assert _suggest(graphql, "失" * 31) == []
    assert _suggest(graphql, "qqqqqq") == []
    body = graphql(SUGGEST, {"p": "失业", "n": 101})
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"


def test_suggest_is_not_logged(graphql, world):
    before = SearchQueryLog.objects.count()
    _suggest(graphql, "失业")
    assert SearchQueryLog.objects.count() == before
