"""Admin views for reply notices (告知书) and the annual report; no business rules here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import annual_report as reports
from .annual_report_layout import incomplete_warning, report_sections
from .models import DisclosureApplication
from .notices import (
    ISSUABLE_STATUSES,
    NoticeContent,
    generate_reply_notice,
    render_notice,
)
from .report_models import ReplyNotice

CHANGE_APPLICATION = "disclosure.change_disclosureapplication"
VIEW_NOTICE = "disclosure.view_replynotice"
VIEW_REPORT = "disclosure.view_annualreportrecord"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _stored_content(notice: ReplyNotice) -> NoticeContent:
    """The stored notice text back in its parts (see NoticeContent.as_text)."""
    lines = notice.body.split("\n")
    return NoticeContent(
        title=lines[0],
        number=lines[1],
        salutation=lines[2],
        paragraphs=lines[3:-2],
        issuer=lines[-2],
        issued_on=notice.issued_on,
        legal_basis=notice.legal_basis,
    )


def notice_preview(request, application_id: int):
    """The notice of the current reply as it would be issued (nothing is stored)."""
    _require(request, CHANGE_APPLICATION)
    application = get_object_or_404(DisclosureApplication, pk=application_id)
    try:
        content = render_notice(application)
        error = ""
    except ValidationError as exc:
        content, error = None, " ".join(exc.messages)
    return TemplateResponse(
        request,
        "disclosure/notices/notice.html",
        {
            "application": application,
            "content": content,
            "error": error,
            "draft": True,
            "can_generate": application.status in ISSUABLE_STATUSES,
            "notices": application.notices.all()
            if request.user.has_perm(VIEW_NOTICE)
            else [],
        },
    )


@require_POST
def notice_generate(request, application_id: int):
    _require(request, CHANGE_APPLICATION)
    application = get_object_or_404(DisclosureApplication, pk=application_id)
    try:
        notice = generate_reply_notice(application=application, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("disclosure_notice_preview", application_id=application.pk)
    messages.success(request, f"已生成答复告知书 {notice.number}。")
    return redirect("disclosure_notice_detail", notice_id=notice.pk)


def notice_detail(request, notice_id: int):
    """A stored notice as a printable page."""
    _require(request, VIEW_NOTICE)
    notice = get_object_or_404(
        ReplyNotice.objects.select_related("application"), pk=notice_id
    )
    return TemplateResponse(
        request,
        "disclosure/notices/notice.html",
        {
            "application": notice.application,
            "content": _stored_content(notice),
            "notice": notice,
            "draft": False,
        },
    )


def notice_pdf(request, notice_id: int):
    """The stored PDF, only for staff allowed to see notices; never cached."""
    _require(request, VIEW_NOTICE)
    notice = get_object_or_404(ReplyNotice, pk=notice_id)
    try:
        handle = notice.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("告知书文件不存在") from exc
    response = FileResponse(
        handle, content_type="application/pdf", filename=f"{notice.number}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AnnualReportView(WagtailAdminTemplateMixin, View):
    template_name = "disclosure/reports/annual_report.html"
    page_title = "政府信息公开工作年度报告"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        _require(request, VIEW_REPORT)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_year(self) -> int:
        default = timezone.localdate().year - 1
        try:
            year = int(self.request.GET.get("year", default))
        except ValueError:
            return default
        return year if 2008 <= year <= 2100 else default

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        report = reports.annual_report(year=year)
        this_year = timezone.localdate().year
        record = report.record
        context.update(
            year=year,
            years=range(this_year, this_year - 8, -1),
            title=reports.report_title(year),
            sections=report_sections(report),
            warning=incomplete_warning(report),
            record=record if record.pk else None,
            export_url=reverse("disclosure_annual_report_export", args=[year]),
            record_url=(
                reverse(
                    "wagtailsnippets_disclosure_annualreportrecord:edit",
                    args=[record.pk],
                )
                if record.pk
                else reverse("wagtailsnippets_disclosure_annualreportrecord:add")
            ),
            can_edit_record=self.request.user.has_perm(
                "disclosure.change_annualreportrecord"
                if record.pk
                else "disclosure.add_annualreportrecord"
            ),
        )
        return context


def annual_report_export(request, year: int):
    _require(request, VIEW_REPORT)
    if not 2008 <= year <= 2100:
        raise Http404
    data = reports.annual_report_workbook(reports.annual_report(year=year))
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="disclosure-annual-report-{year}.xlsx"; '
        f"filename*=UTF-8''{_quote(reports.report_title(year))}.xlsx"
    )
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
