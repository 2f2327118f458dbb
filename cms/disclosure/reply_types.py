"""Reply types and reasons of 依申请公开, as in the national annual-report template.

The categories and sub-reasons are those of table 三 of 《政府信息公开工作年度报告格式》
(国办公开办函〔2021〕30号); the legal basis is the article of 《中华人民共和国政府信息公开条例》
(国务院令第711号, 2019年修订) a reply notice cites. disclosure-core's models import the
choices from here; notices and the annual report read the mappings.
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
    NOT_HELD = "not_held", _("本机关不掌握相关政府信息")
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

# Articles of the 2019 regulation cited in the notice, by reply type and by reason.
TYPE_BASIS: dict[str, str] = {
    ReplyType.DISCLOSE: "第三十六条第（一）项、第（二）项",
    ReplyType.PARTIAL: "第三十七条",
}

REASON_BASIS: dict[str, str] = {
    ReplyReason.STATE_SECRET: "第十四条",
    ReplyReason.PROHIBITED_BY_LAW: "第十四条",
    ReplyReason.SECURITY_STABILITY: "第十四条",
    ReplyReason.THIRD_PARTY: "第十五条",
    ReplyReason.INTERNAL_AFFAIRS: "第十六条第一款",
    ReplyReason.PROCESS_INFORMATION: "第十六条第二款",
    ReplyReason.ENFORCEMENT_FILE: "第十六条第二款",
    ReplyReason.ADMINISTRATIVE_QUERY: "第三十六条第（七）项",
    ReplyReason.NOT_HELD: "第三十六条第（四）项、第（五）项",
    ReplyReason.NEEDS_CREATION: "第三十八条",
    ReplyReason.STILL_UNCLEAR: "第二十九条第二款、第三十条",
    ReplyReason.PETITION: "第三十九条第一款",
    ReplyReason.DUPLICATE: "第三十六条第（六）项",
    ReplyReason.PUBLICATION: "第三十九条第二款",
    ReplyReason.EXCESSIVE: "第三十五条",
    # The regulation has no article naming this case; a request to confirm or
    # re-issue information already obtained is not a request for existing
    # government information in the sense of article 2.
    ReplyReason.CONFIRMATION: "第二条",
    ReplyReason.NO_CORRECTION: "第三十条",
    ReplyReason.FEE_UNPAID: "第四十二条",
    ReplyReason.OTHER: "",
}


def reply_type_for(reason: str) -> str:
    """The reply type a reason belongs to (KeyError for an unknown reason)."""
    return TYPE_BY_REASON[reason]


def reasons_for(reply_type: str) -> tuple[str, ...]:
    return REASONS_BY_TYPE[reply_type]


def requires_reason(reply_type: str) -> bool:
    """予以公开 and 部分公开 have no sub-reason; every other type needs one."""
    return bool(REASONS_BY_TYPE[reply_type])


def legal_basis(*, reply_type: str, reason: str = "") -> str:
    """The article(s) of the regulation cited for a reply, '' when none applies."""
    if reason:
        if TYPE_BY_REASON.get(reason) != reply_type:
            raise ValueError(f"reason {reason!r} does not belong to {reply_type!r}")
        return REASON_BASIS[reason]
    return TYPE_BASIS.get(reply_type, "")
