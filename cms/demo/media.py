"""Images and documents of the demo, made locally and kept in the 演示内容 collection.

Each file is looked up by its title before it is made, so a second load reuses it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from . import charts

COLLECTION_NAME = "演示内容"


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    return root.add_child(name=COLLECTION_NAME)


class MediaLibrary:
    """Finds or makes the demo's images and documents; counts what it made."""

    def __init__(self, *, user=None):
        self.collection = demo_collection()
        self.user = user
        self.created_images = 0
        self.created_documents = 0

    def image(self, spec: dict):
        """An image drawn from a chart spec (see charts.render), titled spec["title"]."""
        model = get_image_model()
        existing = model.objects.filter(
            collection=self.collection, title=spec["title"]
        ).first()
        if existing:
            return existing
        content = charts.png_bytes(charts.render(spec))
        image = model(
            title=spec["title"],
            collection=self.collection,
            uploaded_by_user=self.user,
            file=ContentFile(content, name=f"{spec['key']}.png"),
        )
        image.save()
        self.created_images += 1
        return image

    def document(self, *, title: str, filename: str, make: Callable[[], bytes]):
        model = get_document_model()
        existing = model.objects.filter(collection=self.collection, title=title).first()
        if existing:
            return existing
        document = model(
            title=title,
            collection=self.collection,
            uploaded_by_user=self.user,
            file=ContentFile(make(), name=filename),
        )
        document.save()
        self.created_documents += 1
        return document

    @staticmethod
    def counts() -> dict[str, int]:
        collection = demo_collection()
        return {
            "images": get_image_model().objects.filter(collection=collection).count(),
            "documents": get_document_model()
            .objects.filter(collection=collection)
            .count(),
        }
