"""Writes with rules: subscribing, confirming, unsubscribing, erasing a subscriber.

Every function takes keyword arguments only; bad input raises ValidationError keyed
by the field (snake_case) with a Chinese message, and changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from cms.core.conditions import Subject

from .models import (
    Channel,
    Consent,
    Criterion,
    CriterionKey,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
    MessageStatus,
    Subscriber,
    SubscriberStatus,
    Subscription,
    new_key,
)
from .profiles import clean_profile
from .stats import record_stat
from .wechat_login import OPENID, openid_for_code

PHONE = re.compile(r"^1[3-9]\d{9}$")
# Channels whose address the subscriber must prove before anything is sent to it.
CONFIRMED_BY_LINK = (Channel.EMAIL, Channel.SMS)
STATEMENTS = {
    Channel.EMAIL: "同意通过电子邮件接收所订阅政策的推送，可随时通过邮件中的链接退订。",
    Channel.SMS: "同意通过短信接收所订阅政策的推送，可随时通过短信中的链接退订。",
    Channel.WECHAT: "同意通过微信订阅消息接收所订阅政策的推送（按所授权的消息模板）。",
}


@dataclass(frozen=True)
class Subscribed:
    subscriber: Subscriber
    subscription: Subscription
    needs_confirmation: bool


def wechat_templates() -> dict[str, str]:
    """Configured WeChat 订阅消息 templates: {purpose: template id}."""
    return {
        purpose: template
        for purpose, template in settings.WECHAT_TEMPLATES.items()
        if template
    }


def _clean_address(channel: str, address: str) -> str:
    address = (address or "").strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({"address": "请填写有效的电子邮件地址"}) from None
        local, _, domain = address.rpartition("@")
        return f"{local}@{domain.lower()}"
    if channel == Channel.SMS:
        digits = address.removeprefix("+86").replace("-", "").replace(" ", "")
        if not PHONE.match(digits):
            raise ValidationError({"address": "请填写有效的 11 位手机号码"})
        return digits
    if channel == Channel.WECHAT:
        if not OPENID.match(address):
            raise ValidationError({"address": "小程序用户标识（openid）格式不正确"})
        return address
    raise ValidationError({"channel": "不支持的推送渠道"})


def _wechat_identity(address: str, wechat_code: str) -> str:
    """Checks (before anything else) how a WeChat subscriber identifies itself:
    returns the trusted openid when the client may state one, else "" for a code
    to be exchanged once every other field is right (a code works only once)."""
    if (wechat_code or "").strip():
        return ""
    if (address or "").strip() and settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID:
        return _clean_address(Channel.WECHAT, address)
    raise ValidationError(
        {"wechat_code": "请在小程序中登录后订阅（须提供 wx.login 的登录凭证）"}
    )


def _existing(model, ids: Iterable[int], field: str, label: str) -> list[int]:
    ids = sorted(set(ids))
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError({field: f"没有这些{label}：{'、'.join(missing)}"})
    return ids


def subscribe(
    *,
    channel: str,
    address: str,
    consent: bool,
    subject: str = Subject.PERSON,
    frequency: int = Frequency.IMMEDIATE,
    match_all: bool = False,
    audience_ids: Iterable[int] = (),
    topic_ids: Iterable[int] = (),
    organization_ids: Iterable[int] = (),
    policy_id: int | None = None,
    profile: Mapping[str, Any] | None = None,
    wechat_template_ids: Iterable[str] = (),
    wechat_code: str = "",
) -> Subscribed:
    """Follow criteria; an e-mail or phone is confirmed by link before anything else
    is sent to it (double opt-in); WeChat needs the templates the user accepted.

    A WeChat subscriber is who WeChat says owns ``wechat_code`` (from wx.login());
    an openid in ``address`` counts only with SUBSCRIPTIONS_TRUST_CLIENT_OPENID."""
    from cms.policies.selectors import public_policies
    from cms.taxonomy.models import Audience, Organization, Topic

    if channel == Channel.WECHAT:
        address = _wechat_identity(address, wechat_code)
    else:
        address = _clean_address(channel, address)
    if not consent:
        raise ValidationError({"consent": "须同意接收推送后才能订阅"})
    if subject not in Subject.values:
        raise ValidationError({"subject": "订阅者类型只能是个人或企业"})
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": "推送频率只能是即时、每日或每周"})
    templates = sorted(set(wechat_template_ids))
    if channel == Channel.WECHAT:
        known = set(wechat_templates().values())
        unknown = [t for t in templates if t not in known]
        if unknown or not templates:
            raise ValidationError(
                {"wechatTemplateIds": "请先在小程序中授权本局的订阅消息模板"}
            )
    criteria: list[tuple[str, int]] = []
    for key, ids, model, field, label in (
        (CriterionKey.AUDIENCE, audience_ids, Audience, "audience_ids", "服务对象"),
        (CriterionKey.TOPIC, topic_ids, Topic, "topic_ids", "主题分类"),
        (
            CriterionKey.ORGANIZATION,
            organization_ids,
            Organization,
            "organization_ids",
            "机构",
        ),
    ):
        criteria += [(key, pk) for pk in _existing(model, ids, field, label)]
    if policy_id is not None:
        if not public_policies().filter(pk=policy_id).exists():
            raise ValidationError({"policy_id": "没有这件公开的政策"})
        criteria.append((CriterionKey.POLICY, policy_id))
    saved_profile = None
    if profile:
        try:
            saved_profile = clean_profile(profile)
        except ValidationError as error:
            raise ValidationError(
                {f"profile.{k}": v for k, v in error.message_dict.items()}
            ) from None
    if not criteria and not saved_profile:
        raise ValidationError(
            {"input": "请至少选择一项订阅内容：服务对象、主题、机构、政策或画像"}
        )
    if channel == Channel.WECHAT and not address:
        # Last, and outside the transaction: a network call holds no lock.
        address = openid_for_code(wechat_code)
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            channel=channel, address=address, defaults={"subject": subject}
        )
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.key = new_key()
            subscriber.status = SubscriberStatus.PENDING
            subscriber.confirmed_at = None
        subscriber.subject = subject
        subscriber.unsubscribed_at = None
        needs_confirmation = (
            channel in CONFIRMED_BY_LINK
            and subscriber.status != SubscriberStatus.ACTIVE
        )
        if not needs_confirmation and subscriber.status != SubscriberStatus.ACTIVE:
            subscriber.status = SubscriberStatus.ACTIVE
            subscriber.confirmed_at = now
        subscriber.save()
        subscription = Subscription.objects.create(
            subscriber=subscriber,
            frequency=frequency,
            match_all=match_all,
            key_count=len({key for key, _ in criteria}),
            profile=saved_profile,
        )
        Criterion.objects.bulk_create(
            Criterion(subscription=subscription, key=key, value=value)
            for key, value in criteria
        )
        if channel == Channel.WECHAT:
            for template in templates:
                Consent.objects.create(
                    subscriber=subscriber,
                    channel=channel,
                    template=template,
                    statement=STATEMENTS[channel],
                    source="小程序订阅消息授权（wx.requestSubscribeMessage）",
                )
        if needs_confirmation:
            from .delivery import enqueue_message

            enqueue_message(
                Message.objects.create(
                    idempotency_key=f"confirm:{subscriber.pk}:{now.timestamp()}",
                    kind=MessageKind.CONFIRM,
                    channel=channel,
                    subscriber=subscriber,
                )
            )
    return Subscribed(subscriber, subscription, needs_confirmation)


def wechat_subscriber(*, wechat_code: str) -> Subscriber:
    """The mini-program user behind a wx.login() code, as a subscriber: how a WeChat
    subscriber gets a new manage token (its 订阅消息 carry no link)."""
    openid = openid_for_code(wechat_code)
    subscriber = Subscriber.objects.filter(
        channel=Channel.WECHAT, address=openid
    ).first()
    if subscriber is None:
        raise ValidationError({"wechat_code": "您还没有在本小程序订阅政策推送"})
    return subscriber


def confirm(*, subscriber: Subscriber) -> Subscriber:
    """The confirmation link was opened: the address is proven, consent recorded."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.ACTIVE
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
            Consent.objects.create(
                subscriber=subscriber,
                channel=subscriber.channel,
                statement=STATEMENTS[subscriber.channel],
                source="打开确认链接（双重确认）",
            )
    return subscriber


