from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "cms.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"
