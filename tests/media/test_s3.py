"""With S3-compatible storage the bucket is private; the app checks, then signs.

A local S3 server (moto's, speaking the S3 protocol over HTTP on 127.0.0.1) stands
in for the bureau's object storage. Nothing in the bucket answers an unsigned
request; a download that passes the checks is redirected to a short-lived signed
URL, one that does not pass gets 404 and no URL at all.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer

from cms.policies.models import Disclosure
from tests.factories import InterpretationPageFactory

pytestmark = pytest.mark.django_db

BUCKET = "zwgk-media"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "cms.media.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "access_key": "testing",
                "secret_key": "testing",
                "region_name": "us-east-1",
                "signature_version": "s3v4",
            },
        },
    }
    settings.MEDIA_SIGNED_URL_SECONDS = 60
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def fetch(url: str):
    """GET ``url`` straight from the S3 server: status, body, headers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_documents_are_private_objects_reached_only_through_the_check(
    client, bucket, s3_endpoint, files, attach
):
    public = files.document("公开附件", "gongkai.pdf")
    withheld = files.document("不予公开的附件", "buyu.pdf")
    attach(public)
    attach(withheld, disclosure=Disclosure.NOT_PUBLIC)
    stored = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert stored == {public.file.name, withheld.file.name}

    # The bucket answers no unsigned request, whatever the file.
    for document in (public, withheld):
        status, _body, _headers = fetch(f"{s3_endpoint}/{BUCKET}/{document.file.name}")
        assert status == 403
        # The file's URL names the app, which serves no document file by its path.
        assert document.file.url == f"/media/{document.file.name}"
        assert client.get(document.file.url).status_code == 404

    refused = client.get(withheld.url)
    assert refused.status_code == 404
    assert "Location" not in refused

    answered = client.get(public.url)
    assert answered.status_code == 302
    location = answered["Location"]
    assert location.startswith(f"{s3_endpoint}/{BUCKET}/{public.file.name}?")
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=60" in location
    status, body, headers = fetch(location)
    assert status == 200
    assert body == public.file.open("rb").read()
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == public.content_disposition
    assert answered["Cache-Control"] == "public, no-cache"


def test_images_redirect_to_signed_urls_after_the_check(
    client, bucket, s3_endpoint, site_tree, files
):
    public = files.image("gongkai-tu")
    draft_only = files.image("caogao-tu")
    for image, live in ((public, True), (draft_only, False)):
        InterpretationPageFactory(
            parent=site_tree.interpretations,
            live=live,
            body=[("infographic", {"image": image, "alt_text": "", "caption": ""})],
        )
    rendition = public.get_rendition("width-320")
    assert rendition.url.startswith("/media/images/")
    for url in (public.file.url, rendition.url):
        answered = client.get(url)
        assert answered.status_code == 302, url
        status, body, _headers = fetch(answered["Location"])
        assert (status, body[:4]) == (200, b"\x89PNG")
    for url in (draft_only.file.url, draft_only.get_rendition("width-320").url):
        refused = client.get(url)
        assert refused.status_code == 404, url
        assert "Location" not in refused
