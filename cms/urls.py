from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views.serve import authenticate_with_password

from cms.media.views import serve_document, serve_media

urlpatterns = [
    # Mounted by dotted path: the domain code in cms/ never imports the API.
    path("graphql/", include("api.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view and password form (wagtail.documents.urls), the view
    # wrapped to set cache headers; its hooks decide what may be downloaded.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    # Stored images (originals and renditions), each checked; nothing else under
    # MEDIA_URL is served, documents' files least of all. With S3 the view redirects
    # to a signed URL after the check.
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media),
    path("subscriptions/", include("cms.subscriptions.urls")),
    path("", include(wagtail_urls)),
]
