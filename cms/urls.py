from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.schema import schema
from api.views import GraphQLView

urlpatterns = [
    path("graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)), name="graphql"),
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
