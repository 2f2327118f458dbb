"""Forms: the public application (validation rules of the submission) and admin steps."""

from __future__ import annotations

import datetime
import re
import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.participation.validators import (
    is_valid_resident_id,
    normalize_phone,
    resident_id_check_char,
    validate_phone,
)
from cms.taxonomy.validators import is_valid_credit_code

from .fee_models import FeeMethod
from .models import (
    ORGANIZATION_TYPES,
    ApplicantType,
    Channel,
    ConsultationPause,
    DeliveryMethod,
    DisclosureApplication,
    IdType,
    PartyKind,
)
from .reply_types import (
    GROUNDS,
    REASONS_BY_TYPE,
    ReplyGround,
    ReplyReason,
    ReplyType,
)

# Sensible formats for documents without a public checksum.
PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,17}$")
# 港澳居民来往内地通行证: H/M and 8 digits (10 on the older cards).
HK_MACAO_RE = re.compile(r"^[HM]\d{8}(\d{2})?$")
# 台湾居民来往大陆通行证: 8 digits (10 on the older cards).
TAIWAN_RE = re.compile(r"^\d{8}(\d{2})?$")
# 外国人永久居留身份证: 3 letters + 12 digits (2004), or 18 characters from 9 (2023).
FOREIGN_OLD_RE = re.compile(r"^[A-Z]{3}\d{12}$")
FOREIGN_NEW_RE = re.compile(r"^9\d{16}[\dX]$")

ID_ERRORS = {
    IdType.RESIDENT_ID: _(
        "居民身份证号码不正确：应为 18 位，出生日期有效且校验位正确。"
    ),
    IdType.UNIFIED_SOCIAL_CREDIT_CODE: _(
        "统一社会信用代码格式或校验位不正确（应为 18 位）。"
    ),
    IdType.PASSPORT: _("护照号码格式不正确：应为 5 至 17 位字母或数字。"),
    IdType.HK_MACAO_PERMIT: _(
        "港澳居民来往内地通行证号码格式不正确：应为 H 或 M 开头加 8 位或 10 位数字。"
    ),
    IdType.TAIWAN_PERMIT: _(
        "台湾居民来往大陆通行证号码格式不正确：应为 8 位或 10 位数字。"
    ),
    IdType.FOREIGN_PERMANENT_RESIDENT_ID: _(
        "外国人永久居留身份证号码格式不正确：应为 3 位字母加 12 位数字，"
        "或以 9 开头的 18 位号码（校验位正确）。"
    ),
}


def is_valid_id_number(id_type: str, value: str) -> bool:
    if id_type == IdType.RESIDENT_ID:
        return is_valid_resident_id(value)
    if id_type == IdType.UNIFIED_SOCIAL_CREDIT_CODE:
        return is_valid_credit_code(value)
    if id_type == IdType.PASSPORT:
        return bool(PASSPORT_RE.match(value))
    if id_type == IdType.HK_MACAO_PERMIT:
        return bool(HK_MACAO_RE.match(value))
    if id_type == IdType.TAIWAN_PERMIT:
        return bool(TAIWAN_RE.match(value))
    if id_type == IdType.FOREIGN_PERMANENT_RESIDENT_ID:
        if FOREIGN_OLD_RE.match(value):
            return True
        return bool(FOREIGN_NEW_RE.match(value)) and (
            resident_id_check_char(value[:17]) == value[17]
        )
    return False


