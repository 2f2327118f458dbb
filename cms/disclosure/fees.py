"""信息处理费: the schedule of 《政府信息公开信息处理费管理办法》 and its two steps.

条例第四十二条 allows a processing fee when an applicant's requests clearly exceed a
reasonable number or frequency; the 办法 (国办函〔2020〕109号) fixes how much:
- 第三条: by request (按件) or by page (按量), progressive, never both for one request.
- 第四条 按件: within one calendar month, an applicant's 1st-10th request is free,
  the 11th-30th cost 100 元 each, and from the 31st every further band of ten costs
  100 元 more each (31-40: 200 元, 41-50: 300 元, ...).
- 第五条 按量 (only when the applicant asked for paper, e-mail or copied electronic
  data): up to 30 pages free, pages 31-100 10 元, 101-200 20 元, from 201 40 元.
The fee notice states basis, standard, amount and how to pay; the applicant pays
within 20 working days of receiving it, otherwise the application is treated as
withdrawn (reply 其他处理「逾期未按收费通知要求缴纳费用」).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from cms.workdays import calendar

from .fee_models import FeeMethod, ProcessingFee
from .models import DeliveryMethod, DisclosureApplication, EventKind, Status
from .records import record_event

PAYMENT_DAYS = 20
# (last page of the band, 元 per page) — 办法第五条.
PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))


def item_rate(n: int) -> int:
    """元 for an applicant's n-th request in a calendar month (办法第四条)."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def fee_by_item(*, prior_items: int, items: int) -> Decimal:
    return Decimal(
        sum(item_rate(n) for n in range(prior_items + 1, prior_items + items + 1))
    )


def fee_by_volume(pages: int) -> Decimal:
    total, start = 0, 1
    for last, rate in PAGE_BANDS:
        end = pages if last is None else min(pages, last)
        if end >= start:
            total += (end - start + 1) * rate
        if last is None or pages <= last:
            break
        start = last + 1
    return Decimal(total)


def fee_amount(*, method: str, quantity: int, prior_items: int = 0) -> Decimal:
    if method == FeeMethod.BY_ITEM:
        return fee_by_item(prior_items=prior_items, items=quantity)
    return fee_by_volume(quantity)


def payment_instructions() -> str:
    return getattr(
        settings,
        "DISCLOSURE_FEE_PAYMENT",
        "请按本通知所附缴款书载明的方式缴纳，缴费后将缴费凭证提交本机关"
        "政府信息公开工作机构。",
    )


def _lock(application) -> DisclosureApplication:
    return DisclosureApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def issue_fee_notice(
    *,
    application,
    user,
    method: str,
    quantity: int,
    prior_items: int = 0,
    on: datetime.date,
) -> ProcessingFee:
    """Send the fee notice (收费通知): the amount follows the 办法's schedule."""
    from .services import notify_applicant

    application = _lock(application)
    if application.status != Status.ACCEPTED:
        raise ValidationError(
            f"当前状态为“{application.get_status_display()}”，不能发出收费通知"
            "（仅限办理中状态）。"
        )
    if ProcessingFee.objects.filter(application=application).exists():
        raise ValidationError("本申请已发出过收费通知。")
    errors: dict[str, str] = {}
    if method not in FeeMethod.values:
        errors["method"] = "请选择计收方式。"
    elif (
        method == FeeMethod.BY_VOLUME
        and application.delivery_method == DeliveryMethod.ONLINE
    ):
        errors["method"] = (
            "按量计收只适用于以纸质件、电子邮件、复制电子数据等方式获取信息的申请"
            "（《政府信息公开信息处理费管理办法》第五条）。"
        )
    if quantity < 1:
        errors["quantity"] = "计费数量至少为 1。"
    if prior_items < 0:
        errors["prior_items"] = "此前已申请件数不能为负数。"
    if on < application.received_date:
        errors["on"] = "收费通知日期不能早于收到申请之日。"
    elif application.due_date and on > application.due_date:
        errors["on"] = (
            f"收费通知应在答复期限内发出（答复期限 {application.due_date:%Y-%m-%d}）。"
        )
    if errors:
        raise ValidationError(errors)
    amount = fee_amount(method=method, quantity=quantity, prior_items=prior_items)
    if amount <= 0:
        raise ValidationError(
            {
                "quantity": "按收费标准计算，本申请不需收费（按件计收：同一申请人一个"
                "自然月内累计 10 件以下不收费；按量计收：30 页以下不收费）。"
            }
        )
    fee = ProcessingFee.objects.create(
        application=application,
        method=method,
        prior_items=prior_items if method == FeeMethod.BY_ITEM else 0,
        quantity=quantity,
        amount=amount,
        notice_on=on,
        pay_by=calendar.add_working_days(on, PAYMENT_DAYS).date,
        issued_by=user,
    )
    unit = "件" if method == FeeMethod.BY_ITEM else "页"
    standard = (
        f"按件计收，本自然月此前已申请 {fee.prior_items} 件，本申请计 {quantity} 件"
        if method == FeeMethod.BY_ITEM
        else f"按量计收，共 {quantity} 页"
    )
    record_event(
        application,
        EventKind.FEE_NOTICE,
        user=user,
        on=on,
        message=f"{standard}，收费 {amount} 元，缴费截止日 {fee.pay_by:%Y-%m-%d}。",
        data={"method": method, "quantity": quantity, "unit": unit},
    )
    notify_applicant(
        application,
        user=user,
        subject=f"政府信息公开申请 {application.tracking_number} 信息处理费收费通知",
        body=(
            f"您的政府信息公开申请 {application.tracking_number} 的数量、频次明显超过"
            "合理范围，根据《中华人民共和国政府信息公开条例》第四十二条和"
            "《政府信息公开信息处理费管理办法》，本机关收取信息处理费。\n"
            f"收费标准：{standard}；收费金额：{amount} 元。\n"
            f"{payment_instructions()}\n"
            f"请于收到本通知次日起 {PAYMENT_DAYS} 个工作日内缴纳"
            f"（至 {fee.pay_by:%Y-%m-%d}）；逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。"
        ),
        kind="disclosure.fee_notice",
    )
    return fee


@transaction.atomic
def record_fee_payment(*, application, user, on: datetime.date) -> ProcessingFee:
    """The applicant paid the fee; processing continues."""
    application = _lock(application)
    fee = ProcessingFee.objects.select_for_update().filter(application=application)
    fee = fee.first()
    if fee is None:
        raise ValidationError("本申请没有发出收费通知。")
    if fee.paid_on is not None:
        raise ValidationError(f"已于 {fee.paid_on:%Y-%m-%d} 登记缴费。")
    if on < fee.notice_on:
        raise ValidationError({"on": "缴费日期不能早于收费通知日期。"})
    if on > fee.pay_by:
        raise ValidationError(
            {
                "on": f"缴费期限已于 {fee.pay_by:%Y-%m-%d} 届满，申请视为放弃；"
                "请以“申请人逾期未按收费通知要求缴纳费用”答复。"
            }
        )
    fee.paid_on = on
    fee.save(update_fields=["paid_on"])
    record_event(
        application,
        EventKind.FEE_PAID,
        user=user,
        on=on,
        message=f"已缴纳信息处理费 {fee.amount} 元。",
    )
    return fee
