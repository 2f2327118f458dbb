"""Who works on 双公示 decisions: the editors of each department that makes them
(a group per 科室, created by the review app's set-up), each on their own
department's decisions (wagtail_hooks.py narrows the listing)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

# The departments whose decisions are published (许可: 劳务派遣、民办职业培训学校、
# 人力资源服务; 处罚: 劳动保障监察 through 劳动关系科).
CREDIT_DEPARTMENTS = ("办公室", "劳动关系科", "就业促进科", "职业能力建设科")
EDITOR_PERMISSIONS = (
    "add_creditdecision",
    "change_creditdecision",
    "view_creditdecision",
)


@transaction.atomic
def grant_credit_permissions() -> None:
    from cms.review.setup import editor_group_name

    permissions = list(
        Permission.objects.filter(
            content_type__app_label="credit", codename__in=EDITOR_PERMISSIONS
        )
    )
    for department in CREDIT_DEPARTMENTS:
        group = Group.objects.filter(name=editor_group_name(department)).first()
        if group is not None:
            group.permissions.add(*permissions)
