"""Rich text per channel, with the references of a whole body resolved in bulk."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import RichText

from api.context import Info
from themes.base import ImagePreset
from themes.rich_text import (
    ImageTag,
    ReferenceIds,
    collect_references,
    rewrite_rich_text,
)
from themes.text import plain_text

from .channel import Channel
from .context import ContentContext, content_context
from .images import ContentInputError

MAX_LENGTH_ARGUMENT = (
    "仅对 TEXT 渠道（及 text 字段）有效：纯文本最多的字数，超出以“…”结尾"
)


class RichTextRenderer:
    """Renders the rich texts of one context; the ``References`` the rewriter asks.

    Sources are registered as blocks are built; the first render loads the pages,
    documents and images that all registered sources refer to, in one query each.
    """

    def __init__(self, context: ContentContext) -> None:
        self.context = context
        self.rules = context.theme.rich_text
        self._known: set[str] = set()
        self._pending: list[str] = []

    def register(self, source: str) -> None:
        if source and source not in self._known:
            self._known.add(source)
            self._pending.append(source)

    def html(self, source: str) -> str:
        self.register(source)
        self._load_pending()
        return rewrite_rich_text(source, self.rules, self)

    def _load_pending(self) -> None:
        if not self._pending:
            return
        ids = ReferenceIds()
        for source in self._pending:
            ids.update(collect_references(source))
        self._pending.clear()
        self.context.links.load(ids.pages)
        self.context.media.load_documents(ids.documents)
        self.context.media.load_images(ids.images)

    # --- themes.rich_text.References -----------------------------------------------
    def page_url(self, page_id: int) -> str | None:
        page = self.context.links.page(page_id)
        if page is None:
            return None
        return self.context.page_url(page, absolute=self.rules.absolute_urls)

    def document_url(self, document_id: int) -> str | None:
        document = self.context.media.document(document_id)
        return self.context.media_url(document.url) if document else None

    def image(
        self, image_id: int, preset: ImagePreset, *, srcset: bool
    ) -> ImageTag | None:
        image = self.context.media.image(image_id)
        if image is None:
            return None
        self.context.media.prefetch_renditions()
        specs = [preset.filter_spec]
        if srcset:
            specs += [spec for _width, spec in preset.srcset_filters]
        try:
            renditions = image.get_renditions(*specs)
        except SourceImageIOError:
            return None
        main = renditions[preset.filter_spec]
        candidates: dict[int, str] = {}
        for spec in specs[1:]:
            rendition = renditions[spec]
            candidates.setdefault(
                rendition.width, self.context.media_url(rendition.url)
            )
        return ImageTag(
            src=self.context.media_url(main.url),
            width=main.width,
            height=main.height,
            title=image.default_alt_text,
            srcset=", ".join(f"{url} {width}w" for width, url in candidates.items()),
        )

    def absolute_url(self, url: str) -> str | None:
        return self.context.frontend_url(url)


def renderer_for(context: ContentContext) -> RichTextRenderer:
    renderer = context.memo.get("rich_text")
    if renderer is None:
        renderer = context.memo["rich_text"] = RichTextRenderer(context)
    return renderer  # type: ignore[return-value]


def check_max_length(max_length: int | None) -> int | None:
    if max_length is not None and max_length < 1:
        raise ContentInputError("maxLength 须为正整数。")
    return max_length


@dataclass
class RichTextValue:
    """One rich text of a block, rendered when (and if) a field asks for it."""

    source: str
    context: ContentContext

    @classmethod
    def of(cls, value: RichText | str | None, context: ContentContext) -> RichTextValue:
        source = value.source if isinstance(value, RichText) else (value or "")
        if not context.is_text:
            renderer_for(context).register(source)
        return cls(source=source, context=context)

    def render(self, max_length: int | None = None) -> str:
        """HTML for WEB and MINIPROGRAM, plain text for TEXT."""
        if self.context.is_text:
            return self.plain(max_length)
        return renderer_for(self.context).html(self.source)

    def plain(self, max_length: int | None = None) -> str:
        return plain_text(self.source, check_max_length(max_length))


def render_rich_text(
    value: RichText | str | None,
    info: Info,
    channel: Channel | None = None,
    max_length: int | None = None,
) -> str:
    """A rich text field outside a body (e.g. an event's 活动介绍) for a channel."""
    context = content_context(info, channel)
    return RichTextValue.of(value, context).render(check_max_length(max_length))
