"""InterpretationPage.body through real HTTP: every format, in every channel."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from tests.factories import InterpretationPageFactory

from .conftest import BASE, block_ids, item_ids
from .queries import INTERPRETATION_BODY


@pytest.fixture
def interpretation(site_tree, media):
    chart = media.image("申领流程图", width=1200, height=800)
    poster = media.image("视频封面", width=1600, height=900)
    video = media.document("政策解读视频", "jiedu.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = media.document(
        "字幕", "jiedu.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n"
    )
    start = timezone.make_aware(datetime.datetime(2025, 8, 15, 9, 30))
    qa = {
        "heading": "简明问答",
        "items": [
            {
                "question": "谁可以申请？",
                "answer": RichText("<p>符合条件的<b>用人单位</b>。</p>"),
            },
            {"question": "何时申请？", "answer": RichText("<p>每年 6 月。</p>")},
        ],
    }
    return (
        InterpretationPageFactory(
            parent=site_tree.interpretations,
            body=[
                ("paragraph", RichText("<p>一图读懂补贴政策。</p>")),
                ("qa", qa),
                (
                    "infographic",
                    {
                        "image": chart,
                        "alt_text": "图解：申领流程",
                        "long_description": "第一步登录，第二步提交。",
                        "caption": "申领流程",
                    },
                ),
                (
                    "video",
                    {
                        "title": "科长讲政策",
                        "video_file": video,
                        "video_url": "https://video.example.com/live/a.m3u8",
                        "poster": poster,
                        "captions": captions,
                        "duration": 185,
                        "transcript": "大家好。",
                    },
                ),
                (
                    "live",
                    {
                        "title": "政策直播间",
                        "start_time": start,
                        "status": "live",
                        "stream_url": "https://live.example.com/room/1",
                        "replay_url": "",
                        "poster": None,
                        "description": "在线答疑。",
                    },
                ),
            ],
        ),
        chart,
        poster,
        video,
        captions,
    )


def _expected(page, chart, poster, video, captions, *, channel: str):
    paragraph, qa, infographic, video_block, live = block_ids(page.body)
    first, second = item_ids(page.body[1])
    web = channel == "WEB"
    text = channel == "TEXT"
    content = chart.get_rendition("width-1200" if web or text else "width-750")
    hero = "fill-1600x600" if web or text else "fill-750x400"
    hero_rendition = poster.get_rendition(hero)
    return [
        {
            "__typename": "ParagraphBlock",
            "id": paragraph,
            "value": "一图读懂补贴政策。" if text else "<p>一图读懂补贴政策。</p>",
        },
        {
            "__typename": "QABlock",
            "id": qa,
            "heading": "简明问答",
            "items": [
                {
                    "id": first,
                    "question": "谁可以申请？",
                    "answer": "符合条件的用人单位。"
                    if text
                    else "<p>符合条件的<b>用人单位</b>。</p>",
                },
                {
                    "id": second,
                    "question": "何时申请？",
                    "answer": "每年 6 月。" if text else "<p>每年 6 月。</p>",
                },
            ],
        },
        {
            "__typename": "InfographicBlock",
            "id": infographic,
            "altText": "图解：申领流程",
            "longDescription": "第一步登录，第二步提交。",
            "caption": "申领流程",
            "image": {
                "id": str(chart.pk),
                "title": "申领流程图",
                "width": 1200,
                "height": 800,
                "altText": "图解：申领流程",
                "url": f"{BASE}{chart.file.url}",
                "rendition": {
                    "url": f"{BASE}{content.url}",
                    "width": content.width,
                    "height": content.height,
                    "filter": content.filter_spec,
                },
            },
        },
        {
            "__typename": "VideoBlock",
            "id": video_block,
            "title": "科长讲政策",
            "duration": 185,
            "transcript": "大家好。",
            "sources": [
                {
                    "kind": "FILE",
                    # The document view: the file's own path is never served.
                    "url": f"{BASE}/documents/{video.pk}/{video.filename}",
                    "mimeType": "video/mp4",
                },
                {
                    "kind": "EXTERNAL",
                    "url": "https://video.example.com/live/a.m3u8",
                    "mimeType": "application/vnd.apple.mpegurl",
                },
            ],
            "poster": {
                "id": str(poster.pk),
                "altText": "视频封面",
                "rendition": {
                    "width": hero_rendition.width,
                    "height": hero_rendition.height,
                    "filter": hero,
                },
            },
            "captions": [
                {
                    "kind": "captions",
                    "srclang": "zh",
                    "label": "中文字幕",
                    "url": f"{BASE}/documents/{captions.pk}/jiedu.vtt",
                    "document": {"id": str(captions.pk), "fileType": "vtt"},
                }
            ],
        },
        {
            "__typename": "LiveStreamBlock",
            "id": live,
            "title": "政策直播间",
            "startTime": page.body[4].value["start_time"].isoformat(),
            "status": "LIVE",
            "streamUrl": "https://live.example.com/room/1",
            "replayUrl": None,
            "description": "在线答疑。",
            "poster": None,
        },
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["WEB", "MINIPROGRAM", "TEXT"])
def test_every_format_in_every_channel(graphql, interpretation, channel):
    page, chart, poster, video, captions = interpretation
    result = graphql(INTERPRETATION_BODY, {"id": str(page.pk), "channel": channel})
    assert result == {
        "data": {
            "page": {
                "body": _expected(page, chart, poster, video, captions, channel=channel)
            }
        }
    }


@pytest.mark.django_db
def test_renditions_follow_the_channel_presets(graphql, interpretation):
    page, _chart, _poster, _video, _captions = interpretation
    result = graphql(
        INTERPRETATION_BODY, {"id": str(page.pk), "channel": "MINIPROGRAM"}
    )
    infographic = result["data"]["page"]["body"][2]["image"]["rendition"]
    poster = result["data"]["page"]["body"][3]["poster"]["rendition"]
    assert (infographic["width"], infographic["height"]) == (750, 500)
    assert poster == {"width": 750, "height": 400, "filter": "fill-750x400"}
