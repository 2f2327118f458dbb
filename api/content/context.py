"""What rendering content for one site and channel needs, built once per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.http import HttpRequest
from wagtail.models import Page, Site

from api.context import Info
from themes import Theme

from .channel import Channel, default_channel, theme_for
from .loaders import MediaLoader, PageLinkLoader, ReferenceLoader


@dataclass
class ContentContext:
    """Site, channel, theme and the request's loaders, handed to every ``from_block``."""

    request: HttpRequest
    site: Site | None
    channel: Channel
    theme: Theme
    media: MediaLoader
    links: PageLinkLoader
    references: ReferenceLoader
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return self.channel is Channel.TEXT

    def media_url(self, url: str) -> str:
        """Media and documents are served by the CMS, not the frontend: absolute."""
        return self.request.build_absolute_uri(url) if url.startswith("/") else url

    def frontend_url(self, url: str) -> str | None:
        """A relative link made absolute against the site's frontend root."""
        if url.startswith("#") or self.site is None:
            return None
        return urljoin(self.site.root_url + "/", url)

    def page_url(self, page: Page, *, absolute: bool) -> str | None:
        parts = page.get_url_parts(request=self.request)
        if not parts or parts[2] is None:
            return None
        _site_id, root_url, path = parts
        return f"{root_url}{path}" if absolute else path


def content_context(info: Info, channel: Channel | None = None) -> ContentContext:
    """The context for the site the current root field asked for, in ``channel``.

    ``channel`` None means the site's default channel (站点设置).
    """
    loaders = info.context.loaders
    site = info.context.site
    site_key = site.pk if site else "-"
    channel = channel or default_channel(site, loaders)
    key = f"content:{site_key}:{channel.value}"
    context = loaders.get(key)
    if context is None:
        media = loaders.setdefault("content:media", MediaLoader(info.context))
        links = loaders.setdefault(f"content:links:{site_key}", PageLinkLoader(site))
        references = loaders.setdefault(
            f"content:references:{site_key}",
            ReferenceLoader(site),
        )
        context = loaders[key] = ContentContext(
            request=info.context.request,
            site=site,
            channel=channel,
            theme=theme_for(channel, lambda: default_channel(site, loaders)),
            media=media,  # type: ignore[arg-type]
            links=links,  # type: ignore[arg-type]
            references=references,  # type: ignore[arg-type]
        )
    return context  # type: ignore[return-value]
