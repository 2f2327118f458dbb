from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "cms.questions"
    label = "questions"
    verbose_name = "网上咨询"
