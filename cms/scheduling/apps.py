from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "cms.scheduling"
    label = "scheduling"
    verbose_name = "定时任务"