class ApplicationForm(forms.ModelForm):
    """The public application: every rule a submission must pass before it is stored."""

    idempotency_key = forms.CharField(label=_("幂等键"), max_length=100, min_length=8)

    class Meta:
        model = DisclosureApplication
        fields = [
            "applicant_type",
            "name",
            "id_type",
            "id_number",
            "phone",
            "email",
            "address",
            "description",
            "doc_number",
            "delivery_method",
        ]

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_id_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["id_number"]).upper()

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        validate_phone(value)
        return normalize_phone(value)

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if not value:
            raise ValidationError(_("请描述所需政府信息的内容。"), code="required")
        return value

    def clean_idempotency_key(self) -> str:
        return self.cleaned_data["idempotency_key"].strip()

    def clean(self):
        data = super().clean()
        applicant_type = data.get("applicant_type")
        id_type = data.get("id_type")
        id_number = data.get("id_number")
        if applicant_type in ORGANIZATION_TYPES:
            if id_type and id_type != IdType.UNIFIED_SOCIAL_CREDIT_CODE:
                self.add_error("id_type", _("法人或其他组织应填写统一社会信用代码。"))
                id_type = None
        elif (
            applicant_type == ApplicantType.NATURAL_PERSON
            and id_type == IdType.UNIFIED_SOCIAL_CREDIT_CODE
        ):
            self.add_error(
                "id_type", _("自然人应填写本人身份证件，而非统一社会信用代码。")
            )
            id_type = None
        if id_type and id_number and not is_valid_id_number(id_type, id_number):
            self.add_error("id_number", ID_ERRORS[id_type])
        method = data.get("delivery_method")
        if (
            method == DeliveryMethod.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("选择以电子邮件获取信息时，请填写电子邮箱。"))
        if method == DeliveryMethod.PAPER and not (data.get("address") or "").strip():
            self.add_error("address", _("选择以纸质方式获取信息时，请填写通信地址。"))
        return data


# The revised 政府信息公开条例 (and the clock rules here) apply from this day.
REGULATIONS_IN_FORCE = datetime.date(2019, 5, 15)


