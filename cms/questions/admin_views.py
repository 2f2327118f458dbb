"""Admin pieces for 网上咨询: the processing form, the clock column and filters."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import IndexView

from cms.participation.masking import mask_email, mask_name, mask_phone
from cms.taxonomy.models import Organization, Topic

from . import services
from .deadlines import (
    ClockState,
    latest_received_due_soon,
    latest_received_past_inspection,
    latest_received_past_target,
    question_clock,
)
from .models import Question, QuestionStatus

PERSONAL_DATA_PERMISSION = "questions.view_personal_data"
OPEN_STATUSES = (QuestionStatus.RECEIVED, QuestionStatus.ASSIGNED)


def clock_for(question: Question):
    return question_clock(
        submitted_at=question.submitted_at,
        answered_at=question.answered_at,
        closed=question.status == QuestionStatus.CLOSED,
    )


def clock_label(question: Question) -> str:
    clock = clock_for(question)
    provisional = "（暂按周一至周五计）" if clock.target_provisional else ""
    over = " · 超过 3 个月才答复" if question.answered_over_three_months else ""
    return (
        f"{clock.age_working_days} 个工作日 · {clock.state.label}{over} · "
        f"目标 {clock.target_date:%Y-%m-%d}{provisional}"
    )


class ClockColumn(Column):
    """Age in working days against the 5-working-day target, flagged when late."""

    def get_value(self, instance):
        return clock_label(instance)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        clock = clock_for(instance)
        if clock.is_flagged or instance.answered_over_three_months:
            context["value"] = format_html(
                '<span class="w-status w-status--primary" title="{}">{}</span>',
                _("检查指标：留言超过 3 个月未答复即不合格"),
                context["value"],
            )
        return context


class MaskedColumn(Column):
    """Personal data in listings: always masked (full data only in permitted export)."""

    def __init__(self, name, mask, **kwargs):
        super().__init__(name, **kwargs)
        self.mask = mask

    def get_value(self, instance):
        return self.mask(getattr(instance, self.name))


CLOCK_CHOICES = [
    ("open", _("未答复")),
    (ClockState.DUE_SOON, _("即将到期（剩 1 个工作日内）")),
    (ClockState.OVERDUE, _("已超期（超过 5 个工作日未答复）")),
    (ClockState.INSPECTION_OVERDUE, _("超过 3 个月未答复")),
    (ClockState.ANSWERED_LATE, _("超期答复")),
]


class QuestionFilterSet(WagtailFilterSet):
    clock = django_filters.ChoiceFilter(
        label=_("时限"), choices=CLOCK_CHOICES, method="filter_clock"
    )
    status = django_filters.ChoiceFilter(
        label=_("办理状态"), choices=QuestionStatus.choices
    )
    department = django_filters.ModelChoiceFilter(
        label=_("承办单位"), queryset=Organization.objects.all()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("咨询主题"), queryset=Topic.objects.all()
    )
    is_published = django_filters.BooleanFilter(label=_("已选登"))
    answered_over_three_months = django_filters.BooleanFilter(
        label=_("超过 3 个月才答复")
    )

    class Meta:
        model = Question
        fields = [
            "clock",
            "status",
            "department",
            "topic",
            "is_published",
            "answered_over_three_months",
        ]

    def filter_clock(self, queryset, name, value):
        return filter_by_clock(queryset, value)


def _received_on_or_before(day):
    # Receipt dates are local dates: compare against the end of that local day.
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    return Q(submitted_at__lt=end)


def filter_by_clock(queryset, value: str, *, today=None):
    """Questions in a clock state, selected in SQL from receipt-date cut-offs."""
    today = today or timezone.localdate()
    open_ = queryset.filter(status__in=OPEN_STATUSES)
    if value == "open":
        return open_
    if value == ClockState.INSPECTION_OVERDUE:
        return open_.filter(
            _received_on_or_before(latest_received_past_inspection(today))
        )
    if value == ClockState.OVERDUE:
        return open_.filter(_received_on_or_before(latest_received_past_target(today)))
    if value == ClockState.DUE_SOON:
        overdue = _received_on_or_before(latest_received_past_target(today))
        return open_.filter(
            _received_on_or_before(latest_received_due_soon(today))
        ).exclude(overdue)
    if value == ClockState.ANSWERED_LATE:
        ids = [
            q.pk
            for q in queryset.filter(answered_at__isnull=False).only(
                "pk", "submitted_at", "answered_at", "status"
            )
            if clock_for(q).state == ClockState.ANSWERED_LATE
        ]
        return queryset.filter(pk__in=ids)
    return queryset


class QuestionIndexView(IndexView):
    """The listing: personal data masked; the export is full only with permission."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("topic", "department", "handler")
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not self.request.user.has_perm(PERSONAL_DATA_PERMISSION):
            for field, mask in (
                ("name", mask_name),
                ("phone", mask_phone),
                ("email", mask_email),
            ):
                if field in row:
                    row[field] = mask(row[field])
        return row


