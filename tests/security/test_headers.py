"""Security headers on real responses: CSP per route, Permissions-Policy, HTTPS."""

from __future__ import annotations

import re

import pytest

from tests.factories import PolicyPageFactory

from .helpers import manage, settings_in

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only"
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}

SITE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
GRAPHIQL = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "https://unpkg.com"],
    "style-src": ["'self'", "'unsafe-inline'", "https://unpkg.com"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:", "https://unpkg.com"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
API = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
PERMISSIONS = (
    "accelerometer=(), browsing-topics=(), camera=(), "
    "display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), serial=(), usb=()"
)


def policy(response, header=CSP) -> dict[str, list[str]]:
    """The header as {directive: sources} (django-csp writes them in any order)."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def without_nonce(directives: dict[str, list[str]]) -> tuple[dict, set[str]]:
    nonces = set()
    cleaned = {}
    for name, sources in directives.items():
        cleaned[name] = []
        for source in sources:
            if match := re.fullmatch(r"'nonce-([A-Za-z0-9+/=]+)'", source):
                nonces.add(match.group(1))
            else:
                cleaned[name].append(source)
    return cleaned, nonces


def test_site_pages_get_the_strict_policy_with_the_nonce_of_their_style(
    client, site_tree
):
    policy_page = PolicyPageFactory(parent=site_tree.policies)
    for url in ("/", policy_page.url):
        response = client.get(url)
        assert response.status_code == 200
        directives, nonces = without_nonce(policy(response))
        assert directives == SITE
        # The one inline <style> carries the nonce the header names (style-src only).
        (nonce,) = nonces
        assert policy(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert f'<style nonce="{nonce}">' in response.content.decode()
        assert response["Permissions-Policy"] == PERMISSIONS
    # A fresh nonce for every response.
    assert without_nonce(policy(client.get("/")))[1] != nonces


def test_editors_see_site_pages_under_the_admin_policy_for_the_userbar(
    client, site_tree, superuser
):
    client.force_login(superuser)
    response = client.get("/")
    assert "wagtail-userbar" in response.content.decode()
    assert policy(response) == ADMIN


def test_admin_pages_render_under_the_admin_policy(client, site_tree, superuser):
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert policy(login) == ADMIN
    policy_page = PolicyPageFactory(parent=site_tree.policies)
    client.force_login(superuser)
    for url in (
        "/admin/",
        f"/admin/pages/{policy_page.pk}/edit/",
        f"/admin/pages/{site_tree.policies.pk}/",
        "/admin/images/",
        "/django-admin/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response) == ADMIN, url
        assert response["Permissions-Policy"] == PERMISSIONS


def test_api_answers_allow_nothing(client):
    response = client.get("/graphql/", {"query": "{ __typename }"})
    assert response.json() == {"data": {"__typename": "Query"}}
    assert policy(response) == API
    assert response["Permissions-Policy"] == PERMISSIONS
    post = client.post(
        "/graphql/", {"query": "{ __typename }"}, content_type="application/json"
    )
    assert policy(post) == API


def test_graphiql_gets_what_it_loads_from_its_cdn(client, superuser):
    client.force_login(superuser)
    response = client.get("/graphql/", headers=BROWSER)
    assert b"https://unpkg.com/graphiql" in response.content
    assert policy(response) == GRAPHIQL


def test_report_only_mode_sends_the_same_policies_unenforced(
    client, site_tree, settings
):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    site = client.get("/")
    assert CSP not in site
    assert without_nonce(policy(site, CSP_REPORT_ONLY))[0] == SITE
    admin = client.get("/admin/login/")
    assert CSP not in admin
    assert policy(admin, CSP_REPORT_ONLY) == ADMIN


def test_csp_mode_report_address_and_media_origins_come_from_the_environment():
    env = {"SECRET_KEY": "x" * 60}
    names = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    enforced = settings_in(env, *names)
    assert enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["object-src"] == ["'none'"]

    env |= {
        "CSP_REPORT_ONLY": "1",
        "CSP_REPORT_URI": "https://csp.example.gov.cn/report",
        "AWS_STORAGE_BUCKET_NAME": "zwgk",
        # Files come from the app, which redirects to URLs signed by the endpoint.
        "AWS_S3_ENDPOINT_URL": "https://files.example.gov.cn",
    }
    reported = settings_in(env, *names, "CONTENT_SECURITY_POLICIES")
    assert reported["CONTENT_SECURITY_POLICY"] is None
    site = reported["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]
    assert site["img-src"] == [
        "'self'",
        "data:",
        "https://files.example.gov.cn",
        "https://*.files.example.gov.cn",
    ]
    for directives in (site, *reported["CONTENT_SECURITY_POLICIES"].values()):
        assert directives["report-uri"] == ["https://csp.example.gov.cn/report"]
    admin = reported["CONTENT_SECURITY_POLICIES"]["admin"]
    assert admin["img-src"] == [
        "'self'",
        "data:",
        "blob:",
        "https://files.example.gov.cn",
        "https://*.files.example.gov.cn",
    ]


# --- HTTPS ----------------------------------------------------------------------------


@pytest.fixture
def https(settings):
    """What HTTPS=1 turns on (the environment side is tested below)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return settings


def test_over_https_plain_http_is_redirected_and_hsts_is_sent(client, https):
    plain = client.get("/admin/login/?next=/admin/")
    assert (plain.status_code, plain["Location"]) == (
        301,
        "https://testserver/admin/login/?next=/admin/",
    )
    assert "Strict-Transport-Security" not in plain  # only ever sent over https
    secure = client.get("/admin/login/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_over_https_session_and_csrf_cookies_are_secure(client, https, superuser):
    form = client.get("/admin/login/", secure=True)
    assert form.cookies["csrftoken"]["secure"] is True
    login = client.post(
        "/admin/login/",
        {"username": "root", "password": "pw-root-123", "next": "/admin/"},
        secure=True,
    )
    assert login.status_code == 302
    assert login.cookies["sessionid"]["secure"] is True
    assert login.cookies["sessionid"]["httponly"] is True


def test_behind_a_tls_proxy_its_header_marks_the_request_secure(client, https):
    https.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/admin/login/").status_code == 301


def test_https_switch_and_its_parts_come_from_the_environment():
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )
    key = {"SECRET_KEY": "x" * 60}
    assert settings_in(key, *names) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    production = key | {
        "HTTPS": "1",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "SECURE_HSTS_SECONDS": "600",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    }
    assert settings_in(production, *names) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_check_deploy_is_clean_for_a_production_configuration():
    env = {
        "SECRET_KEY": "Yt3n0-8sQ_vJ2kL9pW4xR7cB1mZ6dF5gH0aS3eU8iO2yT4wQ9rN7bV1cX6zM5",
        "HTTPS": "1",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "ALLOWED_HOSTS": "zwgk.example.gov.cn",
    }
    completed = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout
