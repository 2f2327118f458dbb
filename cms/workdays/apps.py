from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "cms.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import CalendarOverride, CalendarYear
        from .signals import calendar_changed

        for model in (CalendarOverride, CalendarYear):
            post_save.connect(calendar_changed, sender=model, dispatch_uid=f"{model}-s")
            post_delete.connect(
                calendar_changed, sender=model, dispatch_uid=f"{model}-d"
            )