def end_subscriptions(*, subscription_ids: Iterable[int], reason: str) -> int:
    """End subscriptions; a subscriber left following nothing starts the 28-day clock
    after which its contact details are erased."""
    now = timezone.now()
    ids = list(subscription_ids)
    ended = Subscription.objects.filter(pk__in=ids, active=True).update(
        active=False, ended_at=now, end_reason=reason[:100]
    )
    Subscriber.objects.filter(subscriptions__pk__in=ids, unsubscribed_at=None).exclude(
        subscriptions__active=True
    ).update(unsubscribed_at=now)
    return ended


def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop everything for this address: no further message, consent withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return subscriber
        subscriber.subscriptions.filter(active=True).update(
            active=False, ended_at=now, end_reason="订阅者退订"
        )
        subscriber.consents.filter(withdrawn_at=None).update(withdrawn_at=now)
        Message.objects.filter(
            subscriber=subscriber, status=MessageStatus.PENDING
        ).delete()
        DigestEntry.objects.filter(subscriber=subscriber).delete()
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
        subscriber.key = new_key()  # old links stop working, except this one's result
        subscriber.save(update_fields=["status", "unsubscribed_at", "key"])
        record_stat(subscriber.channel, unsubscribed=1)
    return subscriber


def erase(*, subscriber: Subscriber) -> None:
    """The subscriber's right to deletion (个人信息保护法第四十七条): every row about
    this address goes now; only the day's anonymous counts remain."""
    with transaction.atomic():
        if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            record_stat(subscriber.channel, unsubscribed=1)
        DigestEntry.objects.filter(subscriber=subscriber).delete()
        subscriber.delete()


def export(*, subscriber: Subscriber) -> dict[str, Any]:
    """Everything kept about a subscriber, as the API shows it (第四十五条)."""
    subscriptions = list(
        subscriber.subscriptions.prefetch_related("criteria").order_by("pk")
    )
    return {
        "subscriber": subscriber,
        "subscriptions": subscriptions,
        "consents": list(subscriber.consents.order_by("pk")),
        "messages": list(subscriber.messages.order_by("-pk")),
    }


def retention_cutoffs(now: datetime.datetime) -> tuple[datetime.datetime, ...]:
    return (
        now - datetime.timedelta(days=settings.SUBSCRIPTIONS_CONTACT_RETENTION_DAYS),
        now - datetime.timedelta(days=settings.SUBSCRIPTIONS_MESSAGE_RETENTION_DAYS),
    )
