from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class EventsConfig(AppConfig):
    name = "cms.events"
    label = "events"
    verbose_name = "政府开放活动"

    site_section = SiteSection(
        key="events",
        model="events.EventIndexPage",
        title="政府开放",
        slug="kaifang",
        intro="政府开放月等开放活动的安排与报名。",
        review=Review.GENERAL,
        editors=Editors.OFFICE,
    )

    def search_types(self):
        """What of this domain the public search finds (search/registry.py)."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import OpenEventPage

        return (
            SearchType(
                key="event",
                label=_("政府开放活动"),
                model=OpenEventPage,
                dates=("first_published_at",),
            ),
        )
