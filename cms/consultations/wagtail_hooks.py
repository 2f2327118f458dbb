"""Admin integration: comments, meetings and follow-ups, the per-consultation review
view, the enterprise-share report, and open follow-ups on the dashboard."""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.participation.masking import mask_name
from cms.review.rules import HOOK_NAME, PublicationRule

from . import windows
from .contact import mask_contact
from .models import (
    ConsultationComment,
    ConsultationPage,
    DecisionMeeting,
    FollowUpStatus,
    RepresentativeSuggestion,
)
from .selectors import open_follow_ups
from .views import (
    CHANGE_PERMISSION,
    ConsultationCommentsView,
    EnterpriseShareReportView,
    export_comments,
)


class SubmittedOnlyPolicy(ModelPermissionPolicy):
    """Comments come from the public: staff review them but never add them."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(
    ConsultationComment, SubmittedOnlyPolicy(ConsultationComment)
)


def _excerpt(text: str, length: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length] + "……"


class ConsultationCommentViewSet(ModelViewSet):
    model = ConsultationComment
    name = "consultation_comments"
    icon = "comment"
    menu_label = _("征求意见留言")
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "receipt_number", label=_("回执编号"), url_name="consultation_comments:edit"
        ),
        Column("consultation", label=_("征求意见")),
        Column(
            "commenter",
            label=_("意见人"),
            accessor=lambda c: "，".join(
                part
                for part in (
                    c.get_commenter_type_display(),
                    c.get_enterprise_size_display() if c.is_enterprise else "",
                    mask_name(c.name),
                )
                if part
            ),
        ),
        Column("content", label=_("意见内容"), accessor=lambda c: _excerpt(c.content)),
        Column(
            "contact", label=_("联系方式"), accessor=lambda c: mask_contact(c.contact)
        ),
        Column(
            "moderation_status",
            label=_("审核"),
            accessor="get_moderation_status_display",
        ),
        Column("decision", label=_("处理结果"), accessor="get_decision_display"),
        DateColumn("created_at", label=_("提交时间")),
    ]
    list_filter = ["moderation_status", "decision", "commenter_type", "consultation"]
    search_fields = ["receipt_number", "content"]
    panels = [
        FieldPanel("consultation", read_only=True),
        FieldRowPanel(
            [
                FieldPanel("commenter_type", read_only=True),
                FieldPanel("industry", read_only=True),
                FieldPanel("enterprise_size", read_only=True),
            ]
        ),
        FieldPanel("content", read_only=True),
        FieldPanel("moderation_status"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("decision_reason")]),
    ]

    def get_queryset(self, request):
        return ConsultationComment.objects.select_related("consultation")


class DecisionMeetingViewSet(ModelViewSet):
    model = DecisionMeeting
    name = "decision_meetings"
    icon = "group"
    menu_label = _("决策会议（公众代表列席）")
    list_display = [
        TitleColumn("topic", label=_("议题"), url_name="decision_meetings:edit"),
        Column("decision", label=_("决策事项")),
        Column("kind", label=_("会议类型"), accessor="get_kind_display"),
        DateColumn("date", label=_("会议日期")),
        Column("is_public", label=_("对外公开")),
    ]
    list_filter = ["kind", "is_public"]
    search_fields = ["topic"]

    def get_queryset(self, request):
        return DecisionMeeting.objects.select_related("decision")


class SuggestionViewSet(ModelViewSet):
    model = RepresentativeSuggestion
    name = "representative_suggestions"
    icon = "tasks"
    menu_label = _("代表建议办理")
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "content",
            label=_("建议内容"),
            url_name="representative_suggestions:edit",
            accessor=lambda s: _excerpt(s.content),
        ),
        Column("category", label=_("代表类别"), accessor="get_category_display"),
        Column("meeting", label=_("会议")),
        Column("status", label=_("办理状态"), accessor="get_status_display"),
        Column("handling_department", label=_("承办科室")),
        DateColumn("responded_on", label=_("反馈日期")),
    ]
    list_filter = ["status", "category", "handling_department"]
    search_fields = ["content", "response"]
    panels = [
        FieldPanel("meeting"),
        FieldRowPanel([FieldPanel("representative"), FieldPanel("category")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("handling_department")]),
        FieldPanel("response"),
        FieldPanel("responded_on"),
    ]

    def get_queryset(self, request):
        # Open follow-ups first, oldest meeting first.
        closed_last = Case(
            When(status=FollowUpStatus.CLOSED, then=Value(1)), default=Value(0)
        )
        return RepresentativeSuggestion.objects.select_related(
            "meeting", "handling_department"
        ).order_by(closed_last, "meeting__date", "pk")


class ConsultationsGroup(ViewSetGroup):
    menu_label = _("征求意见与决策")
    menu_icon = "comment"
    menu_order = 260
    items = (ConsultationCommentViewSet, DecisionMeetingViewSet, SuggestionViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ConsultationsGroup()


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "consultations/<int:page_id>/comments/",
            ConsultationCommentsView.as_view(),
            name="consultations_comments",
        ),
        path(
            "consultations/<int:page_id>/comments/export/",
            export_comments,
            name="consultations_comments_export",
        ),
        path(
            "reports/enterprise-share/",
            EnterpriseShareReportView.as_view(),
            name="consultations_enterprise_share",
        ),
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_enterprise_share_report():
    return _PermissionMenuItem(
        _("惠企政策企业意见占比"),
        reverse("consultations_enterprise_share"),
        icon_name="warning",
        order=710,
        permission=CHANGE_PERMISSION,
    )


class OpenFollowUpsPanel(Component):
    """The dashboard's list of representatives' suggestions not yet closed."""

    name = "open_follow_ups"
    template_name = "consultations/admin/open_follow_ups.html"
    order = 160

    def __init__(self, suggestions: list, total: int):
        self.suggestions = suggestions
        self.total = total

    def get_context_data(self, parent_context=None):
        return {
            "suggestions": self.suggestions,
            "total": self.total,
            "list_url": reverse("representative_suggestions:index"),
        }


@hooks.register("construct_homepage_panels")
def add_open_follow_ups(request, panels):
    if not request.user.has_perm("consultations.change_representativesuggestion"):
        return
    queryset = open_follow_ups()
    total = queryset.count()
    if total:
        panels.append(OpenFollowUpsPanel(list(queryset[:5]), total))


@hooks.register("register_page_header_buttons")
def comments_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    if isinstance(page.specific_deferred, ConsultationPage) and user.has_perm(
        CHANGE_PERMISSION
    ):
        yield Button(
            _("审核与处理意见"),
            reverse("consultations_comments", args=[page.pk]),
            icon_name="comment",
            priority=60,
        )


@hooks.register(HOOK_NAME)
def consultation_window_rules():
    """征求意见 windows (see windows.py): too short without a reason is withheld."""
    return [
        PublicationRule(
            applies_to=ConsultationPage,
            problems=windows.publication_problems,
            form_problems=lambda form, cleaned: windows.form_publication_problems(
                form.instance, cleaned
            ),
            held_action="cms.review.withheld",
        )
    ]
