from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "cms.releases"
    label = "releases"
    verbose_name = "集成式发布"
