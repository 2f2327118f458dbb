"""Channel adapters: each speaks its service's real protocol.

- e-mail: SMTP through Django's mail, bounded by ``EMAIL_TIMEOUT``;
- SMS: Aliyun 短信服务 ``SendSms`` (RPC API 2017-05-25, signature version 1.0,
  HMAC-SHA1), at ``SMS_API_BASE``;
- WeChat 订阅消息: ``POST /cgi-bin/message/subscribe/send`` with an access token
  from ``/cgi-bin/token`` (cached until shortly before it expires), at
  ``WECHAT_API_BASE``;
- webhooks: JSON POSTed to an external platform, signed with HMAC-SHA256 over
  ``"<timestamp>.<body>"``.

An adapter returns normally when the service accepted the message, raises
``Refused`` when retrying cannot help (the user withdrew consent, the number does
not exist) and any other exception for a failure worth retrying.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection


class Refused(Exception):
    """The service refused the message for good; it is not retried."""


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    link: str = ""
    unsubscribe_url: str = ""
    # Short values for templated channels (SMS, WeChat); keys by template field.
    fields: dict[str, str] = field(default_factory=dict)


def _http(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float | None = None,
) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 - URLs come from settings
        url, data=body, method=method, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=timeout or settings.SUBSCRIPTIONS_HTTP_TIMEOUT
        ) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- e-mail ---------------------------------------------------------------------------


def send_email(
    address: str, content: Content, *, idempotency_key: str, connection=None
) -> None:
    """Send over ``connection`` (one a run keeps open), else a new one."""
    headers = {"X-Idempotency-Key": idempotency_key}
    if content.unsubscribe_url:
        # RFC 8058 one-click unsubscribe for mail clients.
        headers["List-Unsubscribe"] = f"<{content.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMessage(
        content.subject,
        content.text,
        None,
        [address],
        headers=headers,
        connection=connection or get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    message.send(fail_silently=False)


# --- SMS: Aliyun SendSms --------------------------------------------------------------

# Codes after which the same request can never succeed.
SMS_PERMANENT = frozenset(
    {"isv.MOBILE_NUMBER_ILLEGAL", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.UNSUBSCRIBE"}
)


def _percent(value: str) -> str:
    return urllib.parse.quote(value, safe="~")


def aliyun_signature(params: dict[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(
        f"{_percent(k)}={_percent(v)}" for k, v in sorted(params.items())
    )
    to_sign = f"{method}&{_percent('/')}&{_percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def send_sms(
    phone: str, template: str, content: Content, *, idempotency_key: str
) -> None:
    params = {
        "AccessKeyId": settings.SMS_ACCESS_KEY_ID,
        "Action": "SendSms",
        "Format": "JSON",
        "OutId": idempotency_key[:64],
        "PhoneNumbers": phone,
        "RegionId": "cn-hangzhou",
        "SignName": settings.SMS_SIGN_NAME,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": uuid.uuid4().hex,
        "SignatureVersion": "1.0",
        "TemplateCode": template,
        "TemplateParam": json.dumps(content.fields, ensure_ascii=False),
        "Timestamp": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Version": "2017-05-25",
    }
    params["Signature"] = aliyun_signature(params, settings.SMS_ACCESS_KEY_SECRET)
    status, raw = _http(
        "POST",
        settings.SMS_API_BASE.rstrip("/") + "/",
        body=urllib.parse.urlencode(params).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        reply = json.loads(raw)
    except ValueError:
        raise RuntimeError(f"短信接口返回 HTTP {status}，内容无法解析") from None
    code = reply.get("Code")
    if code == "OK":
        return
    if code in SMS_PERMANENT:
        raise Refused(f"短信接口拒绝：{code} {reply.get('Message', '')}")
    raise RuntimeError(f"短信接口错误：HTTP {status} {code} {reply.get('Message', '')}")


# --- WeChat 订阅消息 ------------------------------------------------------------------

TOKEN_CACHE_KEY = "subscriptions:wechat-access-token"  # noqa: S105 - a cache key
TOKEN_INVALID = frozenset({40001, 40014, 42001})
USER_REFUSED = 43101  # the user has not (or no longer) accepted the template
WECHAT_PERMANENT = frozenset({40003, 40037, 47003})  # bad openid/template/data


def wechat_access_token(*, refresh: bool = False) -> str:
    token = None if refresh else cache.get(TOKEN_CACHE_KEY)
    if token:
        return token
    query = urllib.parse.urlencode(
        {
            "grant_type": "client_credential",
            "appid": settings.WECHAT_APPID,
            "secret": settings.WECHAT_SECRET,
        }
    )
    status, raw = _http(
        "GET", f"{settings.WECHAT_API_BASE.rstrip('/')}/cgi-bin/token?{query}"
    )
    reply = json.loads(raw or b"{}")
    if "access_token" not in reply:
        raise RuntimeError(
            f"获取微信 access_token 失败：{reply.get('errcode')} {reply.get('errmsg')}"
        )
    # Renewed five minutes early: a token used at its last second may be refused.
    cache.set(
        TOKEN_CACHE_KEY,
        reply["access_token"],
        max(int(reply.get("expires_in", 7200)) - 300, 60),
    )
    return reply["access_token"]


def send_wechat(openid: str, template: str, content: Content, *, page: str) -> None:
    body = json.dumps(
        {
            "touser": openid,
            "template_id": template,
            "page": page,
            "data": {key: {"value": value} for key, value in content.fields.items()},
            "miniprogram_state": settings.WECHAT_MINIPROGRAM_STATE,
            "lang": "zh_CN",
        },
        ensure_ascii=False,
    ).encode()
    for refresh in (False, True):
        token = wechat_access_token(refresh=refresh)
        status, raw = _http(
            "POST",
            f"{settings.WECHAT_API_BASE.rstrip('/')}/cgi-bin/message/subscribe/send"
            f"?access_token={urllib.parse.quote(token)}",
            body=body,
            headers={"Content-Type": "application/json"},
        )
        reply = json.loads(raw or b"{}")
        code = reply.get("errcode", -1)
        if code == 0:
            return
        if code in TOKEN_INVALID and not refresh:
            continue
        if code == USER_REFUSED:
            raise Refused(f"用户未授权该订阅消息模板（{code}）")
        if code in WECHAT_PERMANENT:
            raise Refused(f"微信拒绝：{code} {reply.get('errmsg')}")
        raise RuntimeError(f"微信订阅消息发送失败：{code} {reply.get('errmsg')}")


# --- Webhooks -------------------------------------------------------------------------


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def send_webhook(
    endpoint: dict, event: dict, *, idempotency_key: str, now: float | None = None
) -> None:
    body = json.dumps(event, ensure_ascii=False, sort_keys=True).encode()
    timestamp = str(int(now if now is not None else time.time()))
    status, raw = _http(
        "POST",
        endpoint["url"],
        body=body,
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Zwgk-Event": event["type"],
            "X-Zwgk-Timestamp": timestamp,
            "X-Zwgk-Signature": webhook_signature(endpoint["secret"], timestamp, body),
            # Percent-encoded: header values are Latin-1, endpoint names Chinese.
            "Idempotency-Key": urllib.parse.quote(idempotency_key, safe=":"),
        },
    )
    if 200 <= status < 300:
        return
    raise RuntimeError(
        f"对接平台返回 HTTP {status}：{raw[:200].decode(errors='replace')}"
    )
