"""待遇标准调整 in the admin: the listing's filters, the department-scoped views and
the import upload."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView

from cms.core.importing import ImportFileError
from cms.core.importing.forms import ImportUploadForm
from cms.review.records import InstancePermissionMixin
from cms.taxonomy.models import Organization

from .importing import COLUMNS, BenefitStandardImporter
from .models import BenefitStandard, Scheme
from .selectors import overdue_condition

INDEX_URL_NAME = "wagtailsnippets_benefits_benefitstandard:list"
IMPORT_URL_NAME = "wagtailsnippets_benefits_benefitstandard:import"


class BenefitStandardFilterSet(WagtailFilterSet):
    scheme = django_filters.ChoiceFilter(label=_("待遇项目"), choices=Scheme.choices)
    category = django_filters.CharFilter(label=_("类别"), lookup_expr="icontains")
    effective_on = django_filters.DateFilter(
        label=_("某日执行"),
        method="filter_effective_on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("责任科室"), queryset=Organization.objects.all()
    )
    overdue = django_filters.BooleanFilter(
        label=_("超过 20 个工作日公开"), method="filter_overdue"
    )

    class Meta:
        model = BenefitStandard
        fields = ["scheme", "category", "effective_on", "department", "overdue"]

    def filter_effective_on(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(effective_from__lte=value).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(overdue_condition())
        return queryset.exclude(overdue_condition())


class DueColumn(Column):
    """公开期限, flagged when it was (or is being) missed or is provisional."""

    def get_value(self, instance):
        notes = []
        if instance.due_date_provisional:
            notes.append("暂按周一至周五计")
        if instance.is_overdue():
            notes.append("已超期")
        flag = f"（{'，'.join(notes)}）" if notes else ""
        return f"{instance.due_date:%Y-%m-%d}{flag}"


class StandardIndexView(IndexView):
    @property
    def header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = list(super().header_buttons)
        if self.request.user.has_perm("benefits.add_benefitstandard"):
            buttons.append(
                HeaderButton(
                    _("导入 Excel/CSV"),
                    url=reverse(IMPORT_URL_NAME),
                    icon_name="upload",
                )
            )
        return buttons


class StandardEditView(InstancePermissionMixin, EditView):
    pass


class StandardDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


def import_view(request):
    if not request.user.has_perm("benefits.add_benefitstandard"):
        raise PermissionDenied
    report = None
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = BenefitStandardImporter(user=request.user).run(form.source())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            level = messages.WARNING if report.errors else messages.SUCCESS
            messages.add_message(request, level, report.summary())
    return TemplateResponse(
        request,
        "core/import.html",
        {
            "title": _("导入待遇标准调整"),
            "columns_help": _(
                "表头：%(headers)s。待遇项目为征地养老、失业保险金、工伤保险待遇、"
                "最低工资或其他；依据政策写发文字号或完整标题；单位留空为“元/月”。"
                "按待遇项目、类别和执行起始日原地更新，重复导入同一文件不会产生重复记录。"
            )
            % {
                "headers": "、".join(
                    f"{c.label}{'（必填）' if c.required else ''}" for c in COLUMNS
                )
            },
            "form": form,
            "report": report,
            "index_url": reverse(INDEX_URL_NAME),
        },
    )
