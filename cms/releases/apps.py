from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class ReleasesConfig(AppConfig):
    name = "cms.releases"
    label = "releases"
    verbose_name = "集成式发布"

    site_section = SiteSection(
        key="releases",
        model="releases.ReleaseIndexPage",
        title="集成式发布",
        slug="jicheng",
        intro="跨层级、跨部门的一站式政策集成发布。",
        review=Review.GENERAL,
        editors=Editors.OFFICE,
    )

    def search_types(self):
        """What of this domain the public search finds (search/registry.py)."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import IntegratedReleasePage

        return (
            SearchType(
                key="release",
                label=_("集成式发布"),
                model=IntegratedReleasePage,
                topics=("topics",),
                dates=("first_published_at",),
            ),
        )
