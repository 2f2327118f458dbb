from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "cms.taxonomy"
    label = "taxonomy"
    verbose_name = "分类与机构"

    def setup_cms(self, tree) -> None:
        from .seed import seed_taxonomy

        seed_taxonomy()
