"""Registrations for open activities (政府开放活动报名): confirmed, waitlisted, cancelled."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.participation.validators import validate_phone


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("报名成功")
    WAITLISTED = "waitlisted", _("候补")
    CANCELLED = "cancelled", _("已取消")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class EventRegistration(models.Model):
    """One registration for an open activity, for ``people_count`` people."""

    event = models.ForeignKey(
        "events.OpenEventPage",
        verbose_name=_("活动"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    code = models.CharField(_("报名码"), max_length=12, unique=True, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    # Normalized (digits and the landline dash): duplicates compare equal.
    phone = models.CharField(_("手机号码"), max_length=20, validators=[validate_phone])
    people_count = models.PositiveSmallIntegerField(_("人数"), default=1)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    idempotency_key = models.CharField(
        _("幂等键"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["created_at", "pk"]
        permissions = [
            ("export_personal_data", _("可导出报名人完整手机号码")),
        ]
        constraints = [
            # The database's own guard against the same phone twice per event.
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=~models.Q(status="cancelled"),
                name="event_registration_unique_active_phone",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="event_registration_unique_idempotency_key",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} {self.get_status_display()}"


def people_with_status(status: str):
    """Per-event sum of people in ``status``, as an expression to annotate events."""
    totals = (
        EventRegistration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(total=Sum("people_count"))
        .values("total")
    )
    return Coalesce(Subquery(totals), Value(0))
