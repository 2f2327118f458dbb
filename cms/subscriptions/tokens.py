"""Signed links for subscribers: confirm (double opt-in), unsubscribe, manage data.

Each token names the subscriber and carries its ``key``; rotating the key (on
re-subscription after an unsubscribe, on deletion) revokes every link given out.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError

from .models import Subscriber

# Seconds a token is accepted; unsubscribe links in old messages keep working.
MAX_AGE = {
    "confirm": 7 * 24 * 3600,
    "manage": 30 * 24 * 3600,
    "unsubscribe": None,
}
INVALID = "链接无效或已过期，请从最近收到的消息中重新打开，或重新订阅。"


def make_token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "k": subscriber.key},
        salt=f"cms.subscriptions.{purpose}",
        compress=True,
    )


def read_token(token: str, purpose: str) -> Subscriber:
    """The subscriber a valid token names, else ValidationError({"token": …})."""
    try:
        data = signing.loads(
            token, salt=f"cms.subscriptions.{purpose}", max_age=MAX_AGE[purpose]
        )
        subscriber = Subscriber.objects.get(pk=data["s"], key=data["k"])
    except (signing.BadSignature, Subscriber.DoesNotExist, KeyError, TypeError):
        raise ValidationError({"token": INVALID}) from None
    return subscriber
