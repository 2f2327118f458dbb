"""Existing replies under the reply bases of 0004.

1. 无法提供「本机关不掌握相关政府信息」 covered two decisions of 条例第三十六条: (四)
   经检索没有 and (五) 不属于本机关负责公开. A reply whose own text says the
   information is another agency's to disclose becomes `not_responsible`; the others
   stay `not_held` (四). Both count in the same row of the annual report, so no
   year's figures change. Issued notices (ReplyNotice) are records and stay as they
   were issued.
2. A reply drafted but not yet sent whose kind now needs more (the (四)/(五) choice,
   the ground of 予以公开 / 第三方 / 确认, how and when information is provided) goes
   back to 答复已拟稿, its legal review cleared, with an event saying what to add:
   otherwise the reply step would refuse it, or print a notice on the wrong article.
"""

import re

from django.db import migrations
from django.utils import timezone

NOT_RESPONSIBLE = re.compile(
    r"不属于本(?:机关|局|单位)(?:负责公开|职责|职权)|由(?!本)[^，。；]{1,40}?负责公开"
)
DRAFTS = ("reply_drafted", "legal_review")


def _missing(application) -> list[str]:
    items = []
    if application.reply_reason in ("not_held", "not_responsible"):
        items.append(
            "“本机关不掌握相关政府信息”已分为经检索没有（条例第三十六条第（四）项）"
            "和不属于本机关负责公开（第（五）项）两种决定，请确认；属于后者且能够确定"
            "负责公开的行政机关的，须写明其名称和联系方式"
        )
    if application.reply_type == "disclose":
        items.append(
            "予以公开须选择已主动公开（第三十六条第（一）项）或可以公开（第（二）项），"
            "写明提供或获取信息的方式、途径，可以公开的还须写明提供时间"
        )
    if application.reply_type == "partial":
        items.append("部分公开须写明提供信息的方式、途径和时间")
    if application.reply_reason == "third_party":
        items.append(
            "保护第三方合法权益须选择情形：第三方经书面征求意见不同意公开"
            "（第三十二条），或公开会损害第三方合法权益（第十五条）"
        )
    if application.reply_reason == "confirmation":
        items.append(
            "要求确认或重新出具已获取信息须选择情形（第三十八条或第三十九条第一款）"
        )
    return items


def forwards(apps, schema_editor):
    Application = apps.get_model("disclosure", "DisclosureApplication")
    Event = apps.get_model("disclosure", "ApplicationEvent")
    for application in Application.objects.filter(reply_reason="not_held"):
        if NOT_RESPONSIBLE.search(application.reply_text or ""):
            application.reply_reason = "not_responsible"
            application.save(update_fields=["reply_reason"])
    today = timezone.localdate()
    drafts = Application.objects.filter(status__in=DRAFTS).exclude(reply_type="")
    for application in drafts.order_by("pk"):
        items = _missing(application)
        if not items:
            continue
        was = application.status
        application.status = "reply_drafted"
        application.legal_reviewed_by = None
        application.legal_reviewed_at = None
        application.save(
            update_fields=["status", "legal_reviewed_by", "legal_reviewed_at"]
        )
        Event.objects.create(
            application=application,
            kind="reply_reopened",
            on_date=today,
            message="答复的法律依据已按条例调整，请补充后重新提交法制审核："
            + "；".join(items)
            + "。",
            data={"status_before": was},
        )


def backwards(apps, schema_editor):
    Application = apps.get_model("disclosure", "DisclosureApplication")
    Application.objects.filter(reply_reason="not_responsible").update(
        reply_reason="not_held"
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_reply_bases_and_fees")]

    operations = [migrations.RunPython(forwards, backwards)]
