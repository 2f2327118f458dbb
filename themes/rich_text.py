"""Rewrite Wagtail's stored rich text for a channel: resolve references, sanitise.

Wagtail stores rich text in its database format: internal links are
``<a linktype="page" id="5">``, document links ``<a linktype="document" id="7">`` and
images ``<embed embedtype="image" id="3" format="left" alt="...">``. The rewriter
streams the HTML through ``html.parser`` once, replacing those with real URLs and
renditions, and keeps only what the channel's ``RichTextRules`` allow: tags outside
the whitelist are unwrapped, dangerous ones dropped with their content, attributes
filtered one by one, and URLs checked by scheme. The output is always well formed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import urlsplit

from .base import DROP_WITH_CONTENT, ImagePreset, RichTextRules

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
URL_ATTRIBUTES = frozenset({"href", "src"})
NUMBER_ATTRIBUTES = frozenset({"colspan", "rowspan", "start"})
SIZE_ATTRIBUTES = frozenset({"width", "height"})
# HTML's implied end tags, the common cases: a new item closes the open one, and a
# block closes an open paragraph (html.parser leaves them open).
_BLOCKS = {"p", "div", "ul", "ol", "table", "blockquote", "pre", "hr", "h1", "h2"}
_BLOCKS |= {"h3", "h4", "h5", "h6", "section"}
IMPLIED_END = {
    "a": frozenset({"a"}),  # links never nest
    "li": frozenset({"li"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
} | {tag: frozenset({"p"}) for tag in _BLOCKS}
ENUM_ATTRIBUTES = {
    "type": frozenset({"1", "a", "A", "i", "I", "disc", "circle", "square"}),
    "scope": frozenset({"row", "col", "rowgroup", "colgroup"}),
}


@dataclass(frozen=True)
class ImageTag:
    """What an embedded image becomes: a rendition's URL and size."""

    src: str
    width: int
    height: int
    title: str = ""
    srcset: str = ""


class References(Protocol):
    """Resolves the references in stored rich text; None means "not public"."""

    def page_url(self, page_id: int) -> str | None: ...

    def document_url(self, document_id: int) -> str | None: ...

    def image(
        self, image_id: int, preset: ImagePreset, *, srcset: bool
    ) -> ImageTag | None: ...

    def absolute_url(self, url: str) -> str | None: ...


@dataclass
class ReferenceIds:
    """The ids one or more rich texts refer to, so they can be loaded in bulk."""

    pages: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)

    def update(self, other: ReferenceIds) -> None:
        self.pages |= other.pages
        self.documents |= other.documents
        self.images |= other.images


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids = ReferenceIds()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        pk = _int(attributes.get("id"))
        if pk is None:
            return
        if tag == "a" and attributes.get("linktype") == "page":
            self.ids.pages.add(pk)
        elif tag == "a" and attributes.get("linktype") == "document":
            self.ids.documents.add(pk)
        elif tag == "embed" and attributes.get("embedtype") == "image":
            self.ids.images.add(pk)


def collect_references(source: str) -> ReferenceIds:
    collector = _Collector()
    collector.feed(source or "")
    collector.close()
    return collector.ids


def _scheme(url: str) -> str:
    # Browsers ignore control characters and whitespace inside a scheme
    # ("java\tscript:"), so the check must too.
    squeezed = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    return urlsplit(squeezed).scheme.lower()


