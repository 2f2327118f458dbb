"""What a reply must hold, checked when it is drafted, reviewed, sent and printed.

One set of rules for the service steps, the notice and the admin form: `reply_errors`
returns field-level messages in Chinese, keyed by the application's field names.
Which fields a reply needs follows the regulation (条例):
- 第三十六条第（一）项 (已主动公开): the way and place to get it (provision_method).
- 第三十六条第（二）项 (可以公开) and 第三十七条 (部分公开): how and when it is provided
  (provision_method, provision_on).
- 第三十六条第（三）项 and 第三十七条: a decision not to disclose gives its reasons
  (reply_text, required for every reply).
- 第三十六条第（五）项: the responsible agency and its contact, where it can be
  determined (both or neither).
- 第三十二条: "the third party refused" only after the third party was consulted.
- 第三十条: 逾期不补正 only after a 补正 request left unanswered; 补正后仍不明确 only after
  the corrected application arrived.
- 第四十二条 and 《政府信息公开信息处理费管理办法》: 逾期未缴费 only after a fee notice whose
  payment period has passed unpaid.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from .reply_types import (
    REASONS_BY_TYPE,
    ReplyGround,
    ReplyReason,
    ReplyType,
    grounds_for,
    requires_reason,
)

FIELDS = (
    "reply_type",
    "reply_reason",
    "reply_ground",
    "reply_text",
    "provision_method",
    "provision_on",
    "responsible_agency",
    "responsible_agency_contact",
)
TEXT_FIELDS = tuple(name for name in FIELDS if name != "provision_on")


@dataclass(frozen=True)
class Reply:
    reply_type: str = ""
    reply_reason: str = ""
    reply_ground: str = ""
    reply_text: str = ""
    provision_method: str = ""
    provision_on: datetime.date | None = None
    responsible_agency: str = ""
    responsible_agency_contact: str = ""

    @classmethod
    def of(cls, application) -> Reply:
        return cls(**{name: getattr(application, name) for name in FIELDS}).cleaned()

    def cleaned(self) -> Reply:
        """Strings stripped; the fields this kind of reply does not use emptied."""
        values = {name: (getattr(self, name) or "").strip() for name in TEXT_FIELDS}
        values["provision_on"] = self.provision_on
        used = fields_used(
            values["reply_type"], values["reply_reason"], values["reply_ground"]
        )
        for name in FIELDS:
            if name not in used and name not in ("reply_type", "reply_reason"):
                values[name] = None if name == "provision_on" else ""
        return Reply(**values)

    def apply_to(self, application) -> None:
        for name, value in dataclasses.asdict(self).items():
            setattr(application, name, value)


def fields_used(reply_type: str, reason: str = "", ground: str = "") -> set[str]:
    """The fields a reply of this kind shows and keeps (the rest are emptied)."""
    used = {"reply_type", "reply_text"}
    if reply_type in REASONS_BY_TYPE and requires_reason(reply_type):
        used.add("reply_reason")
    if reply_type in REASONS_BY_TYPE and grounds_for(reply_type, reason):
        used.add("reply_ground")
    if reply_type in (ReplyType.DISCLOSE, ReplyType.PARTIAL):
        used.add("provision_method")
    if reply_type == ReplyType.PARTIAL or ground == ReplyGround.CAN_DISCLOSE:
        used.add("provision_on")
    if reason == ReplyReason.NOT_RESPONSIBLE:
        used |= {"responsible_agency", "responsible_agency_contact"}
    return used


def form_rules() -> dict[str, list[str]]:
    """For the admin form's script: field -> the selections that show it, each
    "type", "type:reason" or "type:reason:ground", as general as holds."""
    rules: dict[str, list[str]] = {}
    for reply_type, reasons in REASONS_BY_TYPE.items():
        combos = [
            (reason, ground)
            for reason in reasons or ("",)
            for ground in grounds_for(reply_type, reason) or ("",)
        ]
        for name in FIELDS:
            using = [c for c in combos if name in fields_used(reply_type, *c)]
            if not using:
                continue
            if len(using) == len(combos):
                rules.setdefault(name, []).append(reply_type)
                continue
            for reason in dict.fromkeys(r for r, _ in using):
                of_reason = [c for c in combos if c[0] == reason]
                used = [c for c in using if c[0] == reason]
                if len(used) == len(of_reason):
                    rules.setdefault(name, []).append(f"{reply_type}:{reason}")
                else:
                    rules.setdefault(name, []).extend(
                        f"{reply_type}:{reason}:{ground}" for _, ground in used
                    )
    return rules


def _related(application, name: str):
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


def _date(day: datetime.date) -> str:
    return f"{day:%Y-%m-%d}"


def reply_errors(
    reply: Reply, *, application=None, on: datetime.date | None = None
) -> dict[str, list[str]]:
    """Field -> messages; empty when the reply is complete.

    With `application`, also the rules that depend on its record (consultation,
    补正, fee); with `on` (the reply date), the rules of the day the reply is sent.
    """
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    reply_type, reason, ground = (
        reply.reply_type,
        reply.reply_reason,
        reply.reply_ground,
    )
    if not reply_type:
        error("reply_type", "请选择答复类型。")
        return errors
    if reply_type not in ReplyType.values:
        error("reply_type", "答复类型不正确。")
        return errors
    label = ReplyType(reply_type).label
    reasons = REASONS_BY_TYPE[reply_type]
    if reasons and not reason:
        error("reply_reason", f"答复类型“{label}”须选择具体理由。")
        return errors
    if reason and reason not in reasons:
        error("reply_reason", f"所选理由不属于答复类型“{label}”。")
        return errors
    grounds = grounds_for(reply_type, reason)
    what = ReplyReason(reason).label if reason else label
    if grounds and not ground:
        error(
            "reply_ground",
            f"“{what}”须选择答复情形：不同情形适用的条款和告知内容不同。",
        )
    elif ground and ground not in grounds:
        error("reply_ground", f"所选答复情形不属于“{what}”。")

    if not reply.reply_text:
        if reply_type == ReplyType.PARTIAL:
            message = "请说明不予公开部分的理由（条例第三十七条）。"
        elif reason == ReplyReason.NOT_RESPONSIBLE:
            message = "请说明不属于本机关负责公开的理由（条例第三十六条第（五）项）。"
        elif reply_type == ReplyType.WITHHOLD:
            message = "请说明不予公开的理由（条例第三十六条第（三）项）。"
        else:
            message = "请填写答复内容。"
        error("reply_text", message)

    used = fields_used(reply_type, reason, ground)
    if "provision_method" in used and not reply.provision_method:
        if ground == ReplyGround.ALREADY_PUBLIC:
            error(
                "provision_method",
                "请填写获取该信息的方式、途径，如公开的网址或栏目"
                "（条例第三十六条第（一）项）。",
            )
        elif reply_type == ReplyType.PARTIAL or ground == ReplyGround.CAN_DISCLOSE:
            error(
                "provision_method",
                "请填写提供信息的方式、途径（条例第三十六条第（二）项）。",
            )
    if "provision_on" in used:
        if reply.provision_on is None:
            error("provision_on", "请填写提供信息的时间（条例第三十六条第（二）项）。")
        elif on is not None and reply.provision_on < on:
            error("provision_on", f"提供信息的时间不能早于答复日期（{_date(on)}）。")
        elif application is not None and reply.provision_on < application.received_date:
            error("provision_on", "提供信息的时间不能早于收到申请之日。")
    if reason == ReplyReason.NOT_RESPONSIBLE:
        if reply.responsible_agency and not reply.responsible_agency_contact:
            error(
                "responsible_agency_contact",
                "请填写该行政机关的联系方式（条例第三十六条第（五）项）。",
            )
        if reply.responsible_agency_contact and not reply.responsible_agency:
            error("responsible_agency", "请填写负责公开该信息的行政机关名称。")

    if application is not None:
        _record_errors(reply, application, on, error)
    return errors


def _record_errors(reply: Reply, application, on, error) -> None:
    from .models import PartyKind

    reason, ground = reply.reply_reason, reply.reply_ground
    if ground == ReplyGround.THIRD_PARTY_REFUSED and not (
        application.pauses.filter(
            party_kind=PartyKind.THIRD_PARTY, ended_on__isnull=False
        ).exists()
    ):
        error(
            "reply_ground",
            "本申请没有已结束的征求第三方意见记录：第三方不同意公开须先书面征求其意见"
            "（条例第三十二条）。",
        )
    correction = _related(application, "correction")
    if reason == ReplyReason.NO_CORRECTION and (
        correction is None or correction.received_on is not None
    ):
        error(
            "reply_reason",
            "只有发出补正通知后申请人逾期未补正的，才能以此答复（条例第三十条）。",
        )
    if reason == ReplyReason.STILL_UNCLEAR and (
        correction is None or correction.received_on is None
    ):
        error(
            "reply_reason",
            "只有收到补正后申请内容仍不明确的，才能以此答复（条例第三十条）。",
        )
    if reason == ReplyReason.FEE_UNPAID:
        fee = _related(application, "fee")
        if fee is None:
            error("reply_reason", "本申请没有发出收费通知，不能以逾期未缴费答复。")
        elif fee.paid_on is not None:
            error("reply_reason", "申请人已缴纳信息处理费，不能以逾期未缴费答复。")
        elif on is not None and on <= fee.pay_by:
            error(
                "reply_reason",
                f"缴费期限至 {_date(fee.pay_by)} 届满，届满前不能以逾期未缴费答复。",
            )


def check_reply(reply: Reply, *, application=None, on=None) -> None:
    """Raise a field-level ValidationError when the reply is incomplete."""
    errors = reply_errors(reply, application=application, on=on)
    if errors:
        raise ValidationError(errors)
