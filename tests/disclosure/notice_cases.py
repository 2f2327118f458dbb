"""Every kind of reply, with the article its notice must cite, and how to build one.

The table is the specification (条例 2019; 行政复议法 2023 第二十三条), written out
here rather than read from the code, so that a changed basis fails a test.
"""

from __future__ import annotations

import datetime
import html
import re
from decimal import Decimal

from cms.disclosure.models import (
    ConsultationPause,
    Correction,
    DisclosureApplication,
    ProcessingFee,
    Status,
)

D = datetime.date
REG = "《中华人民共和国政府信息公开条例》"
RECEIVED = D(2025, 9, 30)
REPLIED_ON = D(2025, 10, 20)

WITHHELD = "第三十六条第（三）项"
# (reply type, reason, ground, articles cited)
CASES = [
    ("disclose", "", "already_public", "第三十六条第（一）项"),
    ("disclose", "", "can_disclose", "第三十六条第（二）项"),
    ("partial", "", "", "第三十七条"),
    ("withhold", "state_secret", "", f"第十四条、{WITHHELD}"),
    ("withhold", "prohibited_by_law", "", f"第十四条、{WITHHELD}"),
    ("withhold", "security_stability", "", f"第十四条、{WITHHELD}"),
    (
        "withhold",
        "third_party",
        "third_party_refused",
        f"第十五条、第三十二条、{WITHHELD}",
    ),
    ("withhold", "third_party", "third_party_harm", f"第十五条、{WITHHELD}"),
    ("withhold", "internal_affairs", "", f"第十六条第一款、{WITHHELD}"),
    ("withhold", "process_information", "", f"第十六条第二款、{WITHHELD}"),
    ("withhold", "enforcement_file", "", f"第十六条第二款、{WITHHELD}"),
    ("withhold", "administrative_query", "", "第三十六条第（七）项"),
    ("unable", "not_held", "", "第三十六条第（四）项"),
    ("unable", "not_responsible", "", "第三十六条第（五）项"),
    ("unable", "needs_creation", "", "第三十八条"),
    ("unable", "still_unclear", "", "第二十九条第二款、第三十条"),
    ("not_processed", "petition", "", "第三十九条第一款"),
    ("not_processed", "duplicate", "", "第三十六条第（六）项"),
    ("not_processed", "publication", "", "第三十九条第二款"),
    ("not_processed", "excessive", "", "第三十五条"),
    ("not_processed", "confirmation", "confirmation_creation", "第三十八条"),
    ("not_processed", "confirmation", "confirmation_channel", "第三十九条第一款"),
    ("other", "no_correction", "", "第三十条"),
    ("other", "fee_unpaid", "", "第四十二条"),
    ("other", "other", "", ""),
]

REVIEW_BODY = "闵行区人民政府"
REMEDY = (
    f"如对本答复不服，可以自收到本告知书之日起六十日内向{REVIEW_BODY}申请行政复议，"
    "也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼。"
)
REVIEW_FIRST = (
    "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，"
    f"应当先自收到本告知书之日起六十日内向{REVIEW_BODY}申请行政复议；"
    "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内"
    "依法向人民法院提起行政诉讼。"
)
REMEDY_REVIEW_FIRST = "如对本答复不服，" + REVIEW_FIRST
REMEDY_PARTIAL = (
    f"如对本答复中予以公开的部分不服，可以自收到本告知书之日起六十日内向{REVIEW_BODY}"
    "申请行政复议，也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼；"
    "如对本答复中不予公开的部分不服，" + REVIEW_FIRST
)


def remedy_for(reply_type: str) -> str:
    if reply_type == "partial":
        return REMEDY_PARTIAL
    return REMEDY_REVIEW_FIRST if reply_type == "withhold" else REMEDY


def case_id(case) -> str:
    return ":".join(part for part in case[:3] if part)


def replied(
    reply_type: str,
    reason: str = "",
    ground: str = "",
    *,
    text: str = "本机关的说明。",
    on: D = REPLIED_ON,
    complete: bool = True,
    **fields,
) -> DisclosureApplication:
    """An application answered with the given reply, as staff left it (built
    directly); with `complete`, the particulars and records its kind needs."""
    from tests.disclosure.conftest import make_application

    reply = {
        "provision_method": "",
        "provision_on": None,
        "responsible_agency": "",
        "responsible_agency_contact": "",
    }
    if complete and reply_type in ("disclose", "partial"):
        reply["provision_method"] = "通过电子邮件发送至您预留的电子邮箱"
        if reply_type == "partial" or ground == "can_disclose":
            reply["provision_on"] = on
    if complete and reason == "not_responsible":
        reply["responsible_agency"] = "闵行区医疗保障局"
        reply["responsible_agency_contact"] = "021-64120000"
    reply.update({k: fields.pop(k) for k in list(fields) if k in reply})
    application = make_application(**fields).application
    application.status = Status.REPLIED
    application.reply_type = reply_type
    application.reply_reason = reason
    application.reply_ground = ground
    application.reply_text = text
    application.replied_on = on
    for name, value in reply.items():
        setattr(application, name, value)
    application.save()
    if complete:
        _records(application, reason, ground)
    return DisclosureApplication.objects.get(pk=application.pk)


def _records(application, reason: str, ground: str) -> None:
    if ground == "third_party_refused":
        ConsultationPause.objects.create(
            application=application,
            party_kind="third_party",
            party_name="上海示例人力资源有限公司",
            started_on=D(2025, 10, 9),
            ended_on=D(2025, 10, 13),
        )
    if reason in ("still_unclear", "no_correction"):
        Correction.objects.create(
            application=application,
            requested_on=D(2025, 10, 9),
            request_text="请明确所需信息的年份",
            received_on=D(2025, 10, 13) if reason == "still_unclear" else None,
        )
    if reason == "fee_unpaid":
        ProcessingFee.objects.create(
            application=application,
            method="by_item",
            prior_items=15,
            quantity=2,
            amount=Decimal("200"),
            notice_on=D(2025, 9, 30),
            pay_by=D(2025, 10, 16),
        )


def page_paragraphs(page: str) -> list[str]:
    """The body paragraphs of a printable notice page."""
    body = page.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.DOTALL)]
