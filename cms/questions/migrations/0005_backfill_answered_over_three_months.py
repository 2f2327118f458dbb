"""Record, for questions answered before the field existed, whether the answer came
more than three months after the question (the rule of cms/questions/deadlines.py,
copied here so later changes to the app do not change this migration)."""

import calendar
import datetime

from django.db import migrations
from django.utils import timezone


def _last_day(received: datetime.date) -> datetime.date:
    # 《民法典》第二百零二条: the same-numbered day three months on, else the month end.
    index = received.year * 12 + received.month - 1 + 3
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(received.day, last))


def backfill(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    late = [
        pk
        for pk, submitted_at, answered_at in Question.objects.filter(
            answered_at__isnull=False
        ).values_list("pk", "submitted_at", "answered_at")
        if timezone.localdate(answered_at) > _last_day(timezone.localdate(submitted_at))
    ]
    Question.objects.filter(answered_at__isnull=False).update(
        answered_over_three_months=False
    )
    for start in range(0, len(late), 500):
        Question.objects.filter(pk__in=late[start : start + 500]).update(
            answered_over_three_months=True
        )


class Migration(migrations.Migration):
    dependencies = [("questions", "0004_question_answered_over_three_months")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
