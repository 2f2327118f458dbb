from __future__ import annotations

import datetime
import itertools

import pytest

from cms.credit.models import CreditDecision, DecisionKind, PartyType, Severity
from cms.participation.validators import resident_id_check_char
from cms.taxonomy.validators import credit_code_check_char

_numbers = itertools.count(1)


def company_code(n: int) -> str:
    body = f"91310112MA1G{n:05d}"
    return body + credit_code_check_char(body)


def resident_id(birth: str = "19900307", serial: str = "123") -> str:
    body = f"110101{birth}{serial}"
    return body + resident_id_check_char(body)


@pytest.fixture
def make_decision(db):
    """A saved decision; natural person or company, penalty or licence."""

    def make(**fields) -> CreditDecision:
        n = next(_numbers)
        kind = fields.pop("kind", DecisionKind.PENALTY)
        values = {
            "kind": kind,
            "document_number": f"闵人社监罚字〔2026〕第{n:05d}号",
            "party_name": f"上海闵行测试{n}有限公司",
            "party_type": PartyType.LEGAL_PERSON,
            "credit_code": company_code(n),
            "content": "未按照规定支付劳动者工资。",
            "basis": "《劳动保障监察条例》第二十六条",
            "penalty_type": "罚款",
            "decision_content": "罚款人民币5000元",
            "decision_date": datetime.date(2026, 3, 2),
            "authority": "上海市闵行区人力资源和社会保障局",
            "severity": Severity.GENERAL if kind == DecisionKind.PENALTY else "",
        }
        if kind == DecisionKind.LICENSE:
            values["document_number"] = f"闵人社许字〔2026〕第{n:05d}号"
            values["content"] = "劳务派遣经营许可"
            values["penalty_type"] = ""
            values["decision_content"] = "准予许可"
        values.update(fields)
        if values["party_type"] == PartyType.NATURAL_PERSON:
            values.setdefault("id_number", resident_id())
            if "credit_code" not in fields:
                values["credit_code"] = ""
        decision = CreditDecision(**values)
        decision.full_clean()
        decision.save()
        return decision

    return make


@pytest.fixture
def set_today(monkeypatch):
    """Fix the date the public rule and the statements are measured against."""

    def set_(day: datetime.date) -> None:
        monkeypatch.setattr("cms.credit.selectors.local_today", lambda: day)

    return set_
