"""Every link a page makes: rich text (RichTextField and rich text inside StreamFields),
files (attachments, document blocks and document links), pages it points to, URL
fields and blocks, and the 一网通办 service items it offers (阅办联动).

The walk is generic over fields and blocks, so a new page type's links are found
without registering anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import LinkKind

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")


@dataclass(frozen=True)
class FoundLink:
    kind: str
    url: str
    source: str
    text: str = ""
    target_id: int | None = None
    service_item_id: int | None = None
    # What a service item's landing page must still show (its code or name).
    expect: tuple[str, ...] = ()

    @property
    def identity(self) -> str:
        if self.kind == LinkKind.SERVICE:
            return str(self.service_item_id)
        return self.url


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[dict, list[str]]] = []
        self._open: list[tuple[dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            entry = (dict(attrs), [])
            self.anchors.append(entry)
            self._open.append(entry)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for _attrs, text in self._open:
            text.append(data)


def links_in_html(html: str, source: str, own_hosts: frozenset[str]) -> list[FoundLink]:
    parser = _Anchors()
    parser.feed(html or "")
    found = []
    for attrs, text_parts in parser.anchors:
        text = "".join(text_parts).strip()[:200]
        linktype = attrs.get("linktype")
        if linktype in ("page", "document") and (attrs.get("id") or "").isdigit():
            target = int(attrs["id"])
            found.append(
                FoundLink(
                    kind=LinkKind.PAGE if linktype == "page" else LinkKind.DOCUMENT,
                    url=f"{linktype}:{target}",
                    target_id=target,
                    source=source,
                    text=text,
                )
            )
            continue
        link = link_for_href(attrs.get("href") or "", source, text, own_hosts)
        if link is not None:
            found.append(link)
    return found


def link_for_href(
    href: str, source: str, text: str, own_hosts: frozenset[str]
) -> FoundLink | None:
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
        return None
    if href.startswith("//"):
        href = "https:" + href
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.netloc.lower() not in own_hosts:
        return FoundLink(
            kind=LinkKind.EXTERNAL, url=href[:2000], source=source, text=text
        )
    if parts.scheme not in ("", "http", "https"):
        return None
    # A path on our own site: a file, or a page found by its path.
    path = parts.path or "/"
    match = DOCUMENT_PATH.match(path)
    if match:
        target = int(match.group(1))
        return FoundLink(
            kind=LinkKind.DOCUMENT,
            url=f"document:{target}",
            target_id=target,
            source=source,
            text=text,
        )
    return FoundLink(
        kind=LinkKind.PAGE,
        url=f"path:{path}",
        target_id=page_id_for_path(path),
        source=source,
        text=text,
    )


def page_id_for_path(path: str) -> int | None:
    """The page at a site path (``/zhengce/abc/``), or None (links there are broken)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + "/".join(
        part for part in path.split("/") if part
    )
    url_path = url_path.rstrip("/") + "/"
    return Page.objects.filter(url_path=url_path).values_list("pk", flat=True).first()


def own_hosts() -> frozenset[str]:
    """``host`` and ``host:port`` of our own sites: absolute links there are ours."""
    from wagtail.models import Site

    hosts = set()
    for hostname, port in Site.objects.values_list("hostname", "port"):
        hostname = hostname.lower()
        hosts.add(f"{hostname}:{port}")
        if port in (80, 443):
            hosts.add(hostname)
    return frozenset(hosts)


