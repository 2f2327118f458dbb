"""guard_submission (honeypot, rate limit, private responses) and ValidationErrors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from api.context import Context
from api.participation.guard import RateLimitExceeded, guard_submission
from api.participation.types import FieldError, ValidationErrors


def _info(ip="10.0.0.1"):
    request = RequestFactory().post("/graphql/", REMOTE_ADDR=ip)
    return SimpleNamespace(context=Context(request=request, response=HttpResponse()))


def test_guard_passes_marks_private_and_counts(settings):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (1, 60)}
    info = _info()
    assert guard_submission(info, scope="question", honeypot=None) is None
    assert info.context.private is True
    with pytest.raises(RateLimitExceeded) as caught:
        guard_submission(_info(), scope="question", honeypot="")
    error = caught.value
    assert error.message == "提交过于频繁，请 1 分钟后再试。"
    assert error.extensions["code"] == "RATE_LIMITED"
    assert 0 < error.extensions["retryAfter"] <= 60


def test_honeypot_answers_before_counting(settings):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (1, 60)}
    info = _info()
    assert guard_submission(info, scope="question", honeypot="http://x") == (
        ValidationErrors(
            errors=[
                FieldError(
                    field="website", message="提交未通过校验，请刷新页面后重试。"
                )
            ]
        )
    )
    # The bot's submission did not use up the address's allowance.
    assert guard_submission(_info(), scope="question", honeypot=None) is None


def test_rate_limit_message_in_minutes(settings):
    assert RateLimitExceeded(3600).message == "提交过于频繁，请 60 分钟后再试。"
    assert RateLimitExceeded(61).message == "提交过于频繁，请 2 分钟后再试。"


def test_validation_errors_from_django_and_forms():
    error = ValidationError(
        {
            "id_number": ["证件号码不正确。"],
            "__all__": ["整体错误。"],
            "people_count": ["人数不对。", "另一个错误。"],
        }
    )
    assert ValidationErrors.from_django(error, {"people_count": "peopleCount"}) == (
        ValidationErrors(
            errors=[
                FieldError(field="idNumber", message="证件号码不正确。"),
                FieldError(field="input", message="整体错误。"),
                FieldError(field="peopleCount", message="人数不对。"),
                FieldError(field="peopleCount", message="另一个错误。"),
            ]
        )
    )
    assert ValidationErrors.from_django(ValidationError("没有字段。")).errors == [
        FieldError(field="input", message="没有字段。")
    ]

    class Form(forms.Form):
        topic = forms.IntegerField(error_messages={"required": "请选择主题。"})
        contact_phone = forms.CharField(error_messages={"required": "请填写电话。"})

    form = Form(data={})
    assert not form.is_valid()
    assert ValidationErrors.from_form(form, {"topic": "topicId"}).errors == [
        FieldError(field="topicId", message="请选择主题。"),
        FieldError(field="contactPhone", message="请填写电话。"),
    ]
