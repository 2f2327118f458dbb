"""What a login refused by django-axes (too many failures) answers: the login page again.

The admin's own login page (Wagtail's or Django's) is shown with the lockout reason
in place of "wrong password", with HTTP 429, so an editor reads in Chinese why the
right password does not work and for how long.
"""

from __future__ import annotations

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.participation.ratelimit import client_ip


def axes_client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address rate limits use, or None if it is none.

    axes stores it in an IP address column (inet on PostgreSQL); a request without
    one (the test client's force_login, a proxy writing "host:port") must not fail.
    """
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_message(request: HttpRequest) -> str:
    cool_off = get_cool_off(request)
    if not cool_off:
        return _("登录失败次数过多，账号已锁定，请联系系统管理员解锁。")
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    return _(
        "登录失败次数过多，该账号已暂时锁定。请 %(minutes)d 分钟后再试"
        "（锁定期间再次登录失败会重新计时），或请系统管理员解锁。"
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login form the view rendered, with the reason."""
    message = lockout_message(request)
    status = settings.AXES_HTTP_RESPONSE_CODE
    context = getattr(original_response, "context_data", None) or {}
    template = getattr(original_response, "template_name", None)
    form = context.get("form")
    if template and form is not None and hasattr(form, "add_error"):
        # The form says the password was wrong; the truth is that nobody may log in.
        form.errors.clear()
        form.add_error(None, message)
        response = TemplateResponse(request, template, context, status=status)
    else:
        response = TemplateResponse(
            request, "security/lockout.html", {"message": message}, status=status
        )
    # Returned from a middleware, so nothing after this renders it.
    return response.render()
