"""Attendee lists of open activities in the admin: per event, masked, exportable."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from cms.participation.masking import mask_name, mask_phone

from .models import OpenEventPage
from .registrations import EventRegistration, RegistrationStatus
from .services import people_by_status, registration_cancel

FULL_EXPORT_PERMISSION = "events.export_personal_data"


class MaskedColumn(Column):
    def __init__(self, name, mask, **kwargs):
        super().__init__(name, **kwargs)
        self.mask = mask

    def get_value(self, instance):
        return self.mask(getattr(instance, self.name))


class RegistrationIndexView(IndexView):
    """Registrations, filtered by event; phones masked except in a permitted export."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not self.request.user.has_perm(FULL_EXPORT_PERMISSION):
            row["phone"] = mask_phone(row["phone"])
            row["name"] = mask_name(row["name"])
        return row

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if (
            instance.status != RegistrationStatus.CANCELLED
            and self.request.user.has_perm("events.change_eventregistration")
        ):
            buttons.append(
                ListingButton(
                    _("取消报名"),
                    url=reverse("events_registration_cancel", args=[instance.pk]),
                    icon_name="bin",
                    priority=30,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event_id = self.request.GET.get("event")
        if event_id and event_id.isdigit():
            event = OpenEventPage.objects.filter(pk=int(event_id)).first()
            if event is not None:
                counts = people_by_status(event)
                confirmed = counts[RegistrationStatus.CONFIRMED]
                context["places_summary"] = _(
                    "%(title)s：名额 %(capacity)s 人，已确认 %(confirmed)s 人，"
                    "剩余 %(remaining)s 人，候补 %(waiting)s 人"
                ) % {
                    "title": event.title,
                    "capacity": event.capacity,
                    "confirmed": confirmed,
                    "remaining": max(0, event.capacity - confirmed),
                    "waiting": counts[RegistrationStatus.WAITLISTED],
                }
        return context


class EventRegistrationViewSet(ModelViewSet):
    """Read-only listing plus a cancel action: registrations change only by the rules."""

    model = EventRegistration
    icon = "group"
    menu_label = _("活动报名")
    menu_name = "event_registrations"
    menu_order = 320
    add_to_admin_menu = True
    name = "event_registrations"
    index_view_class = RegistrationIndexView
    index_template_name = "events/admin/registration_index.html"
    copy_view_enabled = False
    list_filter = ["event", "status"]
    list_per_page = 100
    list_display = [
        "code",
        Column("event", label=_("活动")),
        MaskedColumn("name", mask_name, label=_("姓名")),
        MaskedColumn("phone", mask_phone, label=_("手机号码")),
        Column("people_count", label=_("人数")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        DateColumn("created_at", label=_("报名时间")),
    ]
    list_export = [
        "event.title",
        "code",
        "name",
        "phone",
        "people_count",
        "get_status_display",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]
    export_headings = {
        "event.title": "活动",
        "code": "报名码",
        "name": "姓名",
        "phone": "手机号码",
        "people_count": "人数",
        "get_status_display": "状态",
        "created_at": "报名时间",
        "promoted_at": "候补转正时间",
        "cancelled_at": "取消时间",
    }
    export_filename = "活动报名名单"
    form_fields = ["status"]  # unused: there are no add or edit views

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


def cancel_registration_view(request, pk: int):
    if not request.user.has_perm("events.change_eventregistration"):
        raise PermissionDenied
    registration = get_object_or_404(
        EventRegistration.objects.select_related("event"), pk=pk
    )
    index = reverse("event_registrations:index") + f"?event={registration.event_id}"
    if request.method == "POST":
        registration_cancel(
            code=registration.code, phone=registration.phone, by_staff=True
        )
        messages.success(
            request,
            _("已取消报名 %(code)s，候补已按顺序转正。") % {"code": registration.code},
        )
        return redirect(index)
    return TemplateResponse(
        request,
        "events/admin/cancel_registration.html",
        {
            "registration": registration,
            "masked_phone": mask_phone(registration.phone),
            "index_url": index,
            "page_title": _("取消报名"),
            "header_icon": "group",
        },
    )


@hooks.register("register_admin_urls")
def register_cancel_url():
    return [
        path(
            "event-registrations/cancel/<int:pk>/",
            cancel_registration_view,
            name="events_registration_cancel",
        )
    ]


@hooks.register("register_admin_viewset")
def register_registrations_viewset():
    return EventRegistrationViewSet()


@hooks.register("register_page_header_buttons")
def attendee_list_button(page, user, view_name, next_url=None):
    if (
        not isinstance(page.specific_deferred, OpenEventPage)
        or not page.specific_deferred.capacity
    ):
        return
    if not user.has_perm("events.view_eventregistration"):
        return
    yield Button(
        _("报名名单"),
        reverse("event_registrations:index") + f"?event={page.pk}",
        icon_name="group",
        priority=26,
    )
