"""Mini-program login: a wx.login() code exchanged for the user's openid.

``GET /sns/jscode2session?appid=…&secret=…&js_code=…&grant_type=authorization_code``
at ``WECHAT_API_BASE`` answers ``{openid, session_key, unionid?}`` or
``{errcode, errmsg}``. A code is valid for five minutes and only once, so it is the
client's proof that it is the WeChat user whose openid comes back. Only the openid is
kept: the session_key (which decrypts the user's data) is dropped at once.

Every failure is a ValidationError on ``wechat_code`` with a Chinese message the
mini-program can show as it is.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import urllib.parse

from django.conf import settings
from django.core.exceptions import ValidationError

from .channels import _http

logger = logging.getLogger(__name__)

FIELD = "wechat_code"
CODE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
OPENID = re.compile(r"^[A-Za-z0-9_-]{10,64}$")
INVALID_CODE = "登录凭证无效或已过期，请重新进入小程序"
UNAVAILABLE = "暂时无法连接微信登录服务，请稍后再试"
MESSAGES = {
    40029: INVALID_CODE,  # invalid code
    40163: INVALID_CODE,  # code already used
    45011: "登录过于频繁，请稍后再试",  # rate limit: 100 a minute per user
    40226: "微信判定该账号存在风险，暂不能在此订阅",  # high-risk user
    -1: "微信服务繁忙，请稍后再试",  # system busy
}


def openid_for_code(code: str) -> str:
    """The openid of the mini-program user who obtained ``code`` from wx.login()."""
    code = (code or "").strip()
    if not CODE.match(code):
        raise ValidationError({FIELD: INVALID_CODE})
    if not (settings.WECHAT_APPID and settings.WECHAT_SECRET):
        raise ValidationError({FIELD: "本站尚未开通小程序登录，暂不能通过小程序订阅"})
    query = urllib.parse.urlencode(
        {
            "appid": settings.WECHAT_APPID,
            "secret": settings.WECHAT_SECRET,
            "js_code": code,
            "grant_type": "authorization_code",
        }
    )
    try:
        status, raw = _http(
            "GET",
            f"{settings.WECHAT_API_BASE.rstrip('/')}/sns/jscode2session?{query}",
            timeout=settings.WECHAT_LOGIN_TIMEOUT,
        )
        reply = json.loads(raw or b"{}")
    # Unreachable, timed out, cut off, not JSON.
    except (OSError, http.client.HTTPException, ValueError) as error:
        logger.warning("WeChat jscode2session failed: %s", type(error).__name__)
        raise ValidationError({FIELD: UNAVAILABLE}) from None
    openid = reply.get("openid") if isinstance(reply, dict) else None
    if isinstance(openid, str) and OPENID.match(openid):
        return openid
    code_ = reply.get("errcode") if isinstance(reply, dict) else None
    if code_ not in MESSAGES:
        # A wrong appid/secret (40013, 40125) or anything unforeseen is the site's
        # problem, not the user's: logged for the operator, shown as unavailable.
        logger.error(
            "WeChat jscode2session: HTTP %s errcode %s %s",
            status,
            code_,
            reply.get("errmsg") if isinstance(reply, dict) else "",
        )
    raise ValidationError({FIELD: MESSAGES.get(code_, UNAVAILABLE)})
