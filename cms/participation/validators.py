"""Checks for what the public types into forms: ID numbers and phone numbers."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: weights of the first 17 digits and the check characters by sum % 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
# Mainland mobile numbers, and landlines with an area code (021-12345678).
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def resident_id_check_char(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def is_valid_resident_id(value: str) -> bool:
    value = value.strip().upper()
    if not RESIDENT_ID_RE.match(value):
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > datetime.date.today():
        return False
    return resident_id_check_char(value[:17]) == value[17]


def validate_resident_id(value: str) -> None:
    if value and not is_valid_resident_id(value):
        raise ValidationError(
            _("居民身份证号码不正确：应为 18 位，出生日期有效且校验位正确。"),
            code="resident_id",
        )


def normalize_phone(value: str) -> str:
    """Digits (and the landline dash) only: "138 1234 5678", "138-1234-5678" and
    "+86 13812345678" all become "13812345678"."""
    value = re.sub(r"[\s()（）]", "", value.strip())
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    value = value.lstrip("-")
    # Mobiles are often typed 138-1234-5678: the dashes go, so duplicates match.
    digits = value.replace("-", "")
    return digits if MOBILE_RE.match(digits) else value


def is_valid_phone(value: str) -> bool:
    value = normalize_phone(value)
    return bool(MOBILE_RE.match(value) or LANDLINE_RE.match(value))


def validate_phone(value: str) -> None:
    if value and not is_valid_phone(value):
        raise ValidationError(
            _("电话号码不正确：请填写 11 位手机号码或带区号的固定电话。"),
            code="phone",
        )
