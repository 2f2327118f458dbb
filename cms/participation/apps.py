from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "cms.participation"
    label = "participation"
    verbose_name = "公众参与"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
