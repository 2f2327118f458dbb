"""The blocks of an integrated release (cms/releases/blocks.py) as GraphQL types.

A section lists references: policies, interpretations, service items and FAQs. Each
is registered while the body is built and loaded, with every other reference of its
kind in the request, by the first field that asks for one (api/content/loaders.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

import strawberry
from django.db.models import QuerySet
from wagtail.blocks import StreamValue
from wagtail.models import Site

from api.content.blocks import RICH_TEXT_VALUE, block_id, render_body, stream_blocks
from api.content.channel import Channel
from api.content.context import ContentContext
from api.content.rich_text import RichTextValue
from api.context import Info
from api.policies.types import PolicyPageType
from api.taxonomy.types import ServiceItemType
from cms.interpretations.selectors import public_interpretations
from cms.policies.selectors import public_policies
from cms.releases.models import FAQ
from cms.taxonomy.models import ServiceItem

if TYPE_CHECKING:
    from api.interpretations.types import InterpretationPageType
    from api.releases.types import FAQType


# Snippets belong to no site and have no draft state: all of them may be shown.
def all_service_items(*, site: Site | None) -> QuerySet:
    return ServiceItem.objects.all()


def all_faqs(*, site: Site | None) -> QuerySet:
    return FAQ.objects.all()


def _pk(value: Any) -> int | None:
    return getattr(value, "pk", None)


@strawberry.type(name="PolicyReferenceBlock", description="分组中的政策文件")
class PolicyReferenceBlockType:
    id: strawberry.ID
    note: str = strawberry.field(description="要点说明")
    policy_id: strawberry.Private[int | None]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_block(
        cls, block: Any, context: ContentContext
    ) -> PolicyReferenceBlockType:
        policy_id = _pk(block.value.get("policy"))
        context.references.register(public_policies, policy_id)
        return cls(
            id=block_id(block),
            note=block.value.get("note") or "",
            policy_id=policy_id,
            context=context,
        )

    @strawberry.field(
        description="政策文件（含其当前有效性）；未发布或非主动公开时为 null"
    )
    def policy(self, info: Info) -> PolicyPageType | None:
        return self.context.references.get(public_policies, self.policy_id, info)


@strawberry.type(name="InterpretationReferenceBlock", description="分组中的政策解读")
class InterpretationReferenceBlockType:
    id: strawberry.ID
    interpretation_id: strawberry.Private[int | None]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_block(
        cls, block: Any, context: ContentContext
    ) -> InterpretationReferenceBlockType:
        interpretation_id = _pk(block.value.get("interpretation"))
        context.references.register(public_interpretations, interpretation_id)
        return cls(
            id=block_id(block), interpretation_id=interpretation_id, context=context
        )

    @strawberry.field(description="政策解读；未发布时为 null")
    def interpretation(
        self, info: Info
    ) -> (
        Annotated[InterpretationPageType, strawberry.lazy("api.interpretations.types")]
        | None
    ):
        return self.context.references.get(
            public_interpretations, self.interpretation_id, info
        )


@strawberry.type(name="ServiceItemReferenceBlock", description="分组中的办事事项")
class ServiceItemReferenceBlockType:
    id: strawberry.ID
    service_item_id: strawberry.Private[int | None]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_block(
        cls, block: Any, context: ContentContext
    ) -> ServiceItemReferenceBlockType:
        service_item_id = _pk(block.value.get("service_item"))
        context.references.register(all_service_items, service_item_id)
        return cls(id=block_id(block), service_item_id=service_item_id, context=context)

    @strawberry.field(description="一网通办事项；已删除时为 null")
    def service_item(self, info: Info) -> ServiceItemType | None:
        return self.context.references.get(
            all_service_items, self.service_item_id, info
        )


@strawberry.type(name="FAQReferenceBlock", description="分组中的常见问题")
class FAQReferenceBlockType:
    id: strawberry.ID
    question: str = strawberry.field(description="问题")
    faq_id: strawberry.Private[int | None]
    answer_value: strawberry.Private[RichTextValue]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> FAQReferenceBlockType:
        faq = block.value.get("faq")
        context.references.register(all_faqs, _pk(faq))
        return cls(
            id=block_id(block),
            question=faq.question if faq else "",
            faq_id=_pk(faq),
            answer_value=RichTextValue.of(faq.answer if faq else "", context),
            context=context,
        )

    @strawberry.field(description="解答，" + RICH_TEXT_VALUE)
    def answer(self) -> str:
        return self.answer_value.render()

    @strawberry.field(description="常见问题（主题、答复科室等）；已删除时为 null")
    def faq(
        self, info: Info
    ) -> Annotated[FAQType, strawberry.lazy("api.releases.types")] | None:
        return self.context.references.get(all_faqs, self.faq_id, info)


# The union of a section's items, by the block names of SectionItemBlock.
SECTION_ITEM_BLOCKS = {
    "policy": PolicyReferenceBlockType,
    "interpretation": InterpretationReferenceBlockType,
    "service_item": ServiceItemReferenceBlockType,
    "faq": FAQReferenceBlockType,
}
ReleaseSectionItem = Annotated[
    Union[  # noqa: UP007 - strawberry needs the Union object of the explicit tuple
        tuple(SECTION_ITEM_BLOCKS.values())
    ],
    strawberry.union("ReleaseSectionItem", description="分组中的一项"),
]


@strawberry.type(name="ReleaseSectionBlock", description="集成式发布的分组")
class ReleaseSectionBlockType:
    id: strawberry.ID
    title: str
    intro: str = strawberry.field(description="分组说明")
    items: list[ReleaseSectionItem]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> ReleaseSectionBlockType:
        value = block.value
        return cls(
            id=block_id(block),
            title=value.get("title") or "",
            intro=value.get("intro") or "",
            items=stream_blocks(value.get("items"), SECTION_ITEM_BLOCKS, context),
        )


# The union of the body's blocks, by the block names of ReleaseBodyBlock.
RELEASE_BODY_BLOCKS = {"section": ReleaseSectionBlockType}
ReleaseBodyBlock = Annotated[
    Union[  # noqa: UP007 - strawberry needs the Union object of the explicit tuple
        tuple(RELEASE_BODY_BLOCKS.values())
    ],
    strawberry.union("ReleaseBodyBlock", description="集成式发布的内容块"),
]


def release_body(
    body: StreamValue | None, info: Info, channel: Channel | None
) -> list[ReleaseBodyBlock]:
    return render_body(body, info, channel, RELEASE_BODY_BLOCKS)
