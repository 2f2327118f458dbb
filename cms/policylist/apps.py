from django.apps import AppConfig

EDITOR_PERMISSIONS = (
    "add_policylistitem",
    "change_policylistitem",
    "delete_policylistitem",
    "view_policylistitem",
)


class PolicyListConfig(AppConfig):
    name = "cms.policylist"
    label = "policylist"
    verbose_name = "就业创业政策清单"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The list's last change follows removals and its policies' publication
        (signals.py), which the items' own 更新时间 does not show."""
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_unpublished, post_page_move

        from cms.policies.models import PolicyPage

        from . import signals
        from .models import PolicyListItem

        for signal, receiver, sender, uid in (
            (pre_save, signals.item_pre_save, PolicyListItem, "item-pre-save"),
            (post_save, signals.item_post_save, PolicyListItem, "item-saved"),
            (post_delete, signals.item_deleted, PolicyListItem, "item-deleted"),
            (post_save, signals.policy_saved, PolicyPage, "policy-saved"),
            (page_unpublished, signals.policy_unpublished, PolicyPage, "unpublished"),
            (post_page_move, signals.page_moved, None, "moved"),
            (post_save, signals.restriction_changed, PageViewRestriction, "vr-saved"),
            (
                post_delete,
                signals.restriction_changed,
                PageViewRestriction,
                "vr-deleted",
            ),
        ):
            signal.connect(receiver, sender=sender, dispatch_uid=f"policylist-{uid}")

    def setup_cms(self, tree) -> None:
        """Each department's editors keep the items of their own department."""
        from cms.review.records import grant_to_editors

        grant_to_editors(self.label, EDITOR_PERMISSIONS)

    def search_types(self):
        """List items are records in the public search, found by their 政策项目,
        对象范围, 申请条件 and 补贴标准; the result links to the item's policy."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import PolicyListItem
        from .selectors import list_item_paths, public_list_items

        return (
            SearchType(
                key="policy_list_item",
                label=_("就业创业政策清单"),
                description=_("就业创业政策清单中的政策项目"),
                model=PolicyListItem,
                public=lambda site: public_list_items(site),
                topics=("topics",),
                organizations=("department",),
                dates=("updated_at",),
                validity=lambda prefix: validity(prefix),
                title=lambda item: item.title,
                text=lambda item: " ".join(
                    part
                    for part in (item.scope, item.requirements, item.benefit_text)
                    if part
                ),
                urls=list_item_paths,
                title_fields=frozenset({"title"}),
            ),
        )


def validity(prefix: str):
    from cms.policies.selectors import validity_expression

    return validity_expression(f"{prefix}policy__")
