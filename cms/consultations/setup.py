"""The 征求意见 column an installation starts with, reviewed like other content, and
who may work on it: each department's editors draft and moderate their own drafts;
the office (办公室) also records decision meetings and follows up suggestions."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITOR_MODEL_PERMISSIONS = ("change_consultationcomment", "view_consultationcomment")
OFFICE_MODEL_PERMISSIONS = (
    "add_decisionmeeting",
    "change_decisionmeeting",
    "view_decisionmeeting",
    "change_representativesuggestion",
    "view_representativesuggestion",
)


def _grant(group: Group, codenames: tuple[str, ...]) -> None:
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="consultations", codename__in=codenames
        )
    )


@transaction.atomic
def grant_consultation_permissions() -> None:
    """setup_cms step: the section, its workflow and page permissions come from the
    declaration in apps.py; this grants the comment and follow-up models."""
    from cms.review.setup import editor_group_name
    from cms.taxonomy.seed import DRAFTING_DEPARTMENTS

    for department in DRAFTING_DEPARTMENTS:
        group = Group.objects.filter(name=editor_group_name(department)).first()
        if group is None:
            continue
        _grant(group, EDITOR_MODEL_PERMISSIONS)
        if department == "办公室":
            _grant(group, OFFICE_MODEL_PERMISSIONS)
