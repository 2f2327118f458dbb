"""Admin views of 依申请公开: the listing, processing page, deadline dashboard, export.

The views only present and dispatch: every rule lives in services.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import (
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.participation.masking import (
    mask_address,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
)

from . import clock, selectors, services
from . import forms as step_forms
from .models import OPEN_STATUSES, ApplicantType, DisclosureApplication, Status
from .replies import form_rules

CHANGE_PERMISSION = "disclosure.change_disclosureapplication"
VIEW_PERSONAL_PERMISSION = "disclosure.view_personal_data"
EXPORT_PERMISSION = "disclosure.export_personal_data"


def require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


# --- listing ---------------------------------------------------------------------


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("状态"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    applicant_type = django_filters.ChoiceFilter(
        label=_("申请人类型"), choices=ApplicantType.choices
    )
    deadline = django_filters.ChoiceFilter(
        label=_("期限"),
        choices=[
            (selectors.DEADLINE_OVERDUE, _("已超期")),
            (selectors.DEADLINE_DUE_SOON, _("5 个工作日内到期")),
            (selectors.DEADLINE_STOPPED, _("计时中止")),
            (selectors.DEADLINE_AWAITING_RECEIPT, _("待确认收到")),
        ],
        method="filter_deadline",
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("承办人"), queryset=step_forms.staff_users()
    )

    class Meta:
        model = DisclosureApplication
        fields = ["status", "applicant_type", "deadline", "assignee"]

    def filter_deadline(self, queryset, name, value):
        return selectors.filter_by_deadline(queryset, value)


class MaskedColumn(Column):
    def __init__(self, name: str, mask: Callable[[str], str], **kwargs):
        super().__init__(name, **kwargs)
        self.mask = mask

    def get_value(self, instance):
        return self.mask(getattr(instance, self.name))


def due_display(application: DisclosureApplication) -> str:
    if application.awaiting_receipt:
        expected = clock.acknowledgement_date(application.submitted_on)
        return f"待确认收到（将于 {expected:%Y-%m-%d} 自动确认）"
    if not application.is_open:
        return f"{application.due_date:%Y-%m-%d}" if application.due_date else "—"
    if application.due_date is None:
        return "计时中止"
    left = selectors.days_left(application)
    mark = "（暂定）" if application.due_date_provisional else ""
    state = f"已超期 {-left} 个工作日" if left < 0 else f"剩 {left} 个工作日"
    return f"{application.due_date:%Y-%m-%d}{mark} {state}"


class ApplicationIndexView(IndexView):
    register_url_name = ""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.register_url_name and self.request.user.has_perm(CHANGE_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("登记书面申请"),
                    url=reverse(self.register_url_name),
                    icon_name="plus",
                )
            )
        return buttons


# --- paper intake ------------------------------------------------------------------


class RegisterView(WagtailAdminTemplateMixin, FormView):
    """Staff register an application received in person, by post or by fax."""

    template_name = "disclosure/admin/register.html"
    page_title = _("登记书面申请")
    header_icon = "doc-full"
    form_class = step_forms.PaperApplicationForm
    index_url_name = ""
    edit_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        require(request, CHANGE_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("依申请公开")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            receipt = services.register_paper_application(
                data=form.data.dict(),
                channel=data["channel"],
                received_on=data["received_on"],
                ordinary_letter=data["ordinary_letter"],
                user=self.request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        application = receipt.application
        if receipt.created:
            messages.success(
                self.request,
                _(
                    "已登记申请 %(number)s，收到申请之日 %(day)s，答复期限 %(due)s。"
                    "请将申请编号和查询码 %(code)s 告知申请人（可写在回执上），"
                    "申请人凭此在网站或小程序查询办理进度。"
                )
                % {
                    "number": application.tracking_number,
                    "day": f"{application.received_date:%Y-%m-%d}",
                    "due": due_display(application),
                    "code": receipt.query_code,
                },
            )
        else:
            # A double submission: the browser shows only this answer, so it
            # must carry the query code too.
            messages.warning(
                self.request,
                _(
                    "这份申请已经登记过（%(number)s），没有重复登记。"
                    "查询码为 %(code)s，请告知申请人。"
                )
                % {"number": application.tracking_number, "code": receipt.query_code},
            )
        return redirect(self.edit_url_name, application.pk)


# --- processing page ---------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str
    form_class: type[forms.Form] | None
    run: Callable
    done: str
    statuses: tuple[str, ...]
    permission: str = CHANGE_PERMISSION


OPEN = tuple(OPEN_STATUSES)
# Steps that need the receipt confirmed first (条例第三十一条) and the one that does it.
NEEDS_RECEIPT = ("accept", "request_correction")
STEPS: dict[str, Step] = {
    "confirm_receipt": Step(
        _("确认收到申请"),
        step_forms.DateForm,
        lambda app, user, data: services.confirm_receipt(
            application=app, user=user, on=data["on"]
        ),
        _("已确认收到申请，答复期限自确认之日的次日起计算。"),
        (Status.RECEIVED,),
    ),
    "accept": Step(
        _("受理"),
        None,
        lambda app, user, data: services.accept_application(application=app, user=user),
        _("已受理。"),
        (Status.RECEIVED,),
    ),
    "assign": Step(
        _("指定承办人"),
        step_forms.AssignForm,
        lambda app, user, data: services.assign_application(
            application=app, user=user, assignee=data["assignee"]
        ),
        _("已指定承办人。"),
        OPEN,
    ),
    "request_correction": Step(
        _("发出补正通知"),
        step_forms.CorrectionRequestForm,
        lambda app, user, data: services.request_correction(
            application=app, user=user, text=data["text"], on=data["on"]
        ),
        _("已发出补正通知，答复期限计时中止。"),
        (Status.RECEIVED, Status.ACCEPTED),
    ),
    "receive_correction": Step(
        _("登记收到补正"),
        step_forms.DateForm,
        lambda app, user, data: services.receive_correction(
            application=app, user=user, on=data["on"]
        ),
        _("已登记补正，答复期限重新计算。"),
        (Status.CORRECTION,),
    ),
    "start_consultation": Step(
        _("征求第三方或其他机关意见"),
        step_forms.ConsultationForm,
        lambda app, user, data: services.start_consultation(
            application=app,
            user=user,
            party_kind=data["party_kind"],
            party_name=data["party_name"],
            on=data["on"],
        ),
        _("已开始征求意见，所需时间不计入答复期限。"),
        (Status.ACCEPTED, Status.CONSULTATION),
    ),
    "end_consultation": Step(
        _("登记收到意见"),
        step_forms.EndConsultationForm,
        lambda app, user, data: services.end_consultation(
            application=app, user=user, on=data["on"], pause=data["pause"]
        ),
        _("征求意见已结束。"),
        (Status.CONSULTATION,),
    ),
    "extend": Step(
        _("批准延期答复"),
        step_forms.ExtensionForm,
        lambda app, user, data: services.extend_deadline(
            application=app,
            user=user,
            days=data["days"],
            reason=data["reason"],
            on=data["on"],
        ),
        _("已批准延期并告知申请人。"),
        (
            Status.ACCEPTED,
            Status.CONSULTATION,
            Status.REPLY_DRAFTED,
            Status.LEGAL_REVIEW,
        ),
        permission=services.EXTENSION_PERMISSION,
    ),
    "draft_reply": Step(
        _("拟写答复"),
        step_forms.ReplyDraftForm,
        lambda app, user, data: services.draft_reply(
            application=app, user=user, **data
        ),
        _("答复已拟稿。"),
        (Status.ACCEPTED, Status.CORRECTION, Status.REPLY_DRAFTED),
    ),
    "fee_notice": Step(
        _("发出信息处理费收费通知"),
        step_forms.FeeNoticeForm,
        lambda app, user, data: services.issue_fee_notice(
            application=app,
            user=user,
            method=data["method"],
            prior_items=data["prior_items"] or 0,
            quantity=data["quantity"],
            on=data["on"],
        ),
        _("已发出收费通知并告知申请人。"),
        (Status.ACCEPTED,),
    ),
    "fee_paid": Step(
        _("登记缴纳信息处理费"),
        step_forms.DateForm,
        lambda app, user, data: services.record_fee_payment(
            application=app, user=user, on=data["on"]
        ),
        _("已登记缴费。"),
        (Status.ACCEPTED,),
    ),
    "submit_legal_review": Step(
        _("提交法制审核"),
        None,
        lambda app, user, data: services.submit_for_legal_review(
            application=app, user=user
        ),
        _("已提交法制审核。"),
        (Status.REPLY_DRAFTED,),
    ),
    "legal_review": Step(
        _("法制审核"),
        step_forms.LegalReviewForm,
        lambda app, user, data: services.legal_review(
            application=app, user=user, approve=data["approve"], comment=data["comment"]
        ),
        _("法制审核意见已记录。"),
        (Status.LEGAL_REVIEW,),
        permission=services.LEGAL_REVIEW_PERMISSION,
    ),
    "reply": Step(
        _("答复申请人"),
        step_forms.DateForm,
        lambda app, user, data: services.reply_application(
            application=app, user=user, on=data["on"]
        ),
        _("已答复申请人。"),
        (Status.LEGAL_REVIEW,),
    ),
    "close": Step(
        _("办结"),
        None,
        lambda app, user, data: services.close_application(application=app, user=user),
        _("已办结。"),
        (Status.REPLIED,),
    ),
    "note": Step(
        _("添加内部备注"),
        step_forms.NoteForm,
        lambda app, user, data: services.add_note(
            application=app, user=user, text=data["text"]
        ),
        _("备注已添加。"),
        tuple(Status.values),
    ),
}


def applicant_fields(application, *, full: bool) -> list[tuple[str, str]]:
    show = (lambda value, mask: value) if full else (lambda value, mask: mask(value))
    return [
        (_("申请人类型"), application.get_applicant_type_display()),
        (_("申请人姓名/名称"), show(application.name, mask_name)),
        (_("证件类型"), application.get_id_type_display()),
        (_("证件号码"), show(application.id_number, mask_id_number)),
        (_("联系电话"), show(application.phone, mask_phone)),
        (_("电子邮箱"), show(application.email, mask_email) or "—"),
        (_("通信地址"), show(application.address, mask_address) or "—"),
        (_("获取信息的方式"), application.get_delivery_method_display()),
    ]


def _field_label(name: str) -> str:
    try:
        return str(DisclosureApplication._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return ""


def _messages_of(error: ValidationError) -> list[str]:
    """Messages of an error; a field's message is prefixed with its label."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{label}：{message}" if (label := _field_label(field)) else message
        for field, errors in error.error_dict.items()
        for message in ValidationError(errors).messages
    ]


