"""Persisted queries: Apollo APQ over GET and POST, and the allow-list mode."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from api import persisted
from api.models import PersistedQuery

pytestmark = pytest.mark.django_db

QUERY = "{ policies(first: 3) { totalCount edges { node { title } } } }"
NOT_FOUND = {
    "errors": [
        {
            "message": "PersistedQueryNotFound",
            "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
        }
    ]
}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def pq(text: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(text)}}


def committed(name: str) -> tuple[str, str]:
    """(hash, body) of an operation in the committed manifest."""
    for sha256, body in persisted.committed().items():
        if body.startswith(f"query {name}"):
            return sha256, body
    raise AssertionError(f"{name} is not in api/persisted/manifest.json")


@pytest.mark.parametrize("method", ["get", "post"])
def test_apq_round_trip(api, policy, method):
    send = getattr(api, method)

    # 1. The hash alone: unknown, answered exactly as Apollo clients expect.
    miss = send(extensions=pq(QUERY))
    assert miss.status_code == 200
    assert miss.json() == NOT_FOUND
    assert miss["Cache-Control"] == "private, no-cache, must-revalidate"

    # 2. Hash and query: checked, run and remembered.
    full = send(QUERY, extensions=pq(QUERY))
    assert full.json() == {
        "data": {
            "policies": {"totalCount": 1, "edges": [{"node": {"title": policy.title}}]}
        }
    }

    # 3. The hash alone now runs the query, cacheable over GET and POST alike.
    again = send(extensions=pq(QUERY))
    assert again.json() == full.json()
    assert again["Cache-Control"].startswith("public, max-age=")
    assert again["ETag"]


def test_hash_only_get_is_served_from_the_response_cache(
    api, policy, django_assert_num_queries
):
    api.post(QUERY, extensions=pq(QUERY))
    assert api.get(extensions=pq(QUERY))["X-GraphQL-Cache"] == "HIT"
    with django_assert_num_queries(0):
        assert api.get(extensions=pq(QUERY)).status_code == 200


def test_hash_mismatch_is_refused(api):
    response = api.post("{ __typename }", extensions=pq("{ something_else }"))
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    assert "sha256Hash 与查询文本不符" in error["message"]
    # Nothing was remembered under the wrong hash.
    assert api.post(extensions=pq("{ something_else }")).json() == NOT_FOUND


def test_invalid_queries_are_not_remembered(api, site_tree):
    bad = "{ policies { nope } }"
    assert "errors" in api.post(bad, extensions=pq(bad)).json()
    assert api.post(extensions=pq(bad)).json() == NOT_FOUND


@pytest.mark.parametrize(
    ("extension", "code"),
    [
        ({"version": 2, "sha256Hash": sha(QUERY)}, "PERSISTED_QUERY_NOT_SUPPORTED"),
        ({"version": 1, "sha256Hash": "nope"}, "PERSISTED_QUERY_INVALID_HASH"),
    ],
)
def test_malformed_extension_is_refused(api, extension, code):
    response = api.post(QUERY, extensions={"persistedQuery": extension})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == code


# --- Allow-list mode ---------------------------------------------------------------


def allow_list_requests(api):
    """The three ways a request ends up in allow-list mode."""
    return {
        "header": lambda **kw: api.get(headers={"X-Client": "miniprogram"}, **kw),
        "url": lambda **kw: api.get(path="/graphql/mp/", **kw),
    }


@pytest.mark.parametrize("mode", ["header", "url", "setting"])
def test_allow_list_accepts_committed_queries(api, policy, settings, mode):
    if mode == "setting":
        settings.GRAPHQL_PERSISTED_QUERIES_ONLY = True
        send = api.get
    else:
        send = allow_list_requests(api)[mode]
    sha256, body = committed("PolicyList")

    by_hash = send(extensions={"persistedQuery": {"version": 1, "sha256Hash": sha256}})
    assert by_hash.status_code == 200
    data = by_hash.json()["data"]["policies"]
    assert data["edges"] == [
        {
            "node": {
                "id": str(policy.pk),
                "title": policy.title,
                "docNumber": policy.doc_number,
                "publishDate": policy.publish_date.isoformat(),
                "validity": "VALID",
                "urlPath": data["edges"][0]["node"]["urlPath"],
            }
        }
    ]
    assert by_hash["Cache-Control"].startswith("public, max-age=")

    # The full text of an allow-listed query is accepted too.
    assert send(query=body).status_code == 200


@pytest.mark.parametrize("mode", ["header", "url", "setting"])
def test_allow_list_refuses_everything_else(api, site_tree, settings, mode):
    if mode == "setting":
        settings.GRAPHQL_PERSISTED_QUERIES_ONLY = True
        send = api.get
    else:
        send = allow_list_requests(api)[mode]
    # Even a query another client has made known through APQ.
    api.post(QUERY, extensions=pq(QUERY))

    for request in (
        {"query": QUERY},
        {"extensions": pq(QUERY)},
        {"query": QUERY, "extensions": pq(QUERY)},
    ):
        response = send(**request)
        assert response.status_code == 400, request
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
        assert "只接受已登记的持久化查询" in error["message"]
        assert response["Cache-Control"] == "no-store"


def test_admin_registered_queries_join_the_allow_list(api, policy):
    mp = allow_list_requests(api)["url"]
    assert mp(extensions=pq(QUERY)).status_code == 400

    # Typed into the admin: CRLF line endings, surrounding blank lines.
    registered = PersistedQuery(name="小程序-首页政策", query=f"\r\n{QUERY}\r\n")
    registered.full_clean()
    registered.save()
    assert registered.sha256 == sha(QUERY)

    response = mp(extensions=pq(QUERY))
    assert response.status_code == 200
    assert response.json()["data"]["policies"]["totalCount"] == 1

    registered.enabled = False
    registered.save()
    assert mp(extensions=pq(QUERY)).status_code == 400


def test_staff_keep_graphiql_under_the_global_setting(
    api, site_tree, settings, client, superuser
):
    settings.GRAPHQL_PERSISTED_QUERIES_ONLY = True
    assert api.get(QUERY).status_code == 400
    client.force_login(superuser)
    assert api.get(QUERY).status_code == 200
    # ... but not on the mini-program's own endpoint.
    assert api.get(QUERY, path="/graphql/mp/").status_code == 400


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{ policies { nope } }", "类型 PolicyPageConnection 上没有字段 nope。"),
        ("subscription { x }", "不能登记订阅"),
        ("mutation { x }", "类型 Mutation 上没有字段 x。"),
        ("query A { __typename } query B { __typename }", "只能包含一个操作"),
        ("{ policies(first: 500) { totalCount } }", "first 最大为 100"),
    ],
)
def test_registered_queries_are_validated(site_tree, text, message):
    with pytest.raises(ValidationError) as raised:
        PersistedQuery(name="坏查询", query=text).full_clean()
    assert message in str(raised.value)


def test_committed_manifest_is_current_and_valid():
    # Fails when an operation in api/persisted/operations/ changed, or no longer
    # fits the schema: run `python manage.py build_persisted_queries`.
    call_command("build_persisted_queries", "--check")


def test_registering_in_the_admin(client, superuser, site_tree):
    client.force_login(superuser)
    url = "/admin/snippets/api/persistedquery/add/"
    assert client.get(url).status_code == 200

    refused = client.post(url, {"name": "坏查询", "query": "{ nope }", "enabled": "on"})
    assert refused.status_code == 200
    assert "类型 Query 上没有字段 nope。" in refused.content.decode()
    assert not PersistedQuery.objects.exists()

    created = client.post(url, {"name": "小程序-列表", "query": QUERY, "enabled": "on"})
    assert created.status_code == 302
    assert PersistedQuery.objects.get().sha256 == sha(QUERY)
    listing = client.get("/admin/snippets/api/persistedquery/")
    assert sha(QUERY) in listing.content.decode()


def test_the_miniprogram_submits_through_allow_listed_mutations(api, site_tree):
    from django.utils import timezone

    from tests.factories.pages import OpenEventPageFactory

    event = OpenEventPageFactory(
        parent=site_tree.events,
        start_at=timezone.now() + timezone.timedelta(days=10),
        capacity=10,
        max_people_per_registration=2,
    )
    (sha256,) = [
        key
        for key, body in persisted.committed().items()
        if body.startswith("mutation RegisterForEvent")
    ]
    variables = {
        "input": {
            "eventId": str(event.pk),
            "name": "王五",
            "phone": "13600001111",
            "peopleCount": 2,
            "idempotencyKey": "mp-1",
        }
    }
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256}}

    response = api.post(variables=variables, path="/graphql/mp/", extensions=extensions)
    assert response.status_code == 200
    result = response.json()["data"]["registerForEvent"]
    assert (result["__typename"], result["status"]) == (
        "EventRegistration",
        "CONFIRMED",
    )
    assert response["Cache-Control"] == "private, no-store"
    # Only over POST: a submission never goes through GET, allow-listed or not.
    assert api.get(path="/graphql/mp/", extensions=extensions).status_code == 405
    # An ad-hoc mutation is still refused on the mini-program's endpoint.
    refused = api.post(
        'mutation { cancelEventRegistration(code: "X", phone: "1") { __typename } }',
        path="/graphql/mp/",
    )
    assert refused.status_code == 400
