"""A policy's attachments (PolicyAttachment rows) as GraphQL types."""

from __future__ import annotations

import strawberry
from django.db.models import Prefetch

from api.content.channel import Channel
from api.content.context import content_context
from api.content.documents import DocumentType
from api.context import Info
from cms.policies.models import PolicyAttachment, PolicyPage

# The optimizer hint for lists: attachments and their documents in two queries.
ATTACHMENTS_PREFETCH = Prefetch(
    "attachments",
    queryset=PolicyAttachment.objects.select_related("document").order_by(
        "sort_order", "pk"
    ),
)


@strawberry.type(name="PolicyAttachment", description="政策附件")
class PolicyAttachmentType:
    id: strawberry.ID
    title: str = strawberry.field(description="显示名称：未填写时为文件标题")
    document: DocumentType


def policy_attachments(policy: PolicyPage, info: Info) -> list[PolicyAttachmentType]:
    """The attachments the public may download, in the editor's order."""
    if "attachments" in getattr(policy, "_prefetched_objects_cache", {}):
        rows = policy.attachments.all()
    else:
        rows = policy.attachments.select_related("document").order_by("sort_order")
    # Documents look the same in every channel; WEB spares the site-setting lookup.
    context = content_context(info, Channel.WEB)
    attachments = []
    for row in rows:
        document = DocumentType.from_document(row.document, context)
        if document is not None:
            attachments.append(
                PolicyAttachmentType(
                    id=strawberry.ID(str(row.pk)),
                    title=row.title or document.title,
                    document=document,
                )
            )
    return attachments
