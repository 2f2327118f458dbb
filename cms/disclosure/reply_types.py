"""Reply types and reasons of 依申请公开, as in the national annual-report template.

The categories and sub-reasons are those of table 三 of 《中华人民共和国政府信息公开
工作年度报告格式》(国办公开办函〔2021〕30号); the legal basis is the article of
《中华人民共和国政府信息公开条例》(国务院令第711号, 2019年修订) a reply notice cites.
disclosure-core's models import the choices from here; notices and the annual report
read the mappings.

Where one row of the template covers decisions the regulation tells apart, the CMS
keeps them apart and the annual report adds them up:
- 无法提供「本机关不掌握相关政府信息」 counts both 第三十六条第（四）项 (经检索没有,
  the information does not exist) and 第三十六条第（五）项 (不属于本机关负责公开,
  the reply names the responsible agency and its contact where known): two reasons,
  one row.
- 予以公开 is 第三十六条第（一）项 (already published: tell where) or 第（二）项
  (can be disclosed: provide it, or tell how, where and when): two grounds, one row.
- 保护第三方合法权益 is 第十五条, with 第三十二条 when the third party consulted in
  writing refused with good reason: two grounds.
- 要求行政机关确认或重新出具已获取信息 is not a request for existing information: a
  confirmation has to be made anew (第三十八条), or the request is in substance an
  appeal for another procedure (第三十九条第一款, tell the proper channel): two grounds.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

REGULATION = "《中华人民共和国政府信息公开条例》"


class ReplyType(models.TextChoices):
    DISCLOSE = "disclose", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHOLD = "withhold", _("不予公开")
    UNABLE = "unable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


class ReplyReason(models.TextChoices):
    # 不予公开
    STATE_SECRET = "state_secret", _("属于国家秘密")
    PROHIBITED_BY_LAW = "prohibited_by_law", _("其他法律行政法规禁止公开")
    SECURITY_STABILITY = "security_stability", _("危及“三安全一稳定”")
    THIRD_PARTY = "third_party", _("保护第三方合法权益")
    INTERNAL_AFFAIRS = "internal_affairs", _("属于三类内部事务信息")
    PROCESS_INFORMATION = "process_information", _("属于四类过程性信息")
    ENFORCEMENT_FILE = "enforcement_file", _("属于行政执法案卷")
    ADMINISTRATIVE_QUERY = "administrative_query", _("属于行政查询事项")
    # 无法提供
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息（经检索没有）")
    NOT_RESPONSIBLE = "not_responsible", _("不属于本机关负责公开")
    NEEDS_CREATION = "needs_creation", _("没有现成信息需要另行制作")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确")
    # 不予处理
    PETITION = "petition", _("信访举报投诉类申请")
    DUPLICATE = "duplicate", _("重复申请")
    PUBLICATION = "publication", _("要求提供公开出版物")
    EXCESSIVE = "excessive", _("无正当理由大量反复申请")
    CONFIRMATION = "confirmation", _("要求行政机关确认或重新出具已获取信息")
    # 其他处理
    NO_CORRECTION = (
        "no_correction",
        _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    FEE_UNPAID = (
        "fee_unpaid",
        _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "other", _("其他")


class ReplyGround(models.TextChoices):
    """Within a type or reason, the situation that decides the article cited."""

    ALREADY_PUBLIC = (
        "already_public",
        _("已经主动公开：告知获取的方式、途径（第三十六条第（一）项）"),
    )
    CAN_DISCLOSE = (
        "can_disclose",
        _("可以公开：提供信息，或告知获取的方式、途径和时间（第三十六条第（二）项）"),
    )
    THIRD_PARTY_REFUSED = (
        "third_party_refused",
        _("经书面征求意见，第三方不同意公开且有合理理由（第十五条、第三十二条）"),
    )
    THIRD_PARTY_HARM = (
        "third_party_harm",
        _("公开会损害第三方合法权益，不公开不会对公共利益造成重大影响（第十五条）"),
    )
    CONFIRMATION_CREATION = (
        "confirmation_creation",
        _("要求确认（核实真伪、盖章证明等），须另行制作信息（第三十八条）"),
    )
    CONFIRMATION_CHANNEL = (
        "confirmation_channel",
        _("要求重新出具等，实为其他程序的诉求，告知相应渠道（第三十九条第一款）"),
    )


REASONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    ReplyType.DISCLOSE: (),
    ReplyType.PARTIAL: (),
    ReplyType.WITHHOLD: (
        ReplyReason.STATE_SECRET,
        ReplyReason.PROHIBITED_BY_LAW,
        ReplyReason.SECURITY_STABILITY,
        ReplyReason.THIRD_PARTY,
        ReplyReason.INTERNAL_AFFAIRS,
        ReplyReason.PROCESS_INFORMATION,
        ReplyReason.ENFORCEMENT_FILE,
        ReplyReason.ADMINISTRATIVE_QUERY,
    ),
    ReplyType.UNABLE: (
        ReplyReason.NOT_HELD,
        ReplyReason.NOT_RESPONSIBLE,
        ReplyReason.NEEDS_CREATION,
        ReplyReason.STILL_UNCLEAR,
    ),
    ReplyType.NOT_PROCESSED: (
        ReplyReason.PETITION,
        ReplyReason.DUPLICATE,
        ReplyReason.PUBLICATION,
        ReplyReason.EXCESSIVE,
        ReplyReason.CONFIRMATION,
    ),
    ReplyType.OTHER: (
        ReplyReason.NO_CORRECTION,
        ReplyReason.FEE_UNPAID,
        ReplyReason.OTHER,
    ),
}

TYPE_BY_REASON: dict[str, str] = {
    reason: reply_type
    for reply_type, reasons in REASONS_BY_TYPE.items()
    for reason in reasons
}

# The row of table 三 a reason is counted in, where it is not its own row.
REPORT_ROW: dict[str, str] = {ReplyReason.NOT_RESPONSIBLE: ReplyReason.NOT_HELD}
# The template's own wording of a row whose choice label says more.
REPORT_LABELS: dict[str, str] = {ReplyReason.NOT_HELD: "本机关不掌握相关政府信息"}

# (type, reason) -> the grounds to choose from; reason "" for a type without reasons.
GROUNDS: dict[tuple[str, str], tuple[str, ...]] = {
    (ReplyType.DISCLOSE, ""): (
        ReplyGround.ALREADY_PUBLIC,
        ReplyGround.CAN_DISCLOSE,
    ),
    (ReplyType.WITHHOLD, ReplyReason.THIRD_PARTY): (
        ReplyGround.THIRD_PARTY_REFUSED,
        ReplyGround.THIRD_PARTY_HARM,
    ),
    (ReplyType.NOT_PROCESSED, ReplyReason.CONFIRMATION): (
        ReplyGround.CONFIRMATION_CREATION,
        ReplyGround.CONFIRMATION_CHANNEL,
    ),
}

# 条例第三十六条第（三）项: a decision not to disclose tells the applicant so and why;
# the why is the article that exempts the information (第十四、十五、十六条).
WITHHELD = "第三十六条第（三）项"

# Articles of the 2019 regulation cited in the notice: by ground, else by reason,
# else by type.
TYPE_BASIS: dict[str, str] = {
    ReplyType.PARTIAL: "第三十七条",
}

REASON_BASIS: dict[str, str] = {
    # 第十四条: 国家秘密, 法律行政法规禁止公开, 危及国家安全、公共安全、经济安全、社会稳定.
    ReplyReason.STATE_SECRET: f"第十四条、{WITHHELD}",
    ReplyReason.PROHIBITED_BY_LAW: f"第十四条、{WITHHELD}",
    ReplyReason.SECURITY_STABILITY: f"第十四条、{WITHHELD}",
    ReplyReason.THIRD_PARTY: f"第十五条、{WITHHELD}",
    # 第十六条第一款: 内部事务信息; 第二款: 过程性信息以及行政执法案卷信息.
    ReplyReason.INTERNAL_AFFAIRS: f"第十六条第一款、{WITHHELD}",
    ReplyReason.PROCESS_INFORMATION: f"第十六条第二款、{WITHHELD}",
    ReplyReason.ENFORCEMENT_FILE: f"第十六条第二款、{WITHHELD}",
    # 第三十六条第（七）项: 工商、不动产登记资料等有特别规定的, 依照其规定办理.
    ReplyReason.ADMINISTRATIVE_QUERY: "第三十六条第（七）项",
    ReplyReason.NOT_HELD: "第三十六条第（四）项",
    ReplyReason.NOT_RESPONSIBLE: "第三十六条第（五）项",
    ReplyReason.NEEDS_CREATION: "第三十八条",
    ReplyReason.STILL_UNCLEAR: "第二十九条第二款、第三十条",
    ReplyReason.PETITION: "第三十九条第一款",
    ReplyReason.DUPLICATE: "第三十六条第（六）项",
    ReplyReason.PUBLICATION: "第三十九条第二款",
    ReplyReason.EXCESSIVE: "第三十五条",
    # Only through its ground (第三十八条 or 第三十九条第一款); never 第二条, which
    # merely defines government information.
    ReplyReason.CONFIRMATION: "",
    ReplyReason.NO_CORRECTION: "第三十条",
    ReplyReason.FEE_UNPAID: "第四十二条",
    ReplyReason.OTHER: "",
}

GROUND_BASIS: dict[str, str] = {
    ReplyGround.ALREADY_PUBLIC: "第三十六条第（一）项",
    ReplyGround.CAN_DISCLOSE: "第三十六条第（二）项",
    # 第三十二条: 第三方不同意公开且有合理理由的, 行政机关不予公开.
    ReplyGround.THIRD_PARTY_REFUSED: f"第十五条、第三十二条、{WITHHELD}",
    ReplyGround.THIRD_PARTY_HARM: f"第十五条、{WITHHELD}",
    ReplyGround.CONFIRMATION_CREATION: "第三十八条",
    ReplyGround.CONFIRMATION_CHANNEL: "第三十九条第一款",
}


def reasons_for(reply_type: str) -> tuple[str, ...]:
    return REASONS_BY_TYPE[reply_type]


def requires_reason(reply_type: str) -> bool:
    """予以公开 and 部分公开 have no sub-reason; every other type needs one."""
    return bool(REASONS_BY_TYPE[reply_type])


def grounds_for(reply_type: str, reason: str = "") -> tuple[str, ...]:
    return GROUNDS.get((reply_type, reason or ""), ())


def review_first(reply_type: str) -> bool:
    """Whether the decision must first go to administrative reconsideration.

    行政复议法 (2023) 第二十三条第一款第（四）项: 申请政府信息公开, 行政机关不予公开
    的, 申请人应当先申请行政复议; 第二款: the agency says so in its decision. Every
    reason of the 不予公开 group counts (the template files 行政查询事项 there too);
    of a 部分公开 only the withheld part does (see notice_templates.REMEDY_PARTIAL).
    """
    return reply_type == ReplyType.WITHHOLD


def legal_basis(*, reply_type: str, reason: str = "", ground: str = "") -> str:
    """The article(s) of the regulation cited for a reply, '' when none applies."""
    if reason and TYPE_BY_REASON.get(reason) != reply_type:
        raise ValueError(f"reason {reason!r} does not belong to {reply_type!r}")
    if ground:
        if ground not in grounds_for(reply_type, reason):
            raise ValueError(f"ground {ground!r} does not belong to {reason!r}")
        return GROUND_BASIS[ground]
    if reason:
        return REASON_BASIS[reason]
    return TYPE_BASIS.get(reply_type, "")
