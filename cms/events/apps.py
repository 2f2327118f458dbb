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
