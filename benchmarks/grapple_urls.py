"""ROOT_URLCONF of the grapple peer: benchmarks/api_urls.py with grapple's /graphql/
in front of the project's (the first match wins; everything else is the same)."""

from __future__ import annotations

from django.urls import include, path

from .api_urls import urlpatterns as bench_urlpatterns

urlpatterns = [path("", include("grapple.urls")), *bench_urlpatterns]
