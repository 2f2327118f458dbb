"""Validation of what the public submits as a question (field errors in Chinese)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.participation.validators import validate_phone
from cms.taxonomy.models import Topic

from .models import CONTENT_MAX, TITLE_MAX


class QuestionSubmissionForm(forms.Form):
    topic_id = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        error_messages={
            "required": _("请选择咨询主题。"),
            "invalid_choice": _("咨询主题不存在。"),
        },
    )
    title = forms.CharField(
        max_length=TITLE_MAX,
        min_length=4,
        error_messages={
            "required": _("请填写标题。"),
            "min_length": _("标题至少 4 个字。"),
            "max_length": _("标题不能超过 %(limit_value)d 个字。"),
        },
    )
    content = forms.CharField(
        max_length=CONTENT_MAX,
        min_length=10,
        error_messages={
            "required": _("请填写咨询内容。"),
            "min_length": _("咨询内容至少 10 个字。"),
            "max_length": _("咨询内容不能超过 %(limit_value)d 个字。"),
        },
    )
    name = forms.CharField(
        required=False,
        max_length=50,
        error_messages={"max_length": _("姓名不能超过 %(limit_value)d 个字。")},
    )
    phone = forms.CharField(
        max_length=20,
        validators=[validate_phone],
        error_messages={
            "required": _("请填写联系电话，以便答复时联系您。"),
            "max_length": _("电话号码不能超过 %(limit_value)d 位。"),
        },
    )
    email = forms.EmailField(
        required=False,
        max_length=100,
        error_messages={
            "invalid": _("电子邮箱格式不正确。"),
            "max_length": _("电子邮箱不能超过 %(limit_value)d 个字符。"),
        },
    )
    consent_to_publish = forms.BooleanField(required=False)
    idempotency_key = forms.CharField(
        required=False,
        max_length=64,
        error_messages={"max_length": _("幂等键不能超过 %(limit_value)d 个字符。")},
    )