class _Rewriter(HTMLParser):
    def __init__(self, rules: RichTextRules, references: References) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.references = references
        self.out: list[str] = []
        # Open elements as (tag, written): unwrapped ones are tracked but not written.
        self.stack: list[tuple[str, bool]] = []
        self.skipping: str | None = None
        self.skip_nesting = 0

    # --- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            self.skip_nesting += tag == self.skipping
            return
        if tag in DROP_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.skipping, self.skip_nesting = tag, 1
            return
        while self.stack and self.stack[-1][0] in IMPLIED_END.get(tag, ()):
            self._close_top()
        if tag == "embed":
            self._embed(dict(attrs))
            return
        attributes = dict(attrs)
        if tag == "a":
            self._open_link(attributes)
            return
        if tag not in self.rules.allowed_tags:
            if tag not in VOID_TAGS:
                self.stack.append((tag, False))
            return
        kept = self._filter(tag, attrs)
        if tag == "img":
            if not any(name == "src" for name, _ in kept):
                return
            kept += list(self.rules.image_attributes.items())
        self._write_open(tag, kept)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping:
                self.skip_nesting -= 1
                if self.skip_nesting == 0:
                    self.skipping = None
            return
        if tag in VOID_TAGS:
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                while len(self.stack) > depth:
                    self._close_top()
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    # Comments, doctypes, processing instructions and CDATA never reach the output.
    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass

    def finish(self) -> str:
        self.close()
        while self.stack:
            self._close_top()
        return "".join(self.out)

    # --- writing ---------------------------------------------------------------------
    def _write_open(self, tag: str, attributes: list[tuple[str, str]]) -> None:
        rendered = "".join(f' {name}="{escape(value)}"' for name, value in attributes)
        self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID_TAGS:
            self.stack.append((tag, True))

    def _close_top(self) -> None:
        tag, written = self.stack.pop()
        if written:
            self.out.append(f"</{tag}>")

    # --- links, images, attributes ---------------------------------------------------
    def _open_link(self, attributes: dict[str, str | None]) -> None:
        linktype = attributes.get("linktype")
        pk = _int(attributes.get("id"))
        href: str | None
        if linktype == "page":
            href = self.references.page_url(pk) if pk else None
            href = self._url(href) if href else None
        elif linktype == "document":
            href = self.references.document_url(pk) if pk else None
            href = self._url(href) if href else None
        elif linktype:
            href = None  # a link type we do not know how to resolve
        else:
            raw = attributes.get("href")
            href = self._url(raw) if raw else None
        if "a" not in self.rules.allowed_tags or not href:
            # The text stays; only the link goes (a removed or non-public target).
            self.stack.append(("a", False))
            return
        kept = [("href", href)]
        title = attributes.get("title")
        if title and "title" in self.rules.attributes_for("a"):
            kept.append(("title", title))
        self._write_open("a", kept)

    def _embed(self, attributes: dict[str, str | None]) -> None:
        embedtype = attributes.get("embedtype")
        if embedtype == "image":
            self._image(attributes)
        elif embedtype == "media":
            url = self._url(attributes.get("url") or "")
            if url and "a" in self.rules.allowed_tags:
                self._write_open("a", [("href", url)])
                self.handle_data(url)
                self._close_top()

    def _image(self, attributes: dict[str, str | None]) -> None:
        pk = _int(attributes.get("id"))
        if pk is None or "img" not in self.rules.allowed_tags:
            return
        image_format = attributes.get("format")
        preset = self.rules.image_preset(image_format)
        tag = self.references.image(pk, preset, srcset=self.rules.image_srcset)
        src = self._url(tag.src) if tag else None
        if tag is None or src is None:
            return
        alt = attributes.get("alt")
        kept = [
            ("src", src),
            ("alt", tag.title if alt is None else alt),
            ("width", str(tag.width)),
            ("height", str(tag.height)),
        ]
        if tag.srcset:
            sizes = f"(max-width: {tag.width}px) 100vw, {tag.width}px"
            kept += [("srcset", tag.srcset), ("sizes", sizes)]
        css_class = self.rules.image_class(image_format)
        if css_class:
            kept.append(("class", css_class))
        kept += list(self.rules.image_attributes.items())
        self._write_open("img", kept)

    def _url(self, url: str) -> str | None:
        url = url.strip()
        if not url:
            return None
        try:
            scheme = _scheme(url)
            if scheme:
                return url if scheme in self.rules.url_schemes else None
            if self.rules.absolute_urls:
                return self.references.absolute_url(url)
        except ValueError:  # urlsplit refuses malformed hosts ("http://[::1")
            return None
        return url

    def _filter(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str]]:
        allowed = self.rules.attributes_for(tag)
        kept: list[tuple[str, str]] = []
        for name, value in attrs:
            if name not in allowed or value is None:
                continue
            value = value.strip()
            if name in URL_ATTRIBUTES:
                value = self._url(value)
            elif name in NUMBER_ATTRIBUTES:
                value = value if value.isdigit() else None
            elif name in SIZE_ATTRIBUTES:
                value = value if value.removesuffix("%").isdigit() else None
            elif name in ENUM_ATTRIBUTES:
                value = value if value in ENUM_ATTRIBUTES[name] else None
            if value:
                kept.append((name, value))
        return kept


def rewrite_rich_text(source: str, rules: RichTextRules, references: References) -> str:
    """Stored rich text as HTML for a channel: resolved, whitelisted, well formed."""
    rewriter = _Rewriter(rules, references)
    rewriter.feed(source or "")
    return rewriter.finish()