class PaperApplicationForm(ApplicationForm):
    """Staff register an application that arrived in person, by post or by fax."""

    channel = forms.ChoiceField(
        label=_("申请方式"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    # 条例第三十一条 fixes the day by channel; it is never moved to a working day.
    received_on = forms.DateField(
        label=_("收到申请之日"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "当面提交的为提交之日；邮寄的为签收之日（平常信函为与申请人确认之日）；"
            "传真的为双方确认之日。非工作日收到的也以当日为准（如周六签收即为周六），"
            "答复期限自次日起按工作日计算。"
        ),
    )
    ordinary_letter = forms.BooleanField(
        label=_("平常信函（无需签收）"),
        required=False,
        help_text=_(
            "邮寄的申请以平常信函等无需签收的方式寄达的，已于收到当日与申请人确认，"
            "收到申请之日为确认之日。"
        ),
    )

    field_order = ["channel", "received_on", "ordinary_letter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Generated when the form is opened: submitting it twice registers it once.
        self.fields["idempotency_key"].widget = forms.HiddenInput()
        self.fields["idempotency_key"].initial = f"paper-{uuid.uuid4()}"

    def clean_received_on(self) -> datetime.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("收到申请之日不能晚于今天。"))
        if day < REGULATIONS_IN_FORCE:
            raise ValidationError(
                _("收到申请之日不能早于 2019 年 5 月 15 日（现行条例施行之日）。")
            )
        return day

    def clean(self):
        data = super().clean()
        if data.get("ordinary_letter") and data.get("channel") != Channel.POST:
            self.add_error(
                "ordinary_letter", _("只有邮寄的申请才有平常信函（无需签收）的情形。")
            )
        return data


# --- admin steps ---------------------------------------------------------------------


class DateForm(forms.Form):
    on = forms.DateField(
        label=_("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )


def staff_users():
    """Active users who may process applications (hold the change permission)."""
    holds = Q(
        user_permissions__codename="change_disclosureapplication",
        user_permissions__content_type__app_label="disclosure",
    ) | Q(
        groups__permissions__codename="change_disclosureapplication",
        groups__permissions__content_type__app_label="disclosure",
    )
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | holds, is_active=True)
        .distinct()
        .order_by("username")
    )


class EndConsultationForm(DateForm):
    """The opinion of one of the application's open consultations arrived."""

    needs_application = True

    pause = forms.ModelChoiceField(
        label=_("收到意见的征求意见"), queryset=ConsultationPause.objects.none()
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["pause"]
        field.queryset = (
            application.pauses.filter(ended_on__isnull=True)
            if application is not None
            else ConsultationPause.objects.none()
        )
        field.label_from_instance = lambda pause: (
            f"{pause.get_party_kind_display()}“{pause.party_name}”"
            f"（{pause.started_on:%Y-%m-%d} 发出）"
        )
        if len(field.queryset) == 1:
            field.initial = field.queryset[0].pk


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("承办人"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()


class CorrectionRequestForm(DateForm):
    text = forms.CharField(
        label=_("需要补正的事项"), max_length=2000, widget=forms.Textarea
    )


class ConsultationForm(DateForm):
    party_kind = forms.ChoiceField(
        label=_("征求意见对象类型"), choices=PartyKind.choices
    )
    party_name = forms.CharField(label=_("征求意见对象"), max_length=200)


class ExtensionForm(DateForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1)
    reason = forms.CharField(
        label=_("延期理由"), max_length=1000, widget=forms.Textarea
    )


def _reason_choices() -> list:
    """Reasons grouped under their reply type (the script shows the chosen one's)."""
    return [
        ("", "—"),
        *[
            (ReplyType(t).label, [(r, ReplyReason(r).label) for r in reasons])
            for t, reasons in REASONS_BY_TYPE.items()
            if reasons
        ],
    ]


def _ground_choices() -> list:
    """Grounds grouped under the type or reason they belong to."""
    return [
        ("", "—"),
        *[
            (
                ReplyReason(reason).label if reason else ReplyType(reply_type).label,
                [(g, ReplyGround(g).label) for g in grounds],
            )
            for (reply_type, reason), grounds in GROUNDS.items()
        ],
    ]


class ReplyDraftForm(forms.Form):
    """The reply as staff draft it; replies.py decides which fields a reply needs
    (the service's field-level errors are shown on these fields)."""

    reply_type = forms.ChoiceField(label=_("答复类型"), choices=ReplyType.choices)
    reply_reason = forms.ChoiceField(
        label=_("具体理由"), choices=_reason_choices, required=False
    )
    reply_ground = forms.ChoiceField(
        label=_("答复情形"),
        choices=_ground_choices,
        required=False,
        help_text=_("不同情形适用的条款不同，告知书据此引用法律依据。"),
    )
    provision_method = forms.CharField(
        label=_("提供或获取信息的方式、途径"),
        max_length=300,
        required=False,
        help_text=_(
            "已主动公开的，写明公开的网站栏目或网址；可以公开的，写明提供方式，"
            "如“通过电子邮件发送至您预留的电子邮箱”。"
        ),
    )
    provision_on = forms.DateField(
        label=_("提供信息的时间"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("与答复同日提供的，告知书列明附件。"),
    )
    responsible_agency = forms.CharField(
        label=_("负责公开该信息的行政机关"),
        max_length=200,
        required=False,
        help_text=_("能够确定的，必须填写名称和联系方式（条例第三十六条第（五）项）。"),
    )
    responsible_agency_contact = forms.CharField(
        label=_("该行政机关的联系方式"), max_length=200, required=False
    )
    reply_text = forms.CharField(
        label=_("答复内容"),
        max_length=10000,
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "告知书中本机关的说明：不予公开、部分公开、不属于本机关负责公开的，"
            "须写明理由。"
        ),
    )


class FeeNoticeForm(DateForm):
    """The fee notice; the amount follows the schedule of the 办法 (fees.py)."""

    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices)
    prior_items = forms.IntegerField(
        label=_("本自然月此前已申请件数"),
        min_value=0,
        initial=0,
        help_text=_(
            "按件计收时填写：同一申请人同一自然月内在本申请之前累计申请的件数。"
        ),
    )
    quantity = forms.IntegerField(
        label=_("计费数量"),
        min_value=1,
        help_text=_("按件计收为本申请拆分后的件数，按量计收为页数。"),
    )


class LegalReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审核意见"),
        choices=[("1", _("通过")), ("0", _("退回修改"))],
        coerce=lambda value: value == "1",
    )
    comment = forms.CharField(
        label=_("审核说明"), max_length=2000, required=False, widget=forms.Textarea
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("内部备注"), max_length=2000, widget=forms.Textarea)
