from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "cms.benefits"
    label = "benefits"
    verbose_name = "待遇标准调整"
    default_auto_field = "django.db.models.BigAutoField"
