"""GraphiQL: in DEBUG, or for logged-in staff; never for the anonymous public."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_anonymous_browsers_get_no_ide(client):
    response = client.get("/graphql/", headers=BROWSER)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert b"<html" not in response.content.lower()
    message = response.json()["errors"][0]["message"]
    assert "GraphiQL 只对已登录后台的工作人员开放" in message


def test_debug_serves_the_ide(client, settings):
    settings.DEBUG = True
    response = client.get("/graphql/", headers=BROWSER)
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
    assert response["Cache-Control"] == "private, no-store"


def test_staff_get_the_ide(client, superuser):
    client.force_login(superuser)
    response = client.get("/graphql/", headers=BROWSER)
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
    assert response["Cache-Control"] == "private, no-store"


def test_logged_in_non_staff_get_no_ide(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw-visitor-1")
    client.force_login(user)
    assert client.get("/graphql/", headers=BROWSER).status_code == 400


def test_browsers_sending_a_query_get_json(client):
    response = client.get("/graphql/", {"query": "{ __typename }"}, headers=BROWSER)
    assert response.json() == {"data": {"__typename": "Query"}}
