from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "cms.consultations"
    label = "consultations"
    verbose_name = "征求意见与重大行政决策"
