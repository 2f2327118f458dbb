"""网上咨询 in the admin: the listing with ages and flags, processing, export."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from cms.participation.masking import mask_name, mask_phone

from .admin_views import (
    ClockColumn,
    MaskedColumn,
    QuestionFilterSet,
    QuestionIndexView,
    QuestionProcessForm,
    QuestionSummaryPanel,
)
from .models import Question


class NoCreateView(CreateView):
    """Questions come from the public only; the admin cannot make one up."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("网上咨询由公众在网站或小程序提交，后台不能新建。"))
        return redirect(self.index_url_name)


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("网上咨询")
    menu_name = "questions"
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = QuestionIndexView
    add_view_class = NoCreateView
    filterset_class = QuestionFilterSet
    search_fields = ["tracking_number", "title"]
    # Substring matches in the database: the search index holds only published
    # Q&As, and staff look for every question by its number or original title.
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "tracking_number",
        "title",
        Column("topic", label=_("咨询主题")),
        MaskedColumn("name", mask_name, label=_("咨询人")),
        MaskedColumn("phone", mask_phone, label=_("联系电话")),
        Column("status", label=_("办理状态"), accessor="get_status_display"),
        Column("department", label=_("承办单位")),
        DateColumn("submitted_at", label=_("提交时间")),
        ClockColumn("clock", label=_("工作日/时限")),
    ]
    list_export = [
        "tracking_number",
        "topic",
        "title",
        "content",
        "name",
        "phone",
        "email",
        "submitted_at",
        "get_status_display",
        "department",
        "answer",
        "answered_at",
        "answered_over_three_months",
        "is_published",
    ]
    export_headings = {"get_status_display": "办理状态", "topic": "咨询主题"}
    export_filename = "网上咨询"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    edit_handler = ObjectList(
        [
            QuestionSummaryPanel(heading=_("咨询")),
            MultiFieldPanel(
                [
                    FieldPanel("department", heading=_("承办单位（转办）")),
                    FieldPanel("handler", heading=_("承办人（分办）")),
                    FieldPanel("routing_note"),
                ],
                heading=_("转办 / 分办"),
            ),
            FieldPanel("answer"),
            MultiFieldPanel(
                [
                    FieldPanel("is_published"),
                    FieldPanel("published_title"),
                    FieldPanel("published_content"),
                ],
                heading=_("选登（已按规则隐去个人信息，可再修改）"),
            ),
            FieldPanel("internal_note"),
            FieldPanel("close_reason"),
        ],
        base_form_class=QuestionProcessForm,
    )


register_snippet(QuestionViewSet)
