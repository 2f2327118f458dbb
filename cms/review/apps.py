from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cms.review"
    label = "review"
    verbose_name = "审查与发布"

    def ready(self) -> None:
        from . import signals  # noqa: F401
