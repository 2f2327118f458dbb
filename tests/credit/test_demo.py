"""The demo decisions: realistic, both kinds, a quiet month, masked, repeatable."""

from __future__ import annotations

import datetime

import pytest

from cms.credit.models import CreditDecision, DecisionKind, PartyType, Withdrawal
from cms.credit.selectors import month_statements, public_decisions
from cms.demo.credit import DEMO_COUNT, load_credit_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_both_kinds_and_a_quiet_month(site_tree, set_today):
    set_today(datetime.date(2026, 12, 3))
    assert load_credit_demo() == DEMO_COUNT
    assert CreditDecision.objects.count() == DEMO_COUNT
    assert CreditDecision.objects.filter(kind=DecisionKind.LICENSE).count() == 100
    people = CreditDecision.objects.filter(party_type=PartyType.NATURAL_PERSON)
    assert people.exists()
    for person in people:
        assert person.public_party_name == person.party_name[0] + "某" * (
            len(person.party_name) - 1
        )
        assert person.id_number not in person.public_content
    assert CreditDecision.objects.filter(withdrawal=Withdrawal.EXPIRED).exists()
    assert CreditDecision.objects.filter(withdrawal=Withdrawal.REPAIRED).count() == 1
    assert public_decisions().exists()
    february = month_statements(year=2026)[1]
    assert february.statement == "2026年2月本月无行政处罚案件"
    assert load_credit_demo() == 0
    assert CreditDecision.objects.count() == DEMO_COUNT
