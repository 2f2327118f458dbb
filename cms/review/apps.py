from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cms.review"
    label = "review"
    verbose_name = "审查与发布"

    def setup_cms(self, tree) -> None:
        from .setup import ensure_review_setup

        ensure_review_setup(tree)
