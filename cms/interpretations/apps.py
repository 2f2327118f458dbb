from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class InterpretationsConfig(AppConfig):
    name = "cms.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"

    site_section = SiteSection(
        key="interpretations",
        model="interpretations.InterpretationIndexPage",
        title="政策解读",
        slug="jiedu",
        intro="简明问答、图示图解、视频动画和直播，读懂人社政策。",
        review=Review.POLICY,
        editors=Editors.DRAFTING,
    )

    def ready(self) -> None:
        from wagtail.signals import page_published

        from .sync import publish_interpretations_with_policy

        page_published.connect(
            publish_interpretations_with_policy,
            dispatch_uid="cms.interpretations.copublish",
        )

    def search_types(self):
        """What of this domain the public search finds (search/registry.py)."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import InterpretationPage

        return (
            SearchType(
                key="interpretation",
                label=_("政策解读"),
                model=InterpretationPage,
                dates=("publish_date", "first_published_at"),
            ),
        )
