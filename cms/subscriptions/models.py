"""Subscriptions to policies (政策找人): who follows what, their consent, and the outbox.

A ``Subscriber`` is one address on one channel (an e-mail address, a phone number or
a mini-program openid): a person who uses two channels is two subscribers, and "one
message per subscriber per change" is one message per address. Each subscriber
follows any number of ``Subscription`` criteria; a ``Change`` (a policy published,
changed in a major way, or ended) fans out to ``Message`` rows in the outbox, one
per subscriber, keyed by an idempotency key the database keeps unique.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.conditions import Subject


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
    WECHAT = "wechat", _("微信订阅消息")
    WEBHOOK = "webhook", _("对接平台")  # an external platform, not a person


SUBSCRIBER_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WECHAT)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("待确认")  # e-mail not yet confirmed (double opt-in)
    ACTIVE = "active", _("已生效")
    UNSUBSCRIBED = "unsubscribed", _("已退订")


class Frequency(models.IntegerChoices):
    # Ordered by urgency: the most urgent matching subscription decides.
    IMMEDIATE = 0, _("即时推送")
    DAILY = 1, _("每日汇总")
    WEEKLY = 2, _("每周汇总")


def new_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """One address that receives policy news; created through the API by the public."""

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("地址"), max_length=254)  # e-mail, phone or openid
    subject = models.CharField(
        _("订阅者类型"), max_length=12, choices=Subject.choices, default=Subject.PERSON
    )
    status = models.CharField(
        _("状态"),
        max_length=14,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    # Part of every signed link: rotated to revoke all links given out so far.
    key = models.CharField(_("链接密钥"), max_length=32, default=new_key)
    created_at = models.DateTimeField(_("订阅时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(
        _("退订时间"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("订阅者")
        verbose_name_plural = _("订阅者")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "address"], name="subscriber_channel_address"
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address}"


class Consent(models.Model):
    """A recorded consent to receive messages on a channel; for WeChat 订阅消息 one
    per template the user accepted in ``wx.requestSubscribeMessage``."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("消息模板"), max_length=64, blank=True)
    statement = models.TextField(_("同意的内容"))
    source = models.CharField(_("取得方式"), max_length=100)
    granted_at = models.DateTimeField(_("同意时间"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送同意记录")
        verbose_name_plural = _("推送同意记录")
        indexes = [models.Index(fields=["subscriber", "channel", "template"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template}".strip()


class CriterionKey(models.TextChoices):
    AUDIENCE = "audience", _("服务对象")
    TOPIC = "topic", _("主题分类")
    ORGANIZATION = "organization", _("发文机关")
    POLICY = "policy", _("单个政策")


class Subscription(models.Model):
    """What one subscriber follows: every key present must match (any or all of its
    values), and a saved profile must meet some list item's conditions."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    frequency = models.PositiveSmallIntegerField(
        _("频率"), choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    match_all = models.BooleanField(
        _("须全部符合"),
        default=False,
        help_text=_("勾选：每类条件的全部取值都须符合；不勾选：符合其中之一即可。"),
    )
    # Distinct criterion keys (CriterionKey) stored as Criterion rows.
    key_count = models.PositiveSmallIntegerField(default=0)
    profile = models.JSONField(_("保存的画像"), null=True, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")
        indexes = [models.Index(fields=["active", "subscriber"])]

    def __str__(self) -> str:
        return f"订阅 {self.pk}"


class Criterion(models.Model):
    """One value of one key of a subscription (a topic id, an audience id …)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.CharField(max_length=14, choices=CriterionKey.choices)
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key", "value"])]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class ChangeKind(models.TextChoices):
    PUBLISHED = "published", _("新发布")
    MAJOR = "major", _("重大变更")
    ENDED = "ended", _("失效或废止")


class Change(models.Model):
    """A policy event subscribers hear about: one per published revision at most."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    revision_id = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=10, choices=ChangeKind.choices)
    title = models.CharField(_("标题"), max_length=255)
    note = models.TextField(_("变更说明"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    # The policy's topic, audience and organization ids as published.
    targets = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    fanned_out_at = models.DateTimeField(_("匹配完成"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("推送人数"), default=0)

    class Meta:
        verbose_name = _("推送事件")
        verbose_name_plural = _("推送事件")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision_id", "kind"], name="change_once_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class DigestEntry(models.Model):
    """A change waiting for a subscriber's daily or weekly digest."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="+"
    )
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="+")
    frequency = models.PositiveSmallIntegerField(choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "change"], name="digest_once_per_change"
            )
        ]
        indexes = [models.Index(fields=["frequency", "subscriber"])]

    def __str__(self) -> str:
        return f"{self.subscriber_id}:{self.change_id}"


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SUPPRESSED = "suppressed", _("未发送（无同意）")


class MessageKind(models.TextChoices):
    CHANGE = "change", _("政策推送")
    DIGEST = "digest", _("汇总")
    CONFIRM = "confirm", _("订阅确认")
    WEBHOOK = "webhook", _("平台推送")


class Message(models.Model):
    """The outbox: one message to one address, sent by the task worker."""

    idempotency_key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=MessageKind.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    endpoint = models.CharField(_("对接平台"), max_length=50, blank=True)
    change = models.ForeignKey(
        Change, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For digests: the changes it lists, composed when sent.
    payload = models.JSONField(default=dict)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送消息")
        verbose_name_plural = _("推送消息")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["change", "status"]),
            # The worker claims pending messages in id order after the last group
            # it took: this walks them so, however many sent ones the table keeps.
            models.Index(
                fields=["id"],
                condition=models.Q(status="pending"),
                name="message_pending_by_id",
            ),
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class DeliveryStat(models.Model):
    """Counts kept after messages and contact details are gone (per day, channel)."""

    day = models.DateField(_("日期"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    sent = models.PositiveIntegerField(_("已发送"), default=0)
    failed = models.PositiveIntegerField(_("发送失败"), default=0)
    unsubscribed = models.PositiveIntegerField(_("退订"), default=0)

    class Meta:
        verbose_name = _("推送统计")
        verbose_name_plural = _("推送统计")
        constraints = [
            models.UniqueConstraint(fields=["day", "channel"], name="stat_day_channel")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.channel}"
