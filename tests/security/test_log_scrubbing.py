"""Phone, ID card numbers and e-mails never reach the server log (cms/security/scrubbing.py)."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.conf import settings

from cms.security.scrubbing import ScrubFilter, scrub

PHONE = "13800138000"
ID_NUMBER = "11010119900307777X"
EMAIL = "zhang.san@example.com"

SUBMIT = (
    "mutation ($i: SubmitQuestionInput!) { submitQuestion(input: $i) { __typename } }"
)


@pytest.fixture
def server_log():
    """What the handlers configured by settings.LOGGING write, as text."""
    root = logging.getLogger()
    handlers = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
    handlers = [
        h for h in handlers if any(isinstance(f, ScrubFilter) for f in h.filters)
    ]
    assert handlers, "LOGGING installs no scrubbing handler on the root logger"
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    levels = [h.level for h in handlers]
    for handler in handlers:
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    yield buffer
    for handler, stream, level in zip(handlers, previous, levels, strict=True):
        handler.setStream(stream)
        handler.setLevel(level)
        handler.setFormatter(None)


def test_every_handler_scrubs():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "scrub" in handler.get("filters", []), name


@pytest.mark.django_db
def test_a_type_error_logs_no_phone_or_id_number(client, site_tree, server_log):
    # The reported case: numbers where strings belong; strawberry logs the error
    # with graphql-core's message, which quotes the whole input object.
    variables = {
        "i": {
            "topicId": "1",
            "title": "咨询",
            "content": f"我的身份证号 {ID_NUMBER}，邮箱 {EMAIL}",
            "phone": int(PHONE),
            "idNumber": ID_NUMBER,
        }
    }
    response = client.post(
        "/graphql/",
        json.dumps({"query": SUBMIT, "variables": variables}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}

    log = server_log.getvalue()
    assert "strawberry.execution ERROR Variable '$i' has invalid value" in log
    assert "138****8000" in log  # the line is there, the number masked
    for secret in (PHONE, ID_NUMBER, EMAIL):
        assert secret not in log


def test_arguments_tracebacks_and_extra_values_are_scrubbed(server_log):
    logger = logging.getLogger("cms.test")
    try:
        raise ValueError(f"行 {PHONE} 写入失败")
    except ValueError:
        logger.exception(
            "导入 %s 失败", ID_NUMBER, extra={"variables": {"contact": [EMAIL]}}
        )
    record_text = server_log.getvalue()
    assert "导入 110************77X 失败" in record_text
    assert "ValueError: 行 138****8000 写入失败" in record_text
    for secret in (PHONE, ID_NUMBER, EMAIL):
        assert secret not in record_text


def test_extra_values_are_masked_on_the_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", (PHONE,), None)
    record.variables = {"input": {"phone": PHONE, "email": [EMAIL]}}
    assert ScrubFilter().filter(record)
    assert record.getMessage() == "138****8000"
    assert record.variables == {
        "input": {"phone": "138****8000", "email": ["z***@example.com"]}
    }


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("电话 13800138000。", "电话 138****8000。"),
        ("+86 13912345678", "+86 139****5678"),
        ("110101199003077777", "110************777"),
        ("身份证 11010119900307777x 已核验", "身份证 110************77x 已核验"),
        ("旧证 110101900307777", "旧证 110*********777"),
        ("li@bureau.gov.cn", "l***@bureau.gov.cn"),
        # Not personal numbers: kept as they are.
        (
            "2026-12-03 收件编号 ZWGK-2026-000123",
            "2026-12-03 收件编号 ZWGK-2026-000123",
        ),
        ("id=1234567890", "id=1234567890"),
        ("23800138000", "23800138000"),
    ],
)
def test_scrub(text, scrubbed):
    assert scrub(text) == scrubbed
