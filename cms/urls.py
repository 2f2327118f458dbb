from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # Mounted by dotted path: the domain code in cms/ never imports the API.
    path("graphql/", include("api.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEFAULT_FILE_STORAGE_BACKEND.endswith("FileSystemStorage"):
    # Local media (the embedded default): image renditions are served by the app.
    # With S3-compatible storage, files are served from the bucket instead.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
