"""System checks: a subscriber identity the server cannot prove."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_client_openid_trust(app_configs=None, **kwargs):
    if not settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID or settings.DEBUG:
        return []
    return [
        checks.Warning(
            "SUBSCRIPTIONS_TRUST_CLIENT_OPENID is on outside DEBUG: anyone can "
            "subscribe any WeChat openid and receive a manage token for its data.",
            hint="Unset it and configure WECHAT_APPID / WECHAT_SECRET: the "
            "mini-program sends wechatCode from wx.login() instead.",
            id="subscriptions.W001",
        )
    ]
