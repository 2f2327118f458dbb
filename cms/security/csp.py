"""Content-Security-Policy per route: the site, the admin, the API and GraphiQL.

django-csp writes one policy from settings; this middleware picks which one a
response gets (``settings.CONTENT_SECURITY_POLICIES``), in enforcing or report-only mode as
``CONTENT_SECURITY_POLICY`` / ``CONTENT_SECURITY_POLICY_REPORT_ONLY`` say. A view
that sets its own policy with django-csp's decorators keeps it.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


def _prefixes() -> tuple[tuple[str, ...], str]:
    # With the script prefix, like request.path (reverse() is cached by Django).
    admin = (reverse("wagtailadmin_home"), reverse("admin:index"))
    return admin, reverse("graphql")


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
            parts.config = default_config(directives_for(request, response))
        return parts
