"""Ship the bureau's synonym groups as editable rows (社保 = 社会保险 ...)."""

from pathlib import Path

from django.db import migrations

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("cms_search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    for raw in SEED_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            SynonymGroup.objects.create(terms=line, note="预置")


def unseed(apps, schema_editor):
    apps.get_model("cms_search", "SynonymGroup").objects.filter(note="预置").delete()


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
