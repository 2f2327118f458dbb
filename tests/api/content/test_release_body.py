"""IntegratedReleasePage.body: sections of references, public ones only."""

from __future__ import annotations

import datetime

import pytest

from cms.policies.models import Disclosure, ValidityOverride
from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import (
    FAQFactory,
    IntegratedReleasePageFactory,
    ServiceItemFactory,
)

from .conftest import block_ids
from .queries import RELEASE_BODY

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def release(site_tree, bureau):
    valid = PolicyPageFactory(
        parent=site_tree.policies, title="现行办法", slug="xianxing", issuers=[bureau]
    )
    expired = PolicyPageFactory(
        parent=site_tree.policies,
        title="旧标准",
        expiry_date=datetime.date(2025, 1, 1),
        written_date=datetime.date(2023, 1, 1),
        publish_date=datetime.date(2023, 1, 2),
        issuers=[bureau],
    )
    amended = PolicyPageFactory(
        parent=site_tree.policies,
        title="已修订的办法",
        validity_override=ValidityOverride.AMENDED,
        issuers=[bureau],
    )
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        title="依申请公开",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
        issuers=[bureau],
    )
    draft = PolicyPageFactory(parent=site_tree.policies, live=False, issuers=[bureau])
    reading = InterpretationPageFactory(
        parent=site_tree.interpretations, title="一图读懂"
    )
    unpublished = InterpretationPageFactory(
        parent=site_tree.interpretations, title="未发布的解读", live=False
    )
    item = ServiceItemFactory(name="就业补贴申领", web_url="https://zwdt.sh.gov.cn/1")
    faq = FAQFactory(
        question="去哪里申请？",
        answer=f'<p>见<a linktype="page" id="{valid.pk}">现行办法</a>。</p>',
    )
    items = [
        {"type": "policy", "value": {"policy": valid.pk, "note": "主文件"}},
        {"type": "policy", "value": {"policy": expired.pk, "note": ""}},
        {"type": "policy", "value": {"policy": amended.pk, "note": ""}},
        {"type": "policy", "value": {"policy": hidden.pk, "note": "不应出现"}},
        {"type": "policy", "value": {"policy": draft.pk, "note": ""}},
        {"type": "interpretation", "value": {"interpretation": reading.pk}},
        {"type": "interpretation", "value": {"interpretation": unpublished.pk}},
        {"type": "service_item", "value": {"service_item": item.pk}},
        {"type": "faq", "value": {"faq": faq.pk}},
    ]
    for number, entry in enumerate(items):
        entry["id"] = f"item-{number}"
    page = IntegratedReleasePageFactory(
        parent=site_tree.releases,
        body=[
            {
                "type": "section",
                "value": {
                    "title": "政策文件",
                    "intro": "跨部门政策汇总",
                    "items": items,
                },
            }
        ],
    )
    return page, (valid, expired, amended), reading, item, faq


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["WEB", "MINIPROGRAM", "TEXT"])
def test_section_references(graphql, release, channel):
    page, (valid, expired, amended), reading, item, faq = release
    result = graphql(RELEASE_BODY, {"id": str(page.pk), "channel": channel})
    (section_id,) = block_ids(page.body)
    ids = [child.id for child in page.body[0].value["items"]]
    answer = {
        "WEB": '<p>见<a href="/zhengce/xianxing/">现行办法</a>。</p>',
        "MINIPROGRAM": f'<p>见<a href="{SITE}/zhengce/xianxing/">现行办法</a>。</p>',
        "TEXT": "见现行办法。",
    }[channel]

    def policy(page, validity):
        return {"id": str(page.pk), "title": page.title, "validity": validity}

    assert result == {
        "data": {
            "page": {
                "body": [
                    {
                        "__typename": "ReleaseSectionBlock",
                        "id": section_id,
                        "title": "政策文件",
                        "intro": "跨部门政策汇总",
                        "items": [
                            {
                                "__typename": "PolicyReferenceBlock",
                                "id": ids[0],
                                "note": "主文件",
                                "policy": policy(valid, "VALID"),
                            },
                            {
                                "__typename": "PolicyReferenceBlock",
                                "id": ids[1],
                                "note": "",
                                "policy": policy(expired, "EXPIRED"),
                            },
                            {
                                "__typename": "PolicyReferenceBlock",
                                "id": ids[2],
                                "note": "",
                                "policy": policy(amended, "AMENDED"),
                            },
                            {
                                "__typename": "PolicyReferenceBlock",
                                "id": ids[3],
                                "note": "不应出现",
                                "policy": None,
                            },
                            {
                                "__typename": "PolicyReferenceBlock",
                                "id": ids[4],
                                "note": "",
                                "policy": None,
                            },
                            {
                                "__typename": "InterpretationReferenceBlock",
                                "id": ids[5],
                                "interpretation": {
                                    "id": str(reading.pk),
                                    "title": "一图读懂",
                                },
                            },
                            {
                                "__typename": "InterpretationReferenceBlock",
                                "id": ids[6],
                                "interpretation": None,
                            },
                            {
                                "__typename": "ServiceItemReferenceBlock",
                                "id": ids[7],
                                "serviceItem": {
                                    "id": str(item.pk),
                                    "name": "就业补贴申领",
                                    "webUrl": "https://zwdt.sh.gov.cn/1",
                                },
                            },
                            {
                                "__typename": "FAQReferenceBlock",
                                "id": ids[8],
                                "question": "去哪里申请？",
                                "answer": answer,
                                "faq": {"id": str(faq.pk), "question": "去哪里申请？"},
                            },
                        ],
                    }
                ]
            }
        }
    }
