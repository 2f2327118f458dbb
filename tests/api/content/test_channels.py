"""The channel argument: the site's default channel, and rich text outside bodies."""

from __future__ import annotations

import pytest
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.home.models import FrontendChannel, SiteSettings
from tests.factories import PolicyPageFactory
from tests.factories.pages import OpenEventPageFactory

SITE = "http://127.0.0.1:8000"

BODY = """
query ($id: ID, $channel: Channel) {
  page(id: $id) {
    ... on PolicyPage { body(channel: $channel) { ... on ParagraphBlock { value } } }
  }
}
"""


@pytest.fixture
def linked(site_tree, bureau):
    target = PolicyPageFactory(
        parent=site_tree.policies, slug="mubiao", issuers=[bureau]
    )
    source = f'<p><a linktype="page" id="{target.pk}">目标</a> 全文</p>'
    return PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=[("paragraph", RichText(source))],
    )


def _values(graphql, page, channel=None):
    variables = {"id": str(page.pk)}
    if channel:
        variables["channel"] = channel
    result = graphql(BODY, variables)
    return [block["value"] for block in result["data"]["page"]["body"]]


@pytest.mark.django_db
def test_without_channel_the_site_default_applies(graphql, linked):
    web = ['<p><a href="/zhengce/mubiao/">目标</a> 全文</p>']
    mini = [f'<p><a href="{SITE}/zhengce/mubiao/">目标</a> 全文</p>']
    assert _values(graphql, linked) == web

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_channel = FrontendChannel.MINIPROGRAM
    settings.save()
    assert _values(graphql, linked) == mini
    # An explicit channel always wins.
    assert _values(graphql, linked, "WEB") == web
    assert _values(graphql, linked, "TEXT") == ["目标 全文"]


@pytest.mark.django_db
def test_event_description_per_channel(graphql, site_tree, media):
    image = media.image("站点照片", width=1000, height=500)
    event = OpenEventPageFactory(
        parent=site_tree.events,
        description=(
            "<p>欢迎　报名参加<b>政府开放月</b>活动。</p>"
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="站点"/>'
            '<p onclick="x()">名额有限。</p>'
        ),
    )
    query = """
    query ($id: ID) {
      page(id: $id) {
        ... on OpenEventPage {
          web: description
          mini: description(channel: MINIPROGRAM)
          text: description(channel: TEXT)
          short: description(channel: TEXT, maxLength: 8)
        }
      }
    }"""
    result = graphql(query, {"id": str(event.pk)})
    full = image.get_rendition("width-1200")
    srcset = ", ".join(
        f"http://testserver{image.get_rendition(spec).url} {width}w"
        for spec, width in (
            ("width-600", 600),
            ("width-900", 900),
            ("width-1200", 1000),
        )
    )
    screen = image.get_rendition("width-750")
    assert result == {
        "data": {
            "page": {
                "web": "<p>欢迎　报名参加<b>政府开放月</b>活动。</p>"
                f'<img src="http://testserver{full.url}" alt="站点" width="1000" '
                f'height="500" srcset="{srcset}" '
                'sizes="(max-width: 1000px) 100vw, 1000px" '
                'class="richtext-image full-width" loading="lazy" decoding="async">'
                "<p>名额有限。</p>",
                "mini": "<p>欢迎　报名参加<b>政府开放月</b>活动。</p>"
                f'<img src="http://testserver{screen.url}" alt="站点" width="750" '
                'height="375" style="max-width:100%;height:auto;display:block">'
                "<p>名额有限。</p>",
                "text": "欢迎 报名参加政府开放月活动。 名额有限。",
                "short": "欢迎 报名参加…",
            }
        }
    }


@pytest.mark.django_db
def test_max_length_must_be_positive(graphql, site_tree):
    event = OpenEventPageFactory(parent=site_tree.events)
    result = graphql(
        "query ($id: ID) { page(id: $id) { ... on OpenEventPage {"
        " description(channel: TEXT, maxLength: 0) } } }",
        {"id": str(event.pk)},
    )
    assert [error["message"] for error in result["errors"]] == [
        "maxLength 须为正整数。"
    ]