class QuestionSummaryPanel(Panel):
    """The question as asked; the asker's details masked without the permission."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            question = self.instance
            full = self.request.user.has_perm(PERSONAL_DATA_PERMISSION)
            name = question.name if full else mask_name(question.name)
            phone = question.phone if full else mask_phone(question.phone)
            email = question.email if full else mask_email(question.email)
            clock = clock_for(question) if question.pk else None
            return format_html(
                "<dl>"
                "<dt>咨询编号</dt><dd>{}</dd>"
                "<dt>咨询主题</dt><dd>{}</dd>"
                "<dt>标题</dt><dd>{}</dd>"
                "<dt>咨询内容</dt><dd style='white-space:pre-wrap'>{}</dd>"
                "<dt>咨询人</dt><dd>{} · {} · {}</dd>"
                "<dt>同意选登</dt><dd>{}</dd>"
                "<dt>时限</dt><dd>{}（3 个月期限至 {}，含当日）</dd>"
                "</dl>",
                question.tracking_number,
                question.topic if question.topic_id else "",
                question.title,
                question.content,
                name or "（未留姓名）",
                phone,
                email or "（未留邮箱）",
                "是" if question.consent_to_publish else "否",
                clock_label(question) if clock else "",
                f"{clock.inspection_date:%Y-%m-%d}" if clock else "",
            )


class QuestionProcessForm(WagtailAdminModelForm):
    """转办 / 分办 / 答复 / 选登 in one form; each change goes through the services."""

    routing_note = forms.CharField(
        label=_("转办/分办说明"), required=False, max_length=500
    )
    close_reason = forms.CharField(
        label=_("不予受理理由"),
        required=False,
        max_length=500,
        help_text=_("填写后本咨询将标记为不予受理（不公开）。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        if question.pk and not question.published_title:
            title, content = services.publication_defaults(question)
            if "published_title" in self.fields:
                self.initial["published_title"] = title
            if "published_content" in self.fields:
                self.initial["published_content"] = content

    def clean(self):
        cleaned = super().clean()
        question = Question.objects.get(pk=self.instance.pk)
        if cleaned.get("handler") and not cleaned.get("department"):
            self.add_error("handler", _("请先选择承办单位，再分办给承办人。"))
        answer = (cleaned.get("answer") or "").strip()
        if answer and not cleaned.get("department"):
            self.add_error("department", _("请先确定承办单位。"))
        if cleaned.get("is_published"):
            if not question.consent_to_publish:
                self.add_error("is_published", _("咨询人未同意选登，不能公开。"))
            elif not answer:
                self.add_error("is_published", _("答复后才能选登。"))
        if cleaned.get("close_reason") and question.status == QuestionStatus.ANSWERED:
            self.add_error("close_reason", _("已答复的咨询不能改为不予受理。"))
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        user = self.for_user
        with transaction.atomic():
            question = Question.objects.select_for_update().get(pk=self.instance.pk)
            note = data.get("routing_note", "")
            if data.get("close_reason"):
                services.question_close(
                    question=question, note=data["close_reason"], user=user
                )
                return question
            department = data.get("department")
            if department and department.pk != question.department_id:
                services.question_transfer(
                    question=question, department=department, user=user, note=note
                )
            handler = data.get("handler")
            if handler and handler.pk != question.handler_id:
                services.question_assign(
                    question=question, handler=handler, user=user, note=note
                )
            answer = (data.get("answer") or "").strip()
            if answer and answer != question.answer:
                services.question_answer(question=question, answer=answer, user=user)
            if (
                data.get("internal_note", question.internal_note)
                != question.internal_note
            ):
                question.internal_note = data["internal_note"]
                question.save(update_fields=["internal_note"])
            if data.get("is_published"):
                services.question_publish(
                    question=question,
                    title=data.get("published_title", ""),
                    content=data.get("published_content", ""),
                )
            elif question.is_published:
                services.question_unpublish(question=question)
        self.instance = question
        return question
