"""Images: originals and renditions are served by a checked route, like documents."""

from __future__ import annotations

import pytest

from cms.policies.models import Disclosure
from tests.factories import InterpretationPageFactory

from .conftest import download

pytestmark = pytest.mark.django_db


def _infographic(parent, image, **kwargs):
    return InterpretationPageFactory(
        parent=parent,
        body=[("infographic", {"image": image, "alt_text": "图解", "caption": ""})],
        **kwargs,
    )


def _urls(image) -> list[str]:
    return [image.file.url, image.get_rendition("width-400").url]


def test_images_public_content_uses_are_served(client, site_tree, files):
    image = files.image("公开的图解")
    _infographic(site_tree.interpretations, image)
    for url in _urls(image):
        response = download(client, url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response.content_bytes[:8] == b"\x89PNG\r\n\x1a\n"
        assert response["Cache-Control"] == "public, no-cache"
        assert response["X-Content-Type-Options"] == "nosniff"
        # Unchanged since: the browser keeps its copy.
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304


@pytest.mark.parametrize("where", ["draft", "restricted collection", "unused"])
def test_private_images_originals_and_renditions_are_not_found(
    client, site_tree, files, where
):
    image = files.image("内部图解", restricted=where == "restricted collection")
    if where == "draft":
        _infographic(site_tree.interpretations, image, live=False)
    elif where == "restricted collection":
        _infographic(site_tree.interpretations, image)
    for url in _urls(image):
        assert client.get(url).status_code == 404, url


def test_image_of_a_policy_not_for_active_disclosure_is_not_found(
    client, site_tree, bureau, files
):
    from tests.factories import PolicyPageFactory

    image = files.image("不予公开的图")
    PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
        body=[
            (
                "paragraph",
                f'<p>见图</p><embed embedtype="image" id="{image.pk}" format="left" alt=""/>',
            )
        ],
    )
    for url in _urls(image):
        assert client.get(url).status_code == 404, url


def test_editors_see_every_image_in_the_admin(client, site_tree, files, editor):
    image = files.image("草稿里的图", restricted=True)
    _infographic(site_tree.interpretations, image, live=False)
    client.force_login(editor)
    for url in _urls(image):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"


def test_only_image_files_are_served_below_media(client, files, attach, settings):
    document = files.document("附件", "fujian.pdf")
    attach(document)
    (settings.MEDIA_ROOT / "secret.txt").write_text("not an upload")
    for path in (
        f"/media/{document.file.name}",
        "/media/secret.txt",
        "/media/../cms/settings.py",
        "/media/original_images/",
        "/media/original_images/missing.png",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/media/{document.file.name}").status_code == 405


def test_graphql_gives_no_image_of_a_restricted_collection(graphql, site_tree, files):
    public = files.image("公开的图解")
    secret = files.image("内部图解", restricted=True)
    page = InterpretationPageFactory(
        parent=site_tree.interpretations,
        body=[
            ("infographic", {"image": public, "alt_text": "", "caption": ""}),
            ("infographic", {"image": secret, "alt_text": "", "caption": ""}),
            (
                "paragraph",
                f'<p>图</p><embed embedtype="image" id="{secret.pk}" format="left" alt=""/>',
            ),
        ],
    )
    result = graphql(
        "query ($id: ID) { page(id: $id) { ... on InterpretationPage {"
        " body(channel: WEB) { ... on InfographicBlock { image { id } }"
        " ... on ParagraphBlock { value } } } } }",
        {"id": str(page.pk)},
    )
    assert result == {
        "data": {
            "page": {
                "body": [
                    {"image": {"id": str(public.pk)}},
                    {"image": None},
                    {"value": "<p>图</p>"},
                ]
            }
        }
    }
