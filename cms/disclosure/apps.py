from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "cms.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from cms.workdays.models import CalendarOverride, CalendarYear

        from .records import calendar_changed

        # A holiday entered in the admin moves the due dates of open applications.
        for model in (CalendarOverride, CalendarYear):
            uid = f"disclosure-clock-{model.__name__}"
            post_save.connect(calendar_changed, sender=model, dispatch_uid=f"{uid}-s")
            post_delete.connect(calendar_changed, sender=model, dispatch_uid=f"{uid}-d")
