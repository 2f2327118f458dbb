"""The demo 待遇标准调整: every basis policy is a demo policy, the timelines load
once with their 调整前金额, and the 现行标准 on a date come through the API."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from cms.benefits.models import BenefitStandard
from cms.demo import benefits as demo
from tests.factories import PolicyPageFactory

DATA = Path(demo.__file__).parent / "data" / "policies.jsonl"


@pytest.fixture
def basis_policies(site_tree):
    """The demo policies the standards name, as the demo loads them."""
    records = {
        record["doc_number"]: record
        for record in map(json.loads, DATA.read_text(encoding="utf-8").splitlines())
    }
    wanted = {row["依据政策"] for row in demo.benefit_rows()}
    assert wanted <= set(records), "every basis policy is a demo policy"
    for number, doc_number in enumerate(sorted(wanted)):
        record = records[doc_number]
        PolicyPageFactory(
            parent=site_tree.policies,
            slug=f"benefit-basis-{number}",
            title=record["title"],
            doc_number=doc_number,
            written_date=datetime.date.fromisoformat(record["written_date"]),
            publish_date=datetime.date.fromisoformat(record["publish_date"]),
        )


def test_the_demo_loads_once_and_answers_the_current_standard(graphql, basis_policies):
    assert demo.load_benefits_demo() == 24
    assert demo.load_benefits_demo() == 0
    assert BenefitStandard.objects.count() == 24
    # Every demo adjustment was public with its policy, within 20 working days.
    assert [s for s in BenefitStandard.objects.all() if s.is_overdue()] == []
    data = graphql(
        """{ benefitStandards(scheme: UNEMPLOYMENT, on: "2025-06-01") {
               category amount previousAmount effectiveFrom basisPolicy { docNumber } } }"""
    )["data"]["benefitStandards"]
    assert data[0] == {
        "category": "延长领取期间",
        "amount": "1740.00",
        "previousAmount": "1685.00",
        "effectiveFrom": "2025-04-01",
        "basisPolicy": {"docNumber": "沪人社规〔2025〕6号"},
    }
    assert len(data) == 5
    pension = BenefitStandard.objects.get(category="月生活费最低标准")
    assert pension.previous_amount == 1605
