"""S3-compatible storage where nothing is public: the app checks, then signs.

Objects are written private (no public-read ACL; the bucket needs no public
policy). ``url()`` names the app's own media route, so every link to an image goes
through the check in ``cms.media.views``; a download that passes is redirected to a
short-lived signed URL (``signed_url``). Documents go through Wagtail's document
view, which redirects the same way after its checks (see wagtail_hooks).
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    querystring_auth = True

    def get_default_settings(self):
        defaults = super().get_default_settings()
        # Whatever the AWS_* settings say: objects are private, URLs are signed.
        defaults.update(default_acl="private", querystring_auth=True)
        return defaults

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(
        self,
        name: str,
        *,
        expire: int | None = None,
        content_type: str | None = None,
        content_disposition: str | None = None,
    ) -> str:
        """A URL the bucket answers for ``expire`` seconds, straight from the endpoint
        (a custom domain could not check the signature)."""
        params = {
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        if content_type:
            params["ResponseContentType"] = content_type
        if content_disposition:
            params["ResponseContentDisposition"] = content_disposition
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=expire or settings.MEDIA_SIGNED_URL_SECONDS,
        )
