"""Checks for the identifiers Chinese government records carry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 统一社会信用代码 alphabet (no I, O, Z, S, V) and weights.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * w
        for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    value = value.strip().upper()
    if len(value) != 18 or any(ch not in CREDIT_CODE_ALPHABET for ch in value):
        return False
    return credit_code_check_char(value[:17]) == value[17]


def validate_credit_code(value: str) -> None:
    if value and not is_valid_credit_code(value):
        raise ValidationError(
            _("统一社会信用代码格式或校验位不正确（应为 18 位）。"), code="credit_code"
        )
