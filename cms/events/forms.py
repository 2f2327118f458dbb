"""Validation of what the public submits to register for an activity (Chinese errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.participation.validators import validate_phone


class RegistrationForm(forms.Form):
    name = forms.CharField(
        max_length=50,
        error_messages={
            "required": _("请填写姓名。"),
            "max_length": _("姓名不能超过 %(limit_value)d 个字。"),
        },
    )
    phone = forms.CharField(
        max_length=20,
        validators=[validate_phone],
        error_messages={
            "required": _("请填写手机号码。"),
            "max_length": _("电话号码不能超过 %(limit_value)d 位。"),
        },
    )
    people_count = forms.IntegerField(
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("请填写人数。"),
            "min_value": _("人数至少为 1。"),
            "max_value": _("人数不能超过 %(limit_value)s。"),
        },
    )
    idempotency_key = forms.CharField(
        required=False,
        max_length=64,
        error_messages={"max_length": _("幂等键不能超过 %(limit_value)d 个字符。")},
    )
