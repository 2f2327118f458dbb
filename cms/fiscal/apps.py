from django.apps import AppConfig

EDITOR_PERMISSIONS = (
    "add_fiscaldisclosure",
    "change_fiscaldisclosure",
    "delete_fiscaldisclosure",
    "view_fiscaldisclosure",
)


class FiscalConfig(AppConfig):
    name = "cms.fiscal"
    label = "fiscal"
    verbose_name = "财政信息"
    default_auto_field = "django.db.models.BigAutoField"

    def setup_cms(self, tree) -> None:
        """Each department's editors keep the fiscal disclosures of their department."""
        from cms.review.records import grant_to_editors

        grant_to_editors(self.label, EDITOR_PERMISSIONS)
