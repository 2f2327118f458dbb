from django.apps import AppConfig


class PolicyListConfig(AppConfig):
    name = "cms.policylist"
    label = "policylist"
    verbose_name = "就业创业政策清单"
    default_auto_field = "django.db.models.BigAutoField"
