"""Natural persons' names and ID numbers never leave the admin unmasked: the public
copies, the search index and its highlights (API fields: test_api.py)."""

from __future__ import annotations

import re

import pytest
from modelsearch.conf import get_app_config

from cms.credit.masking import mask_id_number, mask_person_name, mask_text
from cms.credit.models import CreditDecision, PartyType
from cms.credit.services import index_decisions
from search.engine import SearchFilters, search_pages
from search.registry import content_type_id

from .conftest import resident_id

ID = resident_id()
MASKED_ID = "110***********" + ID[-4:]


def test_masks():
    assert mask_person_name("张三丰") == "张某某"
    assert mask_person_name("李四") == "李某"
    assert mask_person_name("欧阳娜娜") == "欧某某某"
    assert mask_id_number("110101199003071234") == "110***********1234"
    assert mask_text(f"王五，身份证号码{ID}，电话021-64123456。", names=("王五",)) == (
        f"王某，身份证号码{MASKED_ID}，电话021-64123456。"
    )
    # A longer run of digits (an account number) is not an ID number.
    assert mask_text("账号62220210012345678901") == "账号62220210012345678901"


@pytest.fixture
def person(make_decision):
    return make_decision(
        party_name="张三丰",
        party_type=PartyType.NATURAL_PERSON,
        id_number=ID,
        content=f"张三丰（身份证号码{ID}）在莘庄镇从事非法职业中介活动。",
        basis="《人力资源市场暂行条例》第四十二条",
        decision_content="对张三丰罚款人民币5000元",
    )


PUBLIC_FIELDS = (
    "public_party_name",
    "public_identifier",
    "public_content",
    "public_basis",
    "public_decision_content",
)


@pytest.mark.django_db
def test_every_public_copy_of_a_natural_person_is_masked(person):
    decision = CreditDecision.objects.get(pk=person.pk)
    assert {name: getattr(decision, name) for name in PUBLIC_FIELDS} == {
        "public_party_name": "张某某",
        "public_identifier": MASKED_ID,
        "public_content": f"张某某（身份证号码{MASKED_ID}）在莘庄镇从事非法职业中介活动。",
        "public_basis": "《人力资源市场暂行条例》第四十二条",
        "public_decision_content": "对张某某罚款人民币5000元",
    }
    # The raw values stay for staff.
    assert (decision.party_name, decision.id_number) == ("张三丰", ID)


@pytest.mark.django_db
def test_a_legal_person_is_shown_in_full(make_decision):
    decision = make_decision(party_name="上海莘庄劳务派遣有限公司")
    assert decision.public_party_name == "上海莘庄劳务派遣有限公司"
    assert decision.public_identifier == decision.credit_code


@pytest.mark.django_db
def test_the_index_holds_masked_text_only(person, site_tree):
    index_decisions([person])
    IndexEntry = get_app_config().get_model("IndexEntry")
    entry = IndexEntry.objects.get(
        content_type_id=content_type_id(CreditDecision), object_id=str(person.pk)
    )
    text = f"{entry.title} {entry.body} {entry.autocomplete}"
    # PostgreSQL's index keeps tsvectors ('张':1A '某某':2A …), SQLite's the words.
    words = re.findall(r"'([^']*)'", text) if "':" in text else text.split()
    for raw in ("张三丰", "三丰", ID, ID[6:14]):
        assert not any(raw in word for word in words)
        assert raw not in "".join(words)
    assert "某某" in words or "张某某" in words

    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    outcome = search_pages(
        query="非法职业中介",
        site=site,
        filters=SearchFilters(content_types=("credit_decision",)),
    )
    assert [hit.record for hit in outcome.hits] == [person]
    # Searching for the real name finds nothing.
    outcome = search_pages(
        query="张三丰",
        site=site,
        filters=SearchFilters(content_types=("credit_decision",)),
    )
    assert outcome.hits == []
