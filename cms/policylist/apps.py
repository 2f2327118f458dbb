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
