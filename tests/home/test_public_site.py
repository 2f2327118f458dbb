"""The HTML site links only to what the public may open, and serves only 主动公开.

The rule is the API's (tests/api/test_visibility.py): live, unrestricted, 主动公开
pages, and documents and images outside restricted collections (a public page uses
the files it shows, which makes them public). Every file link it shows downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.interpretations.models import InterpretedPolicy
from cms.policies.models import Disclosure, PolicyAttachment
from tests.api.builders import restrict
from tests.api.conftest import graphql  # noqa: F401 - the real-HTTP fixture
from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import IntegratedReleasePageFactory
from tests.media.conftest import files  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "poster"} and value:
                self.urls.add(value)


def links(response) -> set[str]:
    assert response.status_code == 200
    parser = _Links()
    parser.feed(response.content.decode())
    return parser.urls


@dataclass
class Site:
    public: Page
    hidden: dict[str, Page]
    public_document: object
    private_documents: dict[str, object]
    public_image: object
    private_image: object


def _policy(site_tree, bureau, slug, **kwargs):
    if kwargs.get("disclosure", Disclosure.PUBLIC) != Disclosure.PUBLIC:
        kwargs.setdefault("disclosure_basis", "《政府信息公开条例》第十六条")
    return PolicyPageFactory(
        parent=site_tree.policies, slug=slug, title=slug, issuers=[bureau], **kwargs
    )


@pytest.fixture
def site(site_tree, bureau, files):  # noqa: F811
    public = _policy(site_tree, bureau, "gongkai")
    hidden = {
        "draft": _policy(site_tree, bureau, "caogao", live=False),
        "on_application": _policy(
            site_tree, bureau, "yishenqing", disclosure=Disclosure.ON_APPLICATION
        ),
        "not_public": _policy(
            site_tree, bureau, "buyu", disclosure=Disclosure.NOT_PUBLIC
        ),
        "restricted": _policy(site_tree, bureau, "shouxian"),
    }
    restrict(hidden["restricted"])
    public_document = files.document("公开附件", "gongkai.pdf")
    private_documents = {
        "restricted": files.document("内部资料", "neibu.pdf", restricted=True),
        "captions": files.document("内部字幕", "neibu.vtt", restricted=True),
    }
    public_image = files.image("gongkai-tu")
    private_image = files.image("neibu-tu", restricted=True)
    return Site(
        public,
        hidden,
        public_document,
        private_documents,
        public_image,
        private_image,
    )


def _page_links(site: Site) -> str:
    pages = [site.public, *site.hidden.values()]
    return "".join(
        f'<a linktype="page" id="{page.pk}">{page.slug}</a>' for page in pages
    )


def _document_links(site: Site) -> str:
    documents = [site.public_document, *site.private_documents.values()]
    return "".join(
        f'<a linktype="document" id="{document.pk}">{document.title}</a>'
        for document in documents
    )


def _image_embeds(site: Site) -> str:
    return "".join(
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="{image.title}"/>'
        for image in (site.public_image, site.private_image)
    )


def _hidden_urls(site: Site) -> set[str]:
    urls = {f"/zhengce/{page.slug}/" for page in site.hidden.values()}
    urls |= {document.url for document in site.private_documents.values()}
    urls |= {site.private_image.file.url}
    return urls


def _assert_only_public(client, found: set[str], site: Site) -> None:
    assert not found & _hidden_urls(site), found & _hidden_urls(site)
    for url in found:
        # Nothing reaches a stored file by its path, except images' renditions...
        if url.startswith("/media/"):
            assert url.startswith("/media/images/"), url
        # ... and every file the page shows, the public may download.
        if url.startswith(("/media/", "/documents/")):
            assert client.get(url).status_code == 200, url


def test_policy_page_links_only_public_pages_documents_and_images(
    client, site_tree, bureau, site
):
    page = PolicyPageFactory(
        parent=site_tree.policies,
        slug="host",
        issuers=[bureau],
        body=[
            (
                "paragraph",
                RichText(
                    f"<p>{_page_links(site)}{_document_links(site)}</p>"
                    + _image_embeds(site)
                ),
            ),
            (
                "attachments",
                {
                    "heading": "相关文件",
                    "items": [
                        {"document": document, "title": ""}
                        for document in (
                            site.public_document,
                            *site.private_documents.values(),
                        )
                    ],
                },
            ),
        ],
    )
    for order, document in enumerate(
        [site.public_document, *site.private_documents.values()]
    ):
        PolicyAttachment.objects.create(page=page, document=document, sort_order=order)
    draft_interpretation = InterpretationPageFactory(
        parent=site_tree.interpretations, slug="caogao-jiedu", live=False
    )
    InterpretedPolicy.objects.create(page=draft_interpretation, policy=page)
    public_interpretation = InterpretationPageFactory(
        parent=site_tree.interpretations, slug="jiedu", policies=[page]
    )

    response = client.get("/zhengce/host/")
    found = links(response)
    _assert_only_public(client, found, site)
    assert "/zhengce/gongkai/" in found
    assert site.public_document.url in found
    assert "/jiedu/jiedu/" in found or public_interpretation.url in found
    assert draft_interpretation.url not in found
    assert any(url.startswith("/media/images/") for url in found)
    # The texts stay; only the links go.
    body = response.content.decode()
    for text in ("caogao", "yishenqing", "buyu", "shouxian", "内部资料"):
        assert text in body


def test_interpretation_and_release_pages_link_only_public_policies(
    client, site_tree, site
):
    interpretation = InterpretationPageFactory(
        parent=site_tree.interpretations,
        slug="jiedu-a",
        policies=[site.public, *site.hidden.values()],
    )
    _assert_only_public(client, links(client.get(interpretation.url)), site)
    assert "/zhengce/gongkai/" in links(client.get(interpretation.url))

    release = IntegratedReleasePageFactory(
        parent=site_tree.releases,
        slug="jicheng",
        body=[
            (
                "section",
                {
                    "title": "政策",
                    "intro": "",
                    "items": [
                        ("policy", {"policy": page, "note": ""})
                        for page in (site.public, *site.hidden.values())
                    ]
                    + [
                        (
                            "interpretation",
                            {"interpretation": Page.objects.get(pk=interpretation.pk)},
                        )
                    ],
                },
            )
        ],
    )
    found = links(client.get(release.url))
    _assert_only_public(client, found, site)
    assert {"/zhengce/gongkai/", interpretation.url} <= found


def test_video_block_uses_only_public_files(client, site_tree, site, files):  # noqa: F811
    video = files.document("视频", "shipin.mp4")
    page = InterpretationPageFactory(
        parent=site_tree.interpretations,
        slug="shipin",
        body=[
            (
                "video",
                {
                    "title": "科长讲政策",
                    "video_file": site.private_documents["restricted"],
                    "video_url": "",
                    "poster": site.private_image,
                    "captions": site.private_documents["captions"],
                    "duration": 60,
                    "transcript": "",
                },
            ),
            (
                "video",
                {
                    "title": "公开视频",
                    "video_file": video,
                    "video_url": "",
                    "poster": site.public_image,
                    "captions": None,
                    "duration": 60,
                    "transcript": "",
                },
            ),
        ],
    )
    found = links(client.get(page.url))
    _assert_only_public(client, found, site)
    assert video.url in found


def test_listing_and_pages_not_for_active_disclosure(
    client,
    graphql,  # noqa: F811
    site_tree,
    site,
):
    listing = links(client.get(site_tree.policies.url))
    assert "/zhengce/gongkai/" in listing
    _assert_only_public(client, listing, site)
    assert client.get("/zhengce/gongkai/").status_code == 200
    # The rows say live; the 公开属性 decides.
    for key in ("on_application", "not_public"):
        page = site.hidden[key]
        assert page.live
        assert client.get(f"/zhengce/{page.slug}/").status_code == 404
        result = graphql(
            "query ($path: String, $id: ID) { byPath: page(urlPath: $path) { id }"
            " byId: page(id: $id) { id } }",
            {"path": f"/zhengce/{page.slug}/", "id": str(page.pk)},
        )
        assert result == {"data": {"byPath": None, "byId": None}}


def test_footer_links_only_public_pages(client, site_tree, site):
    from wagtail.models import Site as WagtailSite

    from cms.home.models import SiteSettings

    settings = SiteSettings.for_site(WagtailSite.objects.get(is_default_site=True))
    settings.footer = f"<p>{_page_links(site)}</p>"
    settings.save()
    found = links(client.get("/"))
    _assert_only_public(client, found, site)
    assert "/zhengce/gongkai/" in found
