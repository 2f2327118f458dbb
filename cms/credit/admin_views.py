"""双公示 in the admin: the listing's filters, the department scope, the import
upload and the 信用修复 form."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.widgets.button import Button, HeaderButton

from cms.core.importing import ImportFileError
from cms.core.importing.forms import ImportUploadForm
from cms.review.permissions import user_department_ids

from .importing import DecisionImporter
from .models import CreditDecision, DecisionKind, Severity
from .selectors import local_today, overdue_condition, with_published_on
from .services import credit_repair


def scoped(queryset, user):
    """A department's editors see their own department's decisions (and those
    not yet assigned to one); superusers see all."""
    if user.is_superuser:
        return queryset
    from django.db.models import Q

    return queryset.filter(
        Q(department_id__in=user_department_ids(user)) | Q(department__isnull=True)
    )


class DecisionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("决定类别"), choices=DecisionKind.choices
    )
    severity = django_filters.ChoiceFilter(
        label=_("失信严重程度"), choices=Severity.choices
    )
    overdue = django_filters.BooleanFilter(
        label=_("超过 7 个工作日公示"), method="filter_overdue"
    )
    withdrawn = django_filters.BooleanFilter(
        label=_("已停止公示"), method="filter_withdrawn"
    )

    class Meta:
        model = CreditDecision
        fields = ["kind", "severity", "status", "overdue", "withdrawn"]

    def filter_overdue(self, queryset, name, value):
        condition = overdue_condition(local_today())
        queryset = with_published_on(queryset)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_withdrawn(self, queryset, name, value):
        return queryset.filter(withdrawn_on__isnull=not value)


class DeadlineColumn(Column):
    """公示期限, flagged when it was (or is being) missed."""

    def get_value(self, instance):
        flag = "（超期）" if instance.is_overdue(local_today()) else ""
        return f"{instance.due_date:%Y-%m-%d}{flag}"


class PublicityColumn(Column):
    def get_value(self, instance):
        if instance.withdrawn_on:
            return f"{instance.get_withdrawal_display()}，{instance.withdrawn_on:%Y-%m-%d} 停止"
        if instance.publicity_withheld:
            return "轻微失信，不予公示"
        if instance.publicity_end:
            return f"至 {instance.publicity_end:%Y-%m-%d}"
        return "许可有效期内"


class DecisionIndexView(IndexView):
    def get_base_queryset(self):
        return scoped(super().get_base_queryset(), self.request.user)

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(
                _("导入 Excel/CSV"),
                url=reverse("credit_decisions:import"),
                icon_name="upload",
            )
        )
        return buttons


class DecisionEditView(EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not scoped(CreditDecision.objects.filter(pk=obj.pk), self.request.user):
            raise PermissionDenied
        return obj

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.kind == DecisionKind.PENALTY and not self.object.withdrawn_on:
            buttons.append(
                Button(
                    _("信用修复"),
                    url=reverse("credit_decisions:repair", args=[self.object.pk]),
                    icon_name="warning",
                    priority=20,
                )
            )
        return buttons


class ImportForm(ImportUploadForm):
    kind = forms.ChoiceField(
        label=_("文件中没有“决定类别”列时的类别"),
        choices=[("", "（按文件中的“决定类别”列）"), *DecisionKind.choices],
        required=False,
    )
    draft = forms.BooleanField(label=_("新建的决定暂不公示"), required=False)


def import_view(request):
    if not request.user.has_perm("credit.add_creditdecision"):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = DecisionImporter(
                kind=form.cleaned_data["kind"] or None,
                publish=not form.cleaned_data["draft"],
            ).run(form.source())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            level = messages.WARNING if report.errors else messages.SUCCESS
            messages.add_message(request, level, report.summary())
    return TemplateResponse(
        request,
        "core/import.html",
        {
            "title": _("导入行政许可、行政处罚决定"),
            "columns_help": _(
                "表头：决定类别、文书号、当事人、当事人类型（法人/非法人组织/个体工商户/"
                "自然人）、统一社会信用代码、身份证号码、违法事实或许可内容、依据、"
                "处罚种类、罚款金额、决定内容、决定日期、决定机关、有效期自、有效期至、"
                "失信严重程度（轻微/一般/严重）、轻微失信确有必要公示（是/否，可省略）、"
                "状态。按文书号和类别原地更新。"
            ),
            "form": form,
            "report": report,
            "index_url": reverse("credit_decisions:index"),
        },
    )


class RepairForm(forms.Form):
    repaired_on = forms.DateField(
        label=_("信用修复日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("信用修复原因"), widget=forms.Textarea(attrs={"rows": 4})
    )


def repair_view(request, pk):
    if not request.user.has_perm("credit.change_creditdecision"):
        raise PermissionDenied
    decision = get_object_or_404(
        scoped(CreditDecision.objects.all(), request.user), pk=pk
    )
    form = RepairForm(
        request.POST or None, initial={"repaired_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            credit_repair(
                decision=decision,
                reason=form.cleaned_data["reason"],
                repaired_on=form.cleaned_data["repaired_on"],
                user=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request, f"{decision.document_number} 已信用修复，停止公示"
            )
            return redirect("credit_decisions:edit", decision.pk)
    return TemplateResponse(
        request, "credit/repair.html", {"form": form, "decision": decision}
    )
