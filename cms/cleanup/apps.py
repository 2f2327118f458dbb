from django.apps import AppConfig


class CleanupConfig(AppConfig):
    name = "cms.cleanup"
    label = "cleanup"
    verbose_name = "定期清理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core.selectors import register_unlisted

        from .archive import archived_page_ids

        register_unlisted(archived_page_ids)
