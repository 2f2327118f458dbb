"""The pages behind the links in messages: confirm a subscription, unsubscribe.

Opening a link only shows a page with a button; the change happens on POST, so mail
scanners that prefetch links neither confirm nor unsubscribe anyone. The
unsubscribe URL also takes RFC 8058 one-click POSTs from mail clients.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .tokens import read_token


def _page(request, title: str, text: str, *, action: str = "", status: int = 200):
    return render(
        request,
        "subscriptions/link_page.html",
        {"title": title, "text": text, "action": action},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    try:
        subscriber = read_token(token, "confirm")
    except ValidationError as error:
        return _page(request, "无法确认", error.message_dict["token"][0], status=400)
    if request.method == "POST":
        services.confirm(subscriber=subscriber)
        return _page(
            request, "订阅已确认", "今后所订阅的政策有新发布或重大变更时将通知您。"
        )
    return _page(
        request,
        "确认订阅",
        f"确认以 {subscriber.address} 接收闵行区人社局的政策推送？",
        action="确认订阅",
    )


@csrf_exempt  # the token is the credential; one-click POSTs come without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber = read_token(token, "unsubscribe")
    except ValidationError as error:
        return _page(request, "无法退订", error.message_dict["token"][0], status=400)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        return _page(
            request,
            "已退订",
            "不会再向您发送政策推送。您的联系方式将在 28 天后删除。",
        )
    return _page(
        request,
        "退订政策推送",
        f"退订后，{subscriber.address} 将不再收到任何政策推送。",
        action="确认退订",
    )
