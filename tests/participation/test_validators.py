"""Resident ID checksum and phone numbers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms.participation.validators import (
    is_valid_phone,
    is_valid_resident_id,
    normalize_phone,
    resident_id_check_char,
    validate_phone,
    validate_resident_id,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("11010519491231002X", True),  # GB 11643 example
        ("11010519491231002x", True),  # lower-case x accepted
        ("110105194912310021", False),  # wrong check digit
        ("11010519491331002X", False),  # month 13
        ("11010518991231002X", False),  # born before 1900
        ("11010529991231002X", False),  # born in the future
        ("1101051949123100", False),  # too short
        ("", False),
    ],
)
def test_resident_id(value, valid):
    assert is_valid_resident_id(value) is valid


def test_check_char():
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44052418800101001") == "4"


def test_validate_resident_id_message():
    validate_resident_id("")  # optional fields pass empty
    with pytest.raises(ValidationError) as caught:
        validate_resident_id("110105194912310021")
    assert caught.value.messages == [
        "居民身份证号码不正确：应为 18 位，出生日期有效且校验位正确。"
    ]


@pytest.mark.parametrize(
    ("raw", "normalized", "valid"),
    [
        ("13812345678", "13812345678", True),
        ("138 1234 5678", "13812345678", True),
        ("+86 138 1234 5678", "13812345678", True),
        ("0086-13812345678", "13812345678", True),
        ("+86-138-1234-5678", "13812345678", True),
        ("138-1234-5678", "13812345678", True),
        ("008613812345678", "13812345678", True),
        ("021-64121234", "021-64121234", True),
        ("(021)64121234", "02164121234", True),
        ("021-64121234-801", "021-64121234-801", True),
        ("12812345678", "12812345678", False),
        ("1381234567", "1381234567", False),
    ],
)
def test_phone(raw, normalized, valid):
    assert normalize_phone(raw) == normalized
    assert is_valid_phone(raw) is valid


def test_validate_phone_message():
    with pytest.raises(ValidationError) as caught:
        validate_phone("12345")
    assert caught.value.messages == [
        "电话号码不正确：请填写 11 位手机号码或带区号的固定电话。"
    ]