def _put_on_form(form: forms.Form, error: ValidationError) -> list[str]:
    """Add the errors of the form's fields to it; the others are returned."""
    rest = []
    for field, errors in error.error_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
        else:
            rest += _messages_of(ValidationError({field: errors}))
    return rest


class ProcessView(WagtailAdminTemplateMixin, TemplateView):
    """The processing page of one application (the viewset's "edit" view)."""

    template_name = "disclosure/admin/process.html"
    header_icon = "doc-full"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        require(request, CHANGE_PERMISSION)
        self.application = get_object_or_404(
            DisclosureApplication.objects.select_related(
                "assignee", "registered_by", "fee"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"政府信息公开申请 {self.application.tracking_number}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("依申请公开")},
            {"url": "", "label": self.application.tracking_number},
        ]

    def available_steps(self, bound: dict | None = None):
        user = self.request.user
        steps = []
        fee = getattr(self.application, "fee", None)
        for name, step in STEPS.items():
            if self.application.status not in step.statuses:
                continue
            if name == "fee_notice" and fee is not None:
                continue
            if name == "fee_paid" and (fee is None or fee.paid_on is not None):
                continue
            awaiting = self.application.awaiting_receipt
            if name == "confirm_receipt" and not awaiting:
                continue
            if name in NEEDS_RECEIPT and awaiting:
                continue
            if not user.has_perm(step.permission):
                continue
            form = None
            if step.form_class is not None:
                form = (bound or {}).get(name) or self.step_form(step, name)
            steps.append({"name": name, "label": step.label, "form": form})
        return steps

    def step_form(self, step: Step, name: str, data=None) -> forms.Form:
        kwargs = {"prefix": name}
        if getattr(step.form_class, "needs_application", False):
            kwargs["application"] = self.application
        return step.form_class(data, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        full = self.request.user.has_perm(VIEW_PERSONAL_PERMISSION)
        context.update(
            application=application,
            applicant=applicant_fields(application, full=full),
            personal_data_masked=not full,
            due=due_display(application),
            events=selectors.history(application),
            notes=application.notes.select_related("author"),
            correction=getattr(application, "correction", None),
            extension=getattr(application, "extension", None),
            pauses=application.pauses.all(),
            fee=getattr(application, "fee", None),
            reply_rules=form_rules(),
            notices=application.notices.order_by("-generated_at", "-pk"),
            steps=self.available_steps(kwargs.get("bound_forms")),
        )
        return context

    def post(self, request, *args, **kwargs):
        name = request.POST.get("step", "")
        step = STEPS.get(name)
        if step is None:
            messages.error(request, "未知的办理操作。")
            return redirect(request.path)
        data: dict = {}
        form = None
        if step.form_class is not None:
            form = self.step_form(step, name, request.POST)
            if not form.is_valid():
                messages.error(request, "请检查填写的内容。")
                return self.render_to_response(
                    self.get_context_data(bound_forms={name: form})
                )
            data = form.cleaned_data
        try:
            result = step.run(self.application, request.user, data)
        except ValidationError as error:
            if form is not None and hasattr(error, "error_dict"):
                # Field-level errors are shown on the form, which keeps its input.
                for message in _put_on_form(form, error):
                    messages.error(request, message)
                messages.error(request, "请检查填写的内容。")
                return self.render_to_response(
                    self.get_context_data(bound_forms={name: form})
                )
            for message in _messages_of(error):
                messages.error(request, message)
            return redirect(request.path)
        messages.success(request, step.done)
        notice_error = getattr(result, "notice_error", "")
        if notice_error:
            messages.warning(request, notice_error)
        return redirect(request.path)


# --- dashboard and export ------------------------------------------------------------


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure/admin/dashboard.html"
    page_title = _("依申请公开期限提醒")
    header_icon = "time"
    edit_url_name = ""
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        require(request, CHANGE_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = [
            {
                "application": application,
                "url": reverse(self.edit_url_name, args=[application.pk]),
                "name": mask_name(application.name),
                "due": due_display(application),
                "overdue": application.due_date < today,
            }
            for application in selectors.deadline_list(today)
        ]
        pending = [
            {
                "application": application,
                "url": reverse(self.edit_url_name, args=[application.pk]),
                "name": mask_name(application.name),
                "submitted_on": application.submitted_on,
                "due": due_display(application),
                "late": clock.acknowledgement_date(application.submitted_on) < today,
            }
            for application in selectors.awaiting_receipt()
        ]
        context.update(
            counts=selectors.dashboard_counts(today),
            rows=rows,
            pending=pending,
            index_url=reverse(self.index_url_name),
        )
        return context


EXPORT_COLUMNS = [
    ("申请编号", lambda a: a.tracking_number),
    (
        "收到申请之日",
        lambda a: f"{a.received_date:%Y-%m-%d}" if a.received_date else "",
    ),
    ("申请人类型", lambda a: a.get_applicant_type_display()),
    ("申请人姓名/名称", lambda a: a.name),
    ("证件类型", lambda a: a.get_id_type_display()),
    ("证件号码", lambda a: a.id_number),
    ("联系电话", lambda a: a.phone),
    ("电子邮箱", lambda a: a.email),
    ("通信地址", lambda a: a.address),
    ("所需信息", lambda a: a.description),
    ("文件名称或文号", lambda a: a.doc_number),
    ("获取方式", lambda a: a.get_delivery_method_display()),
    ("状态", lambda a: a.get_status_display()),
    ("答复期限", lambda a: f"{a.due_date:%Y-%m-%d}" if a.due_date else ""),
    ("期限暂定", lambda a: "是" if a.due_date_provisional else ""),
    ("答复类型", lambda a: a.get_reply_type_display()),
    ("答复理由", lambda a: a.get_reply_reason_display()),
    ("答复日期", lambda a: f"{a.replied_on:%Y-%m-%d}" if a.replied_on else ""),
    ("申请方式", lambda a: a.get_channel_display()),
    ("收到申请之日的依据", lambda a: a.get_receipt_basis_display()),
]


def _safe_cell(value: str) -> str:
    # Cells starting with =, +, -, @ would run as formulas in Excel.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


class ExportView(View):
    """Full applicant details as CSV or Excel: only with the export permission."""

    def get(self, request):
        require(request, EXPORT_PERMISSION)
        filters = ApplicationFilterSet(
            request.GET, queryset=DisclosureApplication.objects.order_by("received_at")
        )
        rows = [
            [_safe_cell(str(get(application))) for _label, get in EXPORT_COLUMNS]
            for application in filters.qs
        ]
        headings = [label for label, _get in EXPORT_COLUMNS]
        stamp = timezone.localdate().strftime("%Y%m%d")
        if request.GET.get("format") == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "依申请公开"
            sheet.append(headings)
            for row in rows:
                sheet.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            )
            filename = f"disclosure-{stamp}.xlsx"
        else:
            text = io.StringIO()
            text.write("\ufeff")  # Excel reads UTF-8 CSV only with a BOM
            writer = csv.writer(text)
            writer.writerow(headings)
            writer.writerows(rows)
            response = HttpResponse(text.getvalue(), content_type="text/csv")
            filename = f"disclosure-{stamp}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
