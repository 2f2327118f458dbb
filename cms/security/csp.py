"""Content-Security-Policy per route: the site, the admin, the API and GraphiQL.

django-csp writes one policy from settings; this middleware picks which one a
response gets (``settings.CONTENT_SECURITY_POLICIES``), in enforcing or report-only mode as
``CONTENT_SECURITY_POLICY`` / ``CONTENT_SECURITY_POLICY_REPORT_ONLY`` say. A view
that sets its own policy with django-csp's decorators keeps it.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponseBase
from django.urls import get_script_prefix, get_urlconf, reverse

# What every response would otherwise rebuild (three reverse() calls, the policy's
# config and its header text, twice): computed once per script prefix and URLconf,
# and per policy dict. Settings changes (tests) start afresh.
_prefix_cache: dict[tuple, tuple[tuple[str, ...], str]] = {}
_config_cache: dict[int, tuple[dict, dict]] = {}
_header_cache: dict[tuple[int, bool], tuple[dict, str]] = {}


def _forget(**kwargs) -> None:
    _prefix_cache.clear()
    _config_cache.clear()
    _header_cache.clear()


setting_changed.connect(_forget)


def _prefixes() -> tuple[tuple[str, ...], str]:
    # With the script prefix, like request.path.
    key = (get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    found = _prefix_cache.get(key)
    if found is None:
        admin = (reverse("wagtailadmin_home"), reverse("admin:index"))
        found = _prefix_cache[key] = (admin, reverse("graphql"))
    return found


def _config(directives: dict) -> dict:
    """default_config(directives), one object per policy dict (kept alive here)."""
    found = _config_cache.get(id(directives))
    if found is None or found[0] is not directives:
        found = _config_cache[id(directives)] = (directives, default_config(directives))
    return found[1]


def _header(config: dict, report_only: bool) -> str:
    found = _header_cache.get((id(config), report_only))
    if found is None or found[0] is not config:
        text = build_policy(config=config, report_only=report_only)
        found = _header_cache[(id(config), report_only)] = (config, text)
    return found[1]


def _is_html(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def _is_editor(request: HttpRequest) -> bool:
    """A logged-in editor: the page carries Wagtail's userbar, which is admin code.

    Only asked for pages sent to a browser holding a session cookie, so anonymous
    requests never load a session here.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(
        user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


def directives_for(request: HttpRequest, response: HttpResponseBase) -> dict:
    admin_prefixes, api_prefix = _prefixes()
    path = request.path
    if path.startswith(admin_prefixes):
        return settings.CONTENT_SECURITY_POLICIES["admin"]
    if path.startswith(api_prefix):
        if _is_html(response):  # GraphiQL
            return settings.CONTENT_SECURITY_POLICIES["graphiql"]
        return settings.CONTENT_SECURITY_POLICIES["api"]
    if _is_html(response) and _is_editor(request):
        return settings.CONTENT_SECURITY_POLICIES["admin"]
    return settings.CONTENT_SECURITY_POLICIES["site"]


class RouteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        enabled = (
            settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            if report_only
            else settings.CONTENT_SECURITY_POLICY
        )
        if parts.config is None and enabled:
            parts.config = _config(directives_for(request, response))
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # The common case, no per-view policy and no nonce asked for: the header is
        # the route's policy as built before. Anything else: django-csp as is.
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in _VIEW_PARTS)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        for report_only, header, exempt in _MODES:
            enabled = (
                settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.CONTENT_SECURITY_POLICY
            )
            if not enabled or header in response or getattr(response, exempt, False):
                continue
            prefixes = enabled.get("EXCLUDE_URL_PREFIXES") or ()
            if request.path_info.startswith(tuple(prefixes)):
                continue
            text = _header(_config(directives_for(request, response)), report_only)
            if text:
                response[header] = text
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


_VIEW_PARTS = tuple(
    f"_csp_{part}{suffix}"
    for part in ("config", "update", "replace")
    for suffix in ("", "_ro")
)
_MODES = (
    (False, HEADER, "_csp_exempt"),
    (True, HEADER_REPORT_ONLY, "_csp_exempt_ro"),
)
