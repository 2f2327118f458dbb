"""The wording of reply notices (告知书), one template per reply type, reason or ground.

Each template is a list of paragraphs with `{placeholders}` filled by notices.py:
`{basis}` (《中华人民共和国政府信息公开条例》第…条), `{reply_text}` (the office's own
explanation, e.g. why the information is withheld or where it is published),
`{provision_method}`/`{provision_on}` (how and when the information is provided),
`{responsible_agency}`/`{responsible_agency_contact}`, `{correction_requested_on}`
and the fee's `{fee_notice_on}`, `{fee_amount}`, `{fee_pay_by}`. A paragraph whose
placeholder has no value is left out, so optional explanations need no separate
templates.
"""

from __future__ import annotations

from django.conf import settings

from cms.taxonomy.seed import BUREAU_NAME

from .reply_types import ReplyGround, ReplyReason, ReplyType, review_first

REGULATION = "《中华人民共和国政府信息公开条例》"
REVIEW_LAW = "《中华人民共和国行政复议法》"


def issuer_name() -> str:
    return getattr(settings, "DISCLOSURE_ISSUER_NAME", BUREAU_NAME)


def review_body() -> str:
    """The body that hears an administrative review (行政复议法 2023: 本级人民政府)."""
    configured = getattr(settings, "DISCLOSURE_REVIEW_BODY", "")
    if configured:
        return configured
    name = issuer_name()
    return name.split("区", 1)[0] + "区人民政府" if "区" in name else "本级人民政府"


def notice_number_prefix() -> str:
    return getattr(settings, "DISCLOSURE_NOTICE_PREFIX", "闵人社信公开告")


TITLES: dict[str, str] = {
    ReplyType.DISCLOSE: "政府信息公开申请答复告知书（予以公开）",
    ReplyType.PARTIAL: "政府信息公开申请答复告知书（部分公开）",
    ReplyType.WITHHOLD: "政府信息公开申请答复告知书（不予公开）",
    ReplyType.UNABLE: "政府信息公开申请答复告知书（无法提供）",
    ReplyType.NOT_PROCESSED: "政府信息公开申请答复告知书（不予处理）",
    ReplyType.OTHER: "政府信息公开申请答复告知书",
}

OPENING = (
    "本机关于{received_date}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
    "申请获取“{description}”。"
)
EXTENSION = (
    "因{extension_reason}，经本机关政府信息公开工作机构负责人同意，"
    "答复期限延长{extension_days}个工作日，本机关已于{extension_on}告知您。"
)
REPLY_FOLLOWS = "经审查，现答复如下："

# Remedies. 行政复议法 (2023) 第二十条: 六十日内申请行政复议; 行政诉讼法第四十六条:
# 六个月内起诉; 第四十五条: 不服复议决定的, 收到复议决定书之日起十五日内起诉.
# 行政复议法第二十三条第一款第（四）项 makes reconsideration come first for a decision
# not to disclose, and its 第二款 obliges the agency to say so in the decision.
REMEDY = (
    "如对本答复不服，可以自收到本告知书之日起六十日内向{review_body}申请行政复议，"
    "也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼。"
)
REVIEW_FIRST = (
    f"根据{REVIEW_LAW}第二十三条第一款第（四）项的规定，应当先自收到本告知书之日起六十日内"
    "向{review_body}申请行政复议；对行政复议决定不服的，"
    "可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
)
REMEDY_REVIEW_FIRST = "如对本答复不服，" + REVIEW_FIRST
REMEDY_PARTIAL = (
    "如对本答复中予以公开的部分不服，可以自收到本告知书之日起六十日内"
    "向{review_body}申请行政复议，也可以自收到本告知书之日起六个月内"
    "向人民法院提起行政诉讼；如对本答复中不予公开的部分不服，" + REVIEW_FIRST
)
CONTACT = "特此告知。"

PROVIDED = "提供的方式、途径：{provision_method}；提供的时间：{provision_on}。"

BY_TYPE: dict[str, list[str]] = {
    ReplyType.PARTIAL: [
        "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，"
        "但能够作区分处理。根据{basis}的规定，本机关向您提供可以公开的政府信息内容。"
        + PROVIDED,
        "对不予公开的内容，说明理由如下：",
        "{reply_text}",
    ],
}

BY_GROUND: dict[str, list[str]] = {
    ReplyGround.ALREADY_PUBLIC: [
        "您申请获取的政府信息已经主动公开。根据{basis}的规定，"
        "现告知您获取该政府信息的方式、途径：{provision_method}。",
        "{reply_text}",
    ],
    ReplyGround.CAN_DISCLOSE: [
        "您申请获取的政府信息属于公开范围。根据{basis}的规定，"
        "本机关向您提供该政府信息。" + PROVIDED,
        "{reply_text}",
    ],
    ReplyGround.THIRD_PARTY_REFUSED: [
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
        "本机关已书面征求第三方的意见，第三方不同意公开且有合理理由。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyGround.THIRD_PARTY_HARM: [
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "且本机关认为不公开不会对公共利益造成重大影响。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyGround.CONFIRMATION_CREATION: [
        "您的申请系要求本机关对您已获取的信息予以确认。本机关向申请人提供的信息，"
        "应当是已制作或者获取的政府信息；对已获取信息作出确认需要本机关另行制作信息。"
        "根据{basis}的规定，本机关对该申请不予处理。",
        "{reply_text}",
    ],
    ReplyGround.CONFIRMATION_CHANNEL: [
        "您的申请系要求本机关重新出具您已获取的信息，实为请求本机关办理其他事项，"
        "不属于获取政府信息的申请。根据{basis}的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过以下渠道提出：",
        "{reply_text}",
    ],
}

