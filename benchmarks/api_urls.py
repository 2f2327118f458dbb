"""ROOT_URLCONF of the API benchmark: the project's URLs, Wagtail's REST API v2 and a
trivial view, the ceiling every request pays (middleware, routing, WSGI)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from cms.urls import urlpatterns as cms_urlpatterns

from .api_rest import PolicyPagesAPIViewSet

TRIVIAL_PATH = "/bench/trivial/"
REST_PREFIX = "/api/v2/"

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("policies", PolicyPagesAPIViewSet)


def trivial(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "detail": "trivial view"})


urlpatterns = [
    path(TRIVIAL_PATH.strip("/") + "/", trivial),
    path(REST_PREFIX.strip("/") + "/", router.urls),
    # Last: Wagtail's catch-all page serving.
    *cms_urlpatterns,
]
