from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class PoliciesConfig(AppConfig):
    name = "cms.policies"
    label = "policies"
    verbose_name = "政策文件"

    site_section = SiteSection(
        key="policies",
        model="policies.PolicyIndexPage",
        title="政策文件库",
        slug="zhengce",
        intro="本局及上级机关发布的政策文件，按主题、机构、有效性查阅。",
        review=Review.POLICY,
        editors=Editors.DRAFTING,
    )

    def search_types(self):
        """What of this domain the public search finds (search/registry.py)."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import PolicyPage
        from .selectors import validity_expression

        return (
            SearchType(
                key="policy",
                label=_("政策文件"),
                model=PolicyPage,
                topics=("topics",),
                organizations=("issuers__organization",),
                dates=("publish_date", "first_published_at"),
                validity=validity_expression,
            ),
        )
