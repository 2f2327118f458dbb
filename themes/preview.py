"""The admin's preview modes 网站 and 小程序: a page as the API serializes it.

Every page type gets two preview modes besides its site template. Each runs the
editor's unsaved page through the public GraphQL types for that channel
(``api.preview.serialize_preview``) and lays the result out in a plain, readable
page: labels from the schema's (Chinese) descriptions, rich text as the channel's
HTML, images from their renditions. Nothing here decides what a field contains;
if the preview shows it, a frontend receives it.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from . import get_theme
from .rich_text import rewrite_rich_text

# mode name -> (label, GraphQL channel, theme)
CHANNEL_MODES = {
    "web": ("网站", "WEB", "web"),
    "miniprogram": ("小程序", "MINIPROGRAM", "miniprogram"),
}
TEMPLATE_MODE = ("", "站点模板")
HIDDEN_KEYS = frozenset({"__typename", "id", "pageType"})
TAG_RE = re.compile(r"<[a-zA-Z/][^>]*>")
LABEL_END_RE = re.compile(r"[（(，,。：:；;]")
BOOLEANS = {True: "是", False: "否"}


class _Passthrough:
    """References for HTML the API already resolved: keep URLs, resolve nothing new."""

    def page_url(self, page_id: int) -> str | None:
        return None

    def document_url(self, document_id: int) -> str | None:
        return None

    def image(self, image_id: int, preset, *, srcset: bool = False):
        return None

    def absolute_url(self, url: str) -> str | None:
        return url


def _has_template(page_class: type[Page]) -> bool:
    try:
        get_template(page_class.template)
    except (TemplateDoesNotExist, AttributeError):
        return False
    return True


def install_preview_modes(page_models: list[type[Page]]) -> None:
    """Give every page type the 网站 and 小程序 modes (first: the default mode).

    The site template stays available as a third mode where the type has one.
    Done for all page models at start-up, so a new page type cannot miss them.
    """
    for model in page_models:
        if (
            model is Page
            or "serve_preview" in model.__dict__
            and getattr(model.__dict__["serve_preview"], "channel_preview", False)
        ):
            continue
        modes = [(name, label) for name, (label, _, _) in CHANNEL_MODES.items()]
        if _has_template(model):
            modes.append(TEMPLATE_MODE)
        model.preview_modes = tuple(modes)
        model.serve_preview = _channel_serve_preview(model.serve_preview)


def _channel_serve_preview(original):
    def serve_preview(self, request, mode_name):
        if mode_name in CHANNEL_MODES:
            return serve_channel_preview(request, self, mode_name)
        return original(self, request, mode_name)

    serve_preview.channel_preview = True
    return serve_preview


def serve_channel_preview(
    request: HttpRequest, page: Page, mode_name: str
) -> HttpResponse:
    # api/ builds the schema; imported here so cms models never import it.
    from api.preview import serialize_preview

    label, channel, theme_name = CHANNEL_MODES[mode_name]
    result = serialize_preview(request=request, page=page, channel=channel)
    layout = Layout(labels=result.labels, rules=get_theme(theme_name).rich_text)
    data = result.data or {}
    context = {
        "page": page,
        "channel_label": label,
        "mode": mode_name,
        "title": data.get("title") or page.title,
        "type_label": page._meta.verbose_name,
        "body": layout.fields(data),
        "errors": result.errors,
    }
    return TemplateResponse(request, "themes/preview.html", context)


class Layout:
    """Turns the API's JSON into readable HTML, escaping everything it did not sanitize."""

    def __init__(self, *, labels: dict[str, str], rules) -> None:
        self.labels = labels
        self.rules = rules

    def label(self, typename: str | None, key: str) -> str:
        key = key.split("__", 1)[0] if not key.startswith("__") else key
        description = self.labels.get(f"{typename}.{key}", "")
        short = LABEL_END_RE.split(description, maxsplit=1)[0].strip()
        return short or key

    def fields(self, data: dict[str, Any]) -> SafeString:
        typename = data.get("__typename")
        rows = []
        for key, value in data.items():
            field = key.split("__", 1)[0] if not key.startswith("__") else key
            if field in HIDDEN_KEYS or field == "title" or _empty(value):
                continue
            rows.append((self.label(typename, key), self.value(value)))
        if not rows:
            return mark_safe("")  # noqa: S308 - a constant
        return format_html(
            '<dl class="fields">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        )

    def value(self, value: Any) -> SafeString:
        if isinstance(value, bool):
            return format_html("{}", BOOLEANS[value])
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            items = [self.value(item) for item in value if not _empty(item)]
            return format_html(
                '<ul class="items">{}</ul>',
                format_html_join("", "<li>{}</li>", ((item,) for item in items)),
            )
        if isinstance(value, dict):
            return self.object(value)
        return format_html("{}", value)

    def text(self, value: str) -> SafeString:
        if TAG_RE.search(value):
            # Sanitized again with the channel's rules: the preview runs in the admin.
            html = rewrite_rich_text(value, self.rules, _Passthrough())
            return format_html('<div class="rich-text">{}</div>', mark_safe(html))  # noqa: S308
        if value.startswith(("http://", "https://", "/")) and " " not in value:
            return format_html('<a href="{}" target="_blank">{}</a>', value, value)
        return format_html("{}", value)

    def object(self, value: dict[str, Any]) -> SafeString:
        image = _image_url(value)
        if image:
            return format_html(
                '<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>',
                image,
                value.get("altText", ""),
                value.get("altText") or value.get("title", ""),
            )
        typename = value.get("__typename", "")
        if "urlPath" in value and "title" in value and len(value) <= 6:
            return format_html(
                '<a class="page-link" href="{}">{}</a>',
                value.get("url") or value["urlPath"],
                value["title"],
            )
        heading = ""
        if typename.endswith("Block"):
            heading = format_html('<div class="block-type">{}</div>', typename)
        title = value.get("title")
        if title and isinstance(title, str):
            heading = format_html("{}<strong>{}</strong>", heading, title)
        return format_html(
            '<div class="object">{}{}</div>', heading, self.fields(value)
        )


def _image_url(value: dict[str, Any]) -> str | None:
    rendition = value.get("rendition")
    if isinstance(rendition, dict) and rendition.get("url"):
        return rendition["url"]
    if value.get("__typename") in ("Image", "Rendition"):
        return value.get("url")
    return None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
