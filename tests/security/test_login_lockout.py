"""Admin logins are locked after repeated failures (django-axes), per username + address."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client

from .helpers import settings_in


def attempts():
    # Imported here, so that on a checkout without axes the tests fail, not collection.
    from axes.models import AccessAttempt

    return AccessAttempt.objects


PASSWORD = "pw-root-123"
WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"
LOCKED = "登录失败次数过多，该账号已暂时锁定。请 30 分钟后再试"
WRONG = "密码不匹配，请重试"  # Wagtail's "wrong password"

pytestmark = pytest.mark.django_db


def _login(client, password, *, url=WAGTAIL_LOGIN, username="root", **extra):
    next_url = "/admin/" if url == WAGTAIL_LOGIN else "/django-admin/"
    return client.post(
        url,
        {"username": username, "password": password, "next": next_url},
        **extra,
    )


def _text(response) -> str:
    return response.content.decode()


def _logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def _fail(client, times, **extra):
    return [_login(client, "wrong-password", **extra) for _ in range(times)]


def _age_attempts(minutes: int) -> None:
    """Time passes for the lockout: the failures happened ``minutes`` ago."""
    for attempt in attempts().all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_five_failures_lock_the_account_even_for_the_right_password(client, superuser):
    responses = _fail(client, 5)
    for response in responses[:4]:
        assert response.status_code == 200
        assert WRONG in _text(response)
        assert LOCKED not in _text(response)
    fifth = responses[4]
    assert fifth.status_code == 429
    # Wagtail's own login page, with the reason in Chinese instead of "wrong password".
    assert 'class="login-form"' in _text(fifth)
    assert LOCKED in _text(fifth)
    assert WRONG not in _text(fifth)
    assert "Account locked" not in _text(fifth)

    right = _login(client, PASSWORD)
    assert right.status_code == 429
    assert LOCKED in _text(right)
    assert not _logged_in(client)
    (attempt,) = attempts().all()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "root",
        "127.0.0.1",
        6,
    )


def test_the_lock_ends_after_the_cool_off(client, superuser):
    _fail(client, 5)
    _age_attempts(29)
    assert _login(client, PASSWORD).status_code == 429  # and the time starts again
    _age_attempts(29)
    assert _login(client, PASSWORD).status_code == 429
    _age_attempts(31)
    response = _login(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert _logged_in(client)
    # A success wipes the count: the next failure is the first again.
    client.logout()
    assert _fail(client, 1)[0].status_code == 200
    assert attempts().get().failures_since_start == 1


def test_only_that_username_from_that_address_is_locked(
    client, superuser, django_user_model
):
    django_user_model.objects.create_superuser(
        username="colleague", email="c@example.com", password="pw-colleague-1"
    )
    _fail(client, 5, REMOTE_ADDR="10.0.0.1")
    assert _login(client, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    # The same account from the owner's own desk ...
    assert _login(client, PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
    client.logout()
    # ... and another account from the attacker's address still log in.
    other = _login(
        client, "pw-colleague-1", username="colleague", REMOTE_ADDR="10.0.0.1"
    )
    assert other.status_code == 302


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_wrote(
    client, superuser, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "172.16.0.2"}
    _fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert attempts().get().ip_address == "203.0.113.5"
    # A forged entry in front of the one the proxy appended changes nothing.
    spoofed = _login(
        client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5", **proxy
    )
    assert spoofed.status_code == 429
    # Another client behind the same proxy is not locked.
    other = _login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert other.status_code == 302


def test_an_address_that_is_not_one_is_stored_as_none_not_an_error(
    client, superuser, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # Some proxies write host:port; PostgreSQL's inet column would refuse it.
    responses = _fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.5:4711")
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert attempts().get().ip_address is None
    client.force_login(superuser)  # a login without any address at all
    assert _logged_in(client)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, superuser):
    _fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.5")
    escape = _login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert escape.status_code == 429
    assert attempts().get().ip_address == "127.0.0.1"


def test_the_django_admin_login_is_locked_the_same_way(client, superuser):
    responses = _fail(client, 5, url=DJANGO_LOGIN)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    right = _login(client, PASSWORD, url=DJANGO_LOGIN)
    assert right.status_code == 429
    assert LOCKED in _text(right)
    assert 'id="login-form"' in _text(right)  # Django admin's own login page
    # One account, one lock: the Wagtail login is refused too.
    assert _login(client, PASSWORD).status_code == 429


def test_an_administrator_unlocks_with_the_command(client, superuser):
    _fail(client, 5)
    out = io.StringIO()
    call_command("axes_reset_username", "root", stdout=out)
    assert out.getvalue() == "1 attempts removed.\n"
    assert attempts().count() == 0
    assert _login(client, PASSWORD).status_code == 302


def test_an_administrator_sees_and_deletes_the_lock_in_the_django_admin(
    client, superuser, django_user_model
):
    _fail(client, 5)
    attempt = attempts().get()
    admin = django_user_model.objects.create_superuser(
        username="it", email="it@example.com", password="pw-it-12345"
    )
    staff = Client()
    staff.force_login(admin)
    listing = staff.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "root" in _text(listing)
    assert "选择 登录失败记录 来修改" in _text(listing)  # in Chinese, like the rest
    deleted = staff.post(
        f"/django-admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 302
    assert _login(client, PASSWORD).status_code == 302


def test_limit_and_lock_time_come_from_the_environment():
    env = {"SECRET_KEY": "x" * 60, "LOGIN_FAILURE_LIMIT": "3"}
    env["LOGIN_LOCKOUT_MINUTES"] = "10"
    assert settings_in(env, "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME") == {
        "AXES_FAILURE_LIMIT": 3,
        "AXES_COOLOFF_TIME": "0:10:00",
    }
    defaults = settings_in({"SECRET_KEY": "x" * 60}, "AXES_FAILURE_LIMIT")
    assert defaults == {"AXES_FAILURE_LIMIT": 5}


def test_a_lockout_outside_a_login_form_gets_the_lockout_page(rf, settings):
    from cms.security.lockout import lockout_response

    request = rf.post("/admin/login/")
    request.user = AnonymousUser()
    response = lockout_response(request)
    assert response.status_code == 429
    body = response.content.decode()
    assert "<h1>登录已锁定</h1>" in body
    assert LOCKED in body
    settings.AXES_COOLOFF_TIME = None  # locked until an administrator unlocks
    permanent = lockout_response(request).content.decode()
    assert "登录失败次数过多，账号已锁定，请联系系统管理员解锁。" in permanent
