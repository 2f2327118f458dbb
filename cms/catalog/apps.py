from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "cms.catalog"
    label = "catalog"
    verbose_name = "政务公开标准目录"

    def setup_cms(self, tree) -> None:
        """Seed the 就业 and 社会保险 items of the guideline and the bureau's own."""
        from .seed import seed_catalog

        seed_catalog()
