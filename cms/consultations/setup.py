"""The 征求意见 column an installation starts with, reviewed like other content, and
who may work on it: each department's editors draft and moderate their own drafts;
the office (办公室) also records decision meetings and follows up suggestions."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from cms.home.models import HomePage

from .models import ConsultationIndexPage

SECTION_TITLE = "公众参与"
SECTION_SLUG = "canyu"
SECTION_INTRO = (
    "政策文件和重大行政决策草案公开征求意见，公布意见采纳情况和重大行政决策事项目录。"
)
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
def ensure_consultation_section(home: HomePage) -> ConsultationIndexPage:
    """The column under ``home`` (created once), under the general review workflow."""
    from cms.review.setup import GENERAL_WORKFLOW, editor_group_name
    from cms.taxonomy.seed import DRAFTING_DEPARTMENTS

    section = ConsultationIndexPage.objects.child_of(home).first()
    if section is None:
        section = ConsultationIndexPage(
            title=SECTION_TITLE, slug=SECTION_SLUG, intro=SECTION_INTRO
        )
        home.add_child(instance=section)
        section.save_revision().publish()
    workflow = Workflow.objects.filter(name=GENERAL_WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(
            page=section, defaults={"workflow": workflow}
        )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"]
    )
    for department in DRAFTING_DEPARTMENTS:
        group = Group.objects.filter(name=editor_group_name(department)).first()
        if group is None:
            continue
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
        _grant(group, EDITOR_MODEL_PERMISSIONS)
        if department == "办公室":
            _grant(group, OFFICE_MODEL_PERMISSIONS)
    return section
