"""A commenter's optional contact: a phone number or an e-mail address."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from cms.participation.masking import mask_email, mask_phone
from cms.participation.validators import is_valid_phone


def validate_contact(value: str) -> None:
    value = (value or "").strip()
    if not value:
        return
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("电子邮箱格式不正确。"), code="contact") from None
        return
    if not is_valid_phone(value):
        raise ValidationError(
            _("联系方式请填写 11 位手机号码、带区号的固定电话或电子邮箱。"),
            code="contact",
        )


def mask_contact(value: str) -> str:
    value = value or ""
    return mask_email(value) if "@" in value else mask_phone(value)