BY_REASON: dict[str, list[str]] = {
    ReplyReason.STATE_SECRET: [
        "您申请获取的政府信息属于依法确定为国家秘密的政府信息。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.PROHIBITED_BY_LAW: [
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.SECURITY_STABILITY: [
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.INTERNAL_AFFAIRS: [
        "您申请获取的政府信息属于行政机关的内部事务信息"
        "（人事管理、后勤管理、内部工作流程等方面的信息）。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.PROCESS_INFORMATION: [
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、"
        "过程稿、磋商信函、请示报告等过程性信息。根据{basis}的规定，"
        "本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.ENFORCEMENT_FILE: [
        "您申请获取的政府信息属于行政执法案卷信息。"
        "根据{basis}的规定，本机关决定不予公开。",
        "{reply_text}",
    ],
    ReplyReason.ADMINISTRATIVE_QUERY: [
        "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的查询事项。"
        "根据{basis}的规定，请您依照有关法律、行政法规的规定办理。",
        "{reply_text}",
    ],
    ReplyReason.NOT_HELD: [
        "经检索，本机关没有您申请公开的政府信息。"
        "根据{basis}的规定，现告知您该政府信息不存在。",
        "{reply_text}",
    ],
    ReplyReason.NOT_RESPONSIBLE: [
        "您申请获取的政府信息不属于本机关负责公开，理由如下：",
        "{reply_text}",
        "根据{basis}的规定，现告知您：负责公开该政府信息的行政机关为"
        "{responsible_agency}，联系方式：{responsible_agency_contact}。"
        "您可以向该机关提出申请。",
    ],
    ReplyReason.NEEDS_CREATION: [
        "本机关向申请人提供的信息，应当是已制作或者获取的政府信息。"
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作，"
        "根据{basis}的规定，本机关不予提供。",
        "{reply_text}",
    ],
    ReplyReason.STILL_UNCLEAR: [
        "本机关已于{correction_requested_on}一次性告知您对申请作出补正，"
        "您补正后的申请内容仍不明确，本机关无法据此确定您所需要的政府信息。"
        "根据{basis}的规定，本机关无法提供。您可以在明确所需政府信息的名称、"
        "文号或者便于查询的其他特征性描述后重新提出申请。",
        "{reply_text}",
    ],
    ReplyReason.PETITION: [
        "您以政府信息公开申请的形式提出信访、投诉、举报等诉求。根据{basis}的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。",
        "{reply_text}",
    ],
    ReplyReason.DUPLICATE: [
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。"
        "根据{basis}的规定，本机关不予重复处理。",
        "{reply_text}",
    ],
    ReplyReason.PUBLICATION: [
        "您申请获取的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，"
        "本机关告知您获取的途径如下：",
        "{reply_text}",
    ],
    ReplyReason.EXCESSIVE: [
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，"
        "经审查，您的申请理由不合理。根据{basis}的规定，本机关不予处理。",
        "{reply_text}",
    ],
    ReplyReason.NO_CORRECTION: [
        "本机关已于{correction_requested_on}一次性告知您对申请作出补正。"
        "您无正当理由逾期未补正，根据{basis}的规定，视为您放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        "{reply_text}",
    ],
    ReplyReason.FEE_UNPAID: [
        "本机关已于{fee_notice_on}向您发出收取信息处理费的通知"
        "（收费金额{fee_amount}元，缴费截止日{fee_pay_by}），"
        "您逾期未按通知要求缴纳费用。根据{basis}的规定和"
        "《政府信息公开信息处理费管理办法》有关规定，视为您放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        "{reply_text}",
    ],
    ReplyReason.OTHER: [
        "{reply_text}",
    ],
}

# 条例第三十六条第（五）项 when the responsible agency cannot be determined.
NOT_RESPONSIBLE_UNKNOWN: list[str] = [
    "您申请获取的政府信息不属于本机关负责公开，理由如下：",
    "{reply_text}",
    "本机关无法确定负责公开该政府信息的行政机关。根据{basis}的规定，特此告知。",
]


def paragraphs_for(
    *, reply_type: str, reason: str = "", ground: str = "", agency_known: bool = True
) -> list[str]:
    """The type-, reason- or ground-specific paragraphs (KeyError when none exists)."""
    if ground:
        return BY_GROUND[ground]
    if reason == ReplyReason.NOT_RESPONSIBLE and not agency_known:
        return NOT_RESPONSIBLE_UNKNOWN
    if reason:
        return BY_REASON[reason]
    return BY_TYPE[reply_type]


def remedy_for(reply_type: str) -> str:
    """The remedy sentence: reconsideration first for what is not disclosed."""
    if reply_type == ReplyType.PARTIAL:
        return REMEDY_PARTIAL
    return REMEDY_REVIEW_FIRST if review_first(reply_type) else REMEDY
