"""Rich text on the site templates: links and images only where the public may go.

The same rule as the API's rich text (api/content): a link to a page that is not
live, unrestricted and 主动公开 (cms.home.selectors.public_pages), or to a document
in a restricted collection, keeps its text and loses its link; such an image is left
out (cms.media.selectors.unrestricted_ids). Each handler resolves all the references
of one rich text in bulk, as Wagtail's own do.
"""

from __future__ import annotations

from django.db.models import Model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from cms.home.selectors import public_pages

from .selectors import unrestricted_ids


def _keep(objects: list[Model | None], allowed: set[int]) -> list[Model | None]:
    return [obj if obj is not None and obj.pk in allowed else None for obj in objects]


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        pages = super().get_many(attrs_list)
        ids = [page.pk for page in pages if page is not None]
        allowed = set(public_pages().filter(pk__in=ids).values_list("pk", flat=True))
        return _keep(pages, allowed)


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        documents = super().get_many(attrs_list)
        return _keep(documents, unrestricted_ids(documents))


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        images = super().get_many(attrs_list)
        return _keep(images, unrestricted_ids(images))

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = super().expand_db_attributes_many(attrs_list)
        # Wagtail writes <img alt=""> for a missing image; a withheld one leaves nothing.
        return ["" if tag == '<img alt="">' else tag for tag in tags]
