"""A server never runs on the embedded (public) SECRET_KEY unless asked to by name."""

from __future__ import annotations

import pytest
from django.core import signing

from cms.home.preview import SALT, preview_token_create
from tests.factories import PolicyPageFactory

from .helpers import start

MISSING = "SECRET_KEY is not set."
REAL_KEY = "a-real-production-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0-and-long"


def test_a_production_start_without_secret_key_stops_with_the_reason():
    completed = start({"DEBUG": "0"})
    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert MISSING in completed.stderr
    assert "CMS_INSECURE_EMBEDDED_KEY=1" in completed.stderr


def test_debug_alone_does_not_select_the_embedded_key():
    completed = start({"DEBUG": "1"})
    assert completed.returncode != 0
    assert MISSING in completed.stderr


def test_the_embedded_key_given_as_secret_key_is_refused_too():
    from django.conf import settings

    completed = start({"SECRET_KEY": settings.EMBEDDED_SECRET_KEY})
    assert completed.returncode != 0
    assert "SECRET_KEY is the embedded, publicly known key" in completed.stderr


@pytest.mark.parametrize("debug", ["0", "1"])
def test_the_explicit_opt_in_starts_on_the_embedded_key(debug):
    code = (
        "from django.conf import settings\n"
        "print(settings.SECRET_KEY == settings.EMBEDDED_SECRET_KEY, settings.DEBUG)"
    )
    completed = start({"CMS_INSECURE_EMBEDDED_KEY": "1", "DEBUG": debug}, code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["True", str(debug == "1")]


def test_a_configured_key_is_used():
    code = "from django.conf import settings\nprint(settings.SECRET_KEY)"
    completed = start({"SECRET_KEY": REAL_KEY}, code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == REAL_KEY


QUERY = "query ($token: String) { page(previewToken: $token) { title } }"


@pytest.mark.django_db
def test_a_preview_token_forged_with_the_embedded_key_opens_nothing(
    graphql, site_tree, settings
):
    policy = PolicyPageFactory(parent=site_tree.policies, title="已发布")
    policy.title = "未公开的草稿"
    revision = policy.save_revision()
    claims = {"ct": revision.content_type_id, "page": policy.pk, "rev": revision.pk}
    forged = signing.TimestampSigner(
        key=settings.EMBEDDED_SECRET_KEY, salt=SALT
    ).sign_object(claims, compress=True)

    # What the attacker did: on a server running on the embedded key it works.
    settings.SECRET_KEY = settings.EMBEDDED_SECRET_KEY
    assert graphql(QUERY, {"token": forged}) == {
        "data": {"page": {"title": "未公开的草稿"}}
    }

    settings.SECRET_KEY = REAL_KEY
    result = graphql(QUERY, {"token": forged})
    assert result["data"] == {"page": None}
    assert [(e["message"], e["extensions"]["code"]) for e in result["errors"]] == [
        ("预览令牌无效。", "PREVIEW_TOKEN_INVALID")
    ]
    # The server's own tokens still open the draft.
    own = preview_token_create(revision=revision)
    assert graphql(QUERY, {"token": own}) == {
        "data": {"page": {"title": "未公开的草稿"}}
    }