class _Walker:
    def __init__(self):
        self.hosts = own_hosts()
        self.found: list[FoundLink] = []
        self.document_model = get_document_model()

    # --- model instances -----------------------------------------------------------
    def instance(self, obj: models.Model, source: str, *, depth: int = 0) -> None:
        from cms.taxonomy.models import ServiceItem

        is_page = isinstance(obj, Page)
        for field in obj._meta.concrete_fields:
            if is_page and field.model is Page:
                continue  # Wagtail's own fields (owner, locale, revisions ...)
            label = source or str(field.verbose_name)
            if isinstance(field, RichTextField):
                self.html(field.value_from_object(obj), label)
            elif isinstance(field, StreamField):
                self.stream(getattr(obj, field.name), label)
            elif isinstance(field, models.URLField):
                self.href(field.value_from_object(obj), label, "")
            elif isinstance(field, models.ForeignKey) and not field.primary_key:
                related = field.related_model
                if (
                    getattr(field, "remote_field", None)
                    and field.remote_field.parent_link
                ):
                    continue
                if field.__class__.__name__ == "ParentalKey":
                    continue
                target_id = field.value_from_object(obj)
                if target_id is None:
                    continue
                if issubclass(related, self.document_model):
                    self.document(target_id, label, "")
                elif issubclass(related, ServiceItem):
                    self.service(getattr(obj, field.name), label)
                elif issubclass(related, Page):
                    self.page(target_id, label, "")
        if depth == 0:
            for relation in get_all_child_relations(obj):
                manager = getattr(obj, relation.get_accessor_name())
                label = str(relation.related_model._meta.verbose_name)
                for child in manager.all():
                    self.instance(child, label, depth=depth + 1)

    # --- values ----------------------------------------------------------------------
    def html(self, html: str, source: str) -> None:
        self.found.extend(links_in_html(html or "", source, self.hosts))

    def href(self, href: str, source: str, text: str) -> None:
        link = link_for_href(href or "", source, text, self.hosts)
        if link is not None:
            self.found.append(link)

    def document(self, target_id: int, source: str, text: str) -> None:
        self.found.append(
            FoundLink(
                kind=LinkKind.DOCUMENT,
                url=f"document:{target_id}",
                target_id=target_id,
                source=source,
                text=text,
            )
        )

    def page(self, target_id: int, source: str, text: str) -> None:
        self.found.append(
            FoundLink(
                kind=LinkKind.PAGE,
                url=f"page:{target_id}",
                target_id=target_id,
                source=source,
                text=text,
            )
        )

    def service(self, item, source: str) -> None:
        if item is None or not item.web_url:
            return
        self.found.append(
            FoundLink(
                kind=LinkKind.SERVICE,
                url=item.web_url,
                service_item_id=item.pk,
                source=source,
                text=item.name[:200],
                expect=tuple(v for v in (item.code, item.name) if v),
            )
        )

    # --- StreamField blocks -------------------------------------------------------
    def stream(self, stream_value, source: str) -> None:
        for child in stream_value or ():
            self.block(child.block, child.value, source)

    def block(self, block, value, source: str) -> None:
        from cms.taxonomy.models import ServiceItem

        if value is None:
            return
        if isinstance(block, blocks.RichTextBlock):
            self.html(
                value.source if isinstance(value, RichText) else str(value), source
            )
        elif isinstance(block, blocks.StreamBlock):
            self.stream(value, source)
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                self.block(child_block, value.get(name), source)
        elif isinstance(block, blocks.ListBlock):
            for item in value:
                self.block(block.child_block, item, source)
        elif isinstance(block, blocks.URLBlock):
            self.href(value, source, "")
        elif isinstance(block, blocks.PageChooserBlock):
            self.page(value.pk, source, value.title[:200])
        elif isinstance(value, self.document_model):
            self.document(value.pk, source, value.title[:200])
        elif isinstance(value, ServiceItem):
            self.service(value, source)
        elif isinstance(value, models.Model):
            # A snippet (an FAQ): its own rich text and links, one level deep.
            self.instance(value, source, depth=1)


def links_of(page: Page) -> list[FoundLink]:
    """The links ``page`` (a specific page, as it is or would go live) makes,
    one per distinct target and place."""
    walker = _Walker()
    walker.instance(page, "")
    seen: dict[tuple[str, str, str], FoundLink] = {}
    for link in walker.found:
        seen.setdefault((link.kind, link.identity, link.source), link)
    return list(seen.values())
