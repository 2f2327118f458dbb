from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    name = "cms.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"
