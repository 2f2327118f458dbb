"""ROOT_URLCONF of the grapple peer: grapple's /graphql/, the REST API v2 and the
trivial view of benchmarks/api_urls.py (the project's own /graphql/ is not served)."""

from __future__ import annotations

from django.urls import include, path

from .api_urls import REST_PREFIX, TRIVIAL_PATH, router, trivial

urlpatterns = [
    path(TRIVIAL_PATH.strip("/") + "/", trivial),
    path(REST_PREFIX.strip("/") + "/", router.urls),
    path("", include("grapple.urls")),
]
