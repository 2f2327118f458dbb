"""Groups, permissions and the review workflows an installation starts with."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.home.sections import Editors, Review
from cms.home.site_tree import SiteTree
from cms.taxonomy.models import Organization
from cms.taxonomy.seed import DRAFTING_DEPARTMENTS

from .models import ReviewKind, ReviewTask

REVIEWER_GROUPS = {
    ReviewKind.SECRECY: "审查组-保密审查",
    ReviewKind.DISCLOSURE: "审查组-公开属性审查",
    ReviewKind.LEGAL: "审查组-法制审核",
}
POLICY_WORKFLOW = "政策文件与解读审查流程"
GENERAL_WORKFLOW = "政务信息审查流程"


def editor_group_name(department: str) -> str:
    return f"编辑-{department}"


def _group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def _task(kind: str, group: Group, *, normative_only: bool = False) -> ReviewTask:
    name = ReviewKind(kind).label
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(
            name=name, kind=kind, normative_only=normative_only
        )
    task.groups.add(group)
    return task


def _workflow(name: str, tasks: list[ReviewTask], pages) -> Workflow:
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    for page in pages:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
    return workflow


SEARCH_PERMISSIONS = (
    "add_dictionaryterm",
    "change_dictionaryterm",
    "delete_dictionaryterm",
    "view_dictionaryterm",
    "add_synonymgroup",
    "change_synonymgroup",
    "delete_synonymgroup",
    "view_synonymgroup",
    "view_searchquerylog",
)


@transaction.atomic
def ensure_review_setup(tree: SiteTree) -> None:
    reviewers = {kind: _group(name) for kind, name in REVIEWER_GROUPS.items()}
    secrecy = _task(ReviewKind.SECRECY, reviewers[ReviewKind.SECRECY])
    disclosure = _task(ReviewKind.DISCLOSURE, reviewers[ReviewKind.DISCLOSURE])
    legal = _task(ReviewKind.LEGAL, reviewers[ReviewKind.LEGAL], normative_only=True)
    # Each section declares its workflow and its editors (cms.home.sections).
    _workflow(
        POLICY_WORKFLOW,
        [secrecy, disclosure, legal],
        tree.pages_for(review=Review.POLICY),
    )
    _workflow(
        GENERAL_WORKFLOW, [secrecy, disclosure], tree.pages_for(review=Review.GENERAL)
    )
    add_change = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=["add_page", "change_page"],
        )
    )

    root_collection = Collection.get_first_root_node()
    media_perms = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=["add_image", "choose_image", "add_document", "choose_document"],
    )
    # Reviewers read a draft's attachments and images, which the public may not
    # download (cms.media.selectors): "choose" lets them, and changes nothing.
    review_perms = media_perms.filter(codename__startswith="choose_")
    for group in reviewers.values():
        for permission in review_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    for department in DRAFTING_DEPARTMENTS:
        organization = Organization.objects.filter(name=department).first()
        if organization is None:
            continue
        group = _group(editor_group_name(department))
        organization.editor_groups.add(group)
        pages = tree.pages_for(editors=Editors.DRAFTING)
        if department == "办公室":
            pages += tree.pages_for(editors=Editors.OFFICE)
        for page in pages:
            for permission in add_change:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
        for permission in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        if department == "办公室":
            # The office runs the portal's search: dictionary, synonyms, reports.
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="cms_search",
                    codename__in=SEARCH_PERMISSIONS,
                )
            )
