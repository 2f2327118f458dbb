"""Stop storing 查询码 in plain text.

New questions derive their code from the tracking number and a salt (see
cms.participation.codes). Codes already handed out keep working: each is replaced by
a keyed digest ("digest:<hex>") that can check a typed code but not reveal it.
"""

from django.db import migrations, models

from cms.participation import codes

LEGACY_PURPOSE = "cms.questions.legacy_query_code"


def digest_existing_codes(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    for question in Question.objects.only("pk", "query_code").iterator():
        digest = codes.code_digest(purpose=LEGACY_PURPOSE, code=question.query_code)
        Question.objects.filter(pk=question.pk).update(
            query_code_salt=f"digest:{digest}"
        )


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="query_code_salt",
            field=models.CharField(default="", editable=False, max_length=80),
            preserve_default=False,
        ),
        # Not reversible: the plain codes are gone once digested (0003).
        migrations.RunPython(digest_existing_codes, migrations.RunPython.noop),
    ]
