"""Plain text from rich text, for summaries and share cards."""

from __future__ import annotations

from html.parser import HTMLParser

from .base import DROP_WITH_CONTENT

ELLIPSIS = "…"

# Elements that end a line of text: their boundary becomes a space, so words in
# neighbouring paragraphs or cells never run together.
BREAKING_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "hr", "table", "tr"}
    | {"td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "section", "embed"}
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str | None = None
        self.skip_nesting = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            self.skip_nesting += tag == self.skipping
        elif tag in DROP_WITH_CONTENT:
            self.skipping, self.skip_nesting = tag, 1
        elif tag in BREAKING_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping:
                self.skip_nesting -= 1
                if self.skip_nesting == 0:
                    self.skipping = None
        elif tag in BREAKING_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def truncate(text: str, max_length: int | None) -> str:
    """``text`` cut to at most ``max_length`` characters, an ellipsis marking the cut."""
    if max_length is None or len(text) <= max_length:
        return text
    if max_length <= len(ELLIPSIS):
        return text[:max_length]
    return text[: max_length - len(ELLIPSIS)].rstrip() + ELLIPSIS


def plain_text(source: str, max_length: int | None = None) -> str:
    """The text of an HTML fragment on one line, whitespace collapsed, optionally cut."""
    extractor = _TextExtractor()
    extractor.feed(source or "")
    extractor.close()
    # str.split() also splits on U+3000 (全角空格) and no-break spaces.
    return truncate(" ".join("".join(extractor.parts).split()), max_length)
