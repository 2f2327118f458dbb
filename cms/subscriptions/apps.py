from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "cms.subscriptions"
    label = "subscriptions"
    verbose_name = "政策订阅与推送"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import checks  # noqa: F401 - registers the system checks
        from .changes import on_page_published

        page_published.connect(
            on_page_published, dispatch_uid="cms.subscriptions.changes"
        )
