from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "cms.linkcheck"
    label = "linkcheck"
    verbose_name = "链接检查"
    default_auto_field = "django.db.models.BigAutoField"

    def compliance_indicators(self):
        from .indicators import BrokenLinks

        return (BrokenLinks(),)

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import signals

        page_published.connect(signals.page_published, dispatch_uid="linkcheck-pub")
        page_unpublished.connect(
            signals.page_unpublished, dispatch_uid="linkcheck-unpub"
        )
