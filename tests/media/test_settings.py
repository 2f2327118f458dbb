"""No configuration hands stored files to the public past the app's checks."""

from __future__ import annotations

from tests.security.helpers import settings_in, start

ENV = {"SECRET_KEY": "x" * 60}


def test_media_url_must_be_a_path_of_this_site():
    for value in ("https://files.example.gov.cn/", "/media"):
        completed = start({**ENV, "MEDIA_URL": value})
        assert completed.returncode != 0, value
        assert "ImproperlyConfigured" in completed.stderr
        assert "MEDIA_URL must be a path on this site" in completed.stderr
    assert settings_in({**ENV, "MEDIA_URL": "/uploads/"}, "MEDIA_URL") == {
        "MEDIA_URL": "/uploads/"
    }


def test_documents_always_go_through_the_document_view():
    for env in (ENV, {**ENV, "AWS_STORAGE_BUCKET_NAME": "zwgk"}):
        assert settings_in(env, "WAGTAILDOCS_SERVE_METHOD") == {
            "WAGTAILDOCS_SERVE_METHOD": "serve_view"
        }


def test_s3_objects_are_private_and_signed():
    env = {
        **ENV,
        "AWS_STORAGE_BUCKET_NAME": "zwgk",
        "AWS_S3_ENDPOINT_URL": "https://oss.example.gov.cn",
        # Asked for public objects and unsigned URLs: not given.
        "AWS_QUERYSTRING_AUTH": "0",
    }
    code = (
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.default_acl, s.querystring_auth,"
        " s.url('original_images/a.png'))"
    )
    completed = start(env, code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == [
        "PrivateS3Storage",
        "private",
        "True",
        "/media/original_images/a.png",
    ]
