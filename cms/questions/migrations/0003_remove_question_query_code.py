"""The plain 查询码 column, digested by 0002; a separate step so that PostgreSQL
never alters the table in the transaction that rewrote its rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("questions", "0002_query_code_not_stored")]

    operations = [migrations.RemoveField(model_name="question", name="query_code")]
