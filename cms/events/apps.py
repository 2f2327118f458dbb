from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "cms.events"
    label = "events"
    verbose_name = "政府开放活动"
