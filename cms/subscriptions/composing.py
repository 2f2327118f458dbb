"""What a message says, composed when it is sent (so its links are fresh).

A ``Composer`` serves one delivery run: the changes a group of digests lists are
read in one query and each change's lines are rendered once, however many
digests list it; only what is the subscriber's own (the signed unsubscribe link)
is made per message.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from .channels import Content
from .models import Change, ChangeKind, Message, MessageKind
from .tokens import make_token

# Rendered changes kept by a run; a day's digests list a handful.
CACHE_LIMIT = 2000


def link(path: str) -> str:
    return settings.SUBSCRIPTIONS_PUBLIC_URL.rstrip("/") + path


def change_text(change: Change) -> str:
    lines = [f"【{change.get_kind_display()}】{change.title}"]
    if change.note:
        lines.append(f"变更说明：{change.note}")
    if change.kind == ChangeKind.ENDED:
        lines.append("该政策已失效或废止，您对它的关注随之结束。")
    if change.url:
        lines.append(change.url)
    return "\n".join(lines)


class Composer:
    """Composes messages, reading and rendering each change once per run."""

    def __init__(self) -> None:
        # change id -> (sort key, title, rendered lines)
        self._changes: dict[int, tuple[tuple, str, str]] = {}

    def prefetch(self, messages: Iterable[Message]) -> None:
        """Read, in one query, the changes these digests list that are not cached."""
        wanted = {
            change_id
            for message in messages
            if message.kind == MessageKind.DIGEST
            for change_id in message.payload.get("changes", [])
            if change_id not in self._changes
        }
        if not wanted:
            return
        if len(self._changes) + len(wanted) > CACHE_LIMIT:
            self._changes.clear()
        for change in Change.objects.filter(pk__in=wanted):
            self._remember(change)

    def _remember(self, change: Change) -> tuple[tuple, str, str]:
        entry = ((change.created_at, change.pk), change.title, change_text(change))
        self._changes[change.pk] = entry
        return entry

    def _listed(self, ids: list[int]) -> list[tuple[tuple, str, str]]:
        missing = [pk for pk in ids if pk not in self._changes]
        if missing:
            for change in Change.objects.filter(pk__in=missing):
                self._remember(change)
        # A change deleted since the digest was queued is left out.
        return sorted(self._changes[pk] for pk in ids if pk in self._changes)

    def compose(self, message: Message) -> Content:
        subscriber = message.subscriber
        if message.kind == MessageKind.CONFIRM:
            url = link(f"/subscriptions/confirm/{make_token(subscriber, 'confirm')}/")
            return Content(
                subject="请确认订阅政策推送",
                text=(
                    "您（或他人使用您的地址）在闵行区人社局订阅了政策推送。\n"
                    "请在 7 天内打开以下链接确认，确认前不会向您发送任何推送：\n"
                    f"{url}\n如非本人操作，请忽略本消息。"
                ),
                link=url,
                fields={"code": "订阅确认", "link": url},
            )
        unsubscribe = link(
            f"/subscriptions/unsubscribe/{make_token(subscriber, 'unsubscribe')}/"
        )
        if message.kind == MessageKind.DIGEST:
            ids = message.payload.get("changes", [])
            listed = self._listed(ids)
            period = "每周" if message.payload.get("frequency") == 2 else "每日"
            text = "\n\n".join(lines for _key, _title, lines in listed)
            count = len(ids)
            first = listed[0][1] if listed else ""
            return Content(
                subject=f"政策推送{period}汇总：{count} 条",
                text=f"{text}\n\n退订：{unsubscribe}",
                link=link("/"),
                unsubscribe_url=unsubscribe,
                fields={
                    "thing1": first[:20],
                    "number2": str(count),
                    "link": unsubscribe,
                },
            )
        change = message.change
        return Content(
            subject=f"政策推送：{change.title}",
            text=f"{change_text(change)}\n\n退订：{unsubscribe}",
            link=change.url,
            unsubscribe_url=unsubscribe,
            fields={
                "thing1": change.title[:20],
                "phrase2": change.get_kind_display()[:5],
                "thing3": (change.note or change.title)[:20],
                "link": unsubscribe,
            },
        )


def compose(message: Message) -> Content:
    """One message's content, on its own (a run shares a ``Composer``)."""
    return Composer().compose(message)
