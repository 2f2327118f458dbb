"""The response cache: hits cost no SQL; every publish, unpublish, move or delete
of anything a response could contain invalidates it."""

from __future__ import annotations

import datetime
import os
import uuid

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from api import cache
from cms.home.models import SiteSettings
from cms.releases.models import FAQ
from cms.taxonomy.models import Audience, Organization, ServiceItem, Topic
from tests.factories.records import RedirectFactory

pytestmark = pytest.mark.django_db

LIST = """
query Policies($first: Int) {
  policies(first: $first) { totalCount edges { node { id title urlPath topics { name } } } }
}
"""
VARIABLES = {"first": 10}


def titles(response) -> list[str]:
    edges = response.json()["data"]["policies"]["edges"]
    return [edge["node"]["title"] for edge in edges]


def warm(api) -> None:
    """Fill the cache and prove the next identical request is served from it."""
    assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "MISS"
    assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "HIT"


def test_repeated_query_is_served_without_sql(api, policy, django_assert_num_queries):
    first = api.get(LIST, VARIABLES)
    assert first["X-GraphQL-Cache"] == "MISS"

    with django_assert_num_queries(0):
        second = api.get(LIST, VARIABLES)
    assert second["X-GraphQL-Cache"] == "HIT"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]

    with django_assert_num_queries(0):
        revalidated = api.get(LIST, VARIABLES, headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 304


def test_an_exact_repeat_is_answered_before_the_request_is_parsed(
    api, policy, monkeypatch
):
    first = api.get(LIST, VARIABLES)
    assert first["X-GraphQL-Cache"] == "MISS"

    def unparsable(request):
        raise AssertionError("the fast path must not parse the request")

    monkeypatch.setattr("api.views.parse_payload", unparsable)
    repeat = api.get(LIST, VARIABLES)
    assert (repeat["X-GraphQL-Cache"], repeat.content) == ("HIT", first.content)
    # A publish orphans the fast path's entries with everything else.
    monkeypatch.undo()
    policy.save_revision().publish()
    assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "MISS"


def test_a_repeat_is_answered_before_routing_with_the_same_headers(
    api, policy, monkeypatch
):
    first = api.get(LIST, VARIABLES)
    assert first["X-GraphQL-Cache"] == "MISS"

    def unroutable(self, request):
        raise AssertionError("a repeated GET must be answered before routing")

    monkeypatch.setattr(
        "django.core.handlers.base.BaseHandler.resolve_request", unroutable
    )
    repeat = api.get(LIST, VARIABLES)
    negotiated = api.get(
        LIST, VARIABLES, headers={"Accept": "application/graphql-response+json"}
    )
    monkeypatch.undo()

    def headers(response) -> dict[str, str]:
        return {k: v for k, v in response.items() if k != "X-GraphQL-Cache"}

    assert (repeat["X-GraphQL-Cache"], repeat.content) == ("HIT", first.content)
    # Every middleware's response side applied as to the view's answer.
    assert headers(repeat) == headers(first)
    assert {"Vary", "X-Frame-Options", "Content-Language"} <= set(repeat.headers)
    assert negotiated["X-GraphQL-Cache"] == "HIT"
    assert negotiated["Content-Type"] == "application/graphql-response+json"


def test_the_fast_path_keeps_editors_and_allow_list_clients_apart(
    api, policy, client, admin_user
):
    api.get(LIST, VARIABLES)
    assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "HIT"
    # The mini-program's client runs allow-listed queries only: not this one.
    refused = api.get(LIST, VARIABLES, headers={"X-Client": "MiniProgram"})
    assert refused.status_code == 400
    assert "data" not in refused.json()
    client.force_login(admin_user)  # a session cookie: never shared
    assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "BYPASS"


def test_the_key_date_turns_at_local_midnight(monkeypatch):
    zone = timezone.get_default_timezone()
    midnight = datetime.datetime(2026, 12, 7, tzinfo=zone).timestamp()
    for at, day in (
        (midnight - 1, "2026-12-06"),
        (midnight, "2026-12-07"),
        (midnight + 86_399, "2026-12-07"),
        (midnight + 86_400, "2026-12-08"),
        (midnight - 1, "2026-12-06"),  # a clock set back
    ):
        monkeypatch.setattr(cache.time, "time", lambda at=at: at)
        assert cache.today_iso() == day


def test_same_document_written_differently_shares_an_entry(api, policy):
    api.get(LIST, VARIABLES)
    reformatted = " ".join(LIST.split()).replace("{ ", "{").replace(" }", "}")
    commented = "# the list page\n" + reformatted
    assert api.get(commented, VARIABLES)["X-GraphQL-Cache"] == "HIT"
    # POST reads the same entry, without claiming to be HTTP-cacheable.
    posted = api.post(LIST, VARIABLES)
    assert posted["X-GraphQL-Cache"] == "HIT"
    assert posted["Cache-Control"] == "no-store"


def test_variables_operation_and_host_are_part_of_the_key(api, policy, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    api.get(LIST, VARIABLES)
    assert api.get(LIST, {"first": 5})["X-GraphQL-Cache"] == "MISS"
    other_host = api.client.get(
        "/graphql/",
        {"query": LIST, "variables": '{"first": 10}'},
        headers={"Host": "other.example"},
    )
    assert other_host["X-GraphQL-Cache"] == "MISS"


def test_publish_invalidates(api, policy):
    warm(api)
    policy.title = "关于调整最低工资标准的通知（2026年）"
    policy.save_revision().publish()

    response = api.get(LIST, VARIABLES)
    assert response["X-GraphQL-Cache"] == "MISS"
    assert titles(response) == ["关于调整最低工资标准的通知（2026年）"]


def test_unpublish_invalidates(api, policy):
    warm(api)
    policy.unpublish()

    response = api.get(LIST, VARIABLES)
    assert response["X-GraphQL-Cache"] == "MISS"
    assert titles(response) == []


def test_move_invalidates(api, policy, site_tree):
    query = "query ($id: ID) { page(id: $id) { urlPath } }"
    variables = {"id": str(policy.pk)}
    before = api.get(query, variables).json()["data"]["page"]["urlPath"]
    assert api.get(query, variables)["X-GraphQL-Cache"] == "HIT"

    policy.move(site_tree.interpretations, pos="last-child")

    response = api.get(query, variables)
    assert response["X-GraphQL-Cache"] == "MISS"
    after = response.json()["data"]["page"]["urlPath"]
    assert after != before
    assert after.startswith(site_tree.interpretations.get_url_parts()[2])


def test_delete_invalidates(api, policy):
    warm(api)
    policy.delete()

    response = api.get(LIST, VARIABLES)
    assert response["X-GraphQL-Cache"] == "MISS"
    assert titles(response) == []


def test_snippet_save_invalidates(api, policy):
    topic = Topic.objects.get(slug="shiye")
    policy.topics.add(topic)
    policy.save_revision().publish()
    warm(api)

    topic.name = "失业保险（含稳岗返还）"
    topic.save()

    response = api.get(LIST, VARIABLES)
    assert response["X-GraphQL-Cache"] == "MISS"
    nodes = response.json()["data"]["policies"]["edges"]
    assert nodes[0]["node"]["topics"] == [{"name": "失业保险（含稳岗返还）"}]


def test_draft_edits_do_not_invalidate(api, policy):
    warm(api)
    policy.title = "还在起草的新标题"
    policy.save_revision()  # saved as a draft, not published

    response = api.get(LIST, VARIABLES)
    assert response["X-GraphQL-Cache"] == "HIT"
    assert titles(response) == ["关于调整最低工资标准的通知"]


def test_every_content_model_is_watched():
    watched = {model._meta.label for model in cache.watched_models()}
    expected = {
        model._meta.label
        for model in (
            Organization,
            Topic,
            Audience,
            ServiceItem,
            FAQ,
            SiteSettings,
            Redirect,
            get_image_model(),
            get_document_model(),
        )
    }
    assert expected <= watched
    # Renditions are made while answering queries: they must not invalidate.
    assert "wagtailimages.Rendition" not in watched


@pytest.mark.parametrize(
    "change",
    [
        lambda site_tree: Organization.objects.create(name="新成立的机构"),
        lambda site_tree: Audience.objects.first().delete(),
        lambda site_tree: FAQ.objects.create(
            question="怎么办？", answer="<p>这样办。</p>"
        ),
        lambda site_tree: SiteSettings.for_site(site_tree.home.get_site()).save(),
        lambda site_tree: RedirectFactory(old_path="/old", redirect_link="/"),
    ],
    ids=["organization", "audience-delete", "faq", "site-settings", "redirect"],
)
def test_watched_model_changes_bump_the_generation(site_tree, change):
    before = cache.current_generation()
    change(site_tree)
    assert cache.current_generation() != before


def test_generation_is_shared_through_a_stamp_file_with_a_local_cache(
    settings, tmp_path
):
    # Two workers with their own LocMemCache still agree through the file.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "shared.generation"
    before = cache.current_generation()
    assert cache.current_generation() == before
    (tmp_path / "shared.generation").write_text("written-by-another-worker")
    assert cache.current_generation() != before


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL is not set (CI sets redis://127.0.0.1:6379/15)",
)
def test_with_real_redis(api, policy, settings):
    import redis

    prefix = f"zwgk-test-{uuid.uuid4().hex[:8]}"
    # This worker's own Redis database (settings.py gives each xdist worker one):
    # another worker's cache.clear() empties its database, not this one.
    location = settings.CACHES["default"]["LOCATION"]
    assert location.startswith("redis://")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    other_process = redis.Redis.from_url(location)
    try:
        warm(api)
        # Another process (its own connection) bumps the counter: this one must
        # stop serving what it stored under the old generation.
        other_process.incr(f"{prefix}:1:{cache.GENERATION_KEY}")
        assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "MISS"
        assert api.get(LIST, VARIABLES)["X-GraphQL-Cache"] == "HIT"

        policy.title = "经 Redis 失效后的新标题"
        policy.save_revision().publish()
        response = api.get(LIST, VARIABLES)
        assert response["X-GraphQL-Cache"] == "MISS"
        assert titles(response) == ["经 Redis 失效后的新标题"]
    finally:
        for key in other_process.scan_iter(f"{prefix}:*"):
            other_process.delete(key)
