from django.db import migrations, models


def fill_due_dates(apps, schema_editor):
    """The stored 公开期限 of existing standards, from the working-day calendar."""
    from cms.workdays.calendar import add_working_days

    BenefitStandard = apps.get_model("benefits", "BenefitStandard")
    for standard in BenefitStandard.objects.all():
        result = add_working_days(standard.decision_date, 20)
        standard.due_date = result.date
        standard.due_date_provisional = result.provisional
        standard.save(update_fields=["due_date", "due_date_provisional"])


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0001_initial"),
        ("workdays", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="benefitstandard",
            name="due_date",
            field=models.DateField(editable=False, null=True, verbose_name="公开期限"),
        ),
        migrations.AddField(
            model_name="benefitstandard",
            name="due_date_provisional",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="期限所在年份的节假日安排尚未公布，暂按周一至周五计",
                verbose_name="公开期限待定",
            ),
        ),
        migrations.RunPython(fill_due_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="benefitstandard",
            name="due_date",
            field=models.DateField(editable=False, verbose_name="公开期限"),
        ),
    ]
