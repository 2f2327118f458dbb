"""The compliance dashboard and the catalog at scale, on a scratch SQLite database.

    .venv/bin/python benchmarks/compliance.py [COLUMNS] [ITEMS]

Builds the site tree, COLUMNS (default 200) extra columns with 20 published items
each, and ITEMS (default 2000) catalog items bound to them; then times measuring
every inspection indicator (the admin home panel and the daily round do this), the
catalog status of every item, and the XLSX export and re-import of the catalog.
Prints times and SQL query counts; asserts nothing.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SCRATCH = Path(tempfile.mkdtemp(prefix="compliance-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
os.environ.pop("REDIS_URL", None)
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402


def timed(label: str, function):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
    print(f"{label:<40} {elapsed * 1000:9.1f} ms  {len(queries):6d} queries")
    return result


def main() -> None:
    columns = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    call_command("migrate", verbosity=0)
    from cms.catalog.choices import BindingKind
    from cms.catalog.importing import (
        CatalogImporter,
        export_catalog_xlsx,
        read_catalog_xlsx,
    )
    from cms.catalog.models import CatalogBinding, CatalogItem
    from cms.catalog.selectors import catalog_items
    from cms.catalog.status import item_statuses
    from cms.compliance.models import ColumnKind, ColumnProfile
    from cms.compliance.registry import measure_all
    from cms.home.setup import setup_cms

    tree = setup_cms()
    today = timezone.localdate()
    kinds = [ColumnKind.NEWS, ColumnKind.NOTICE, ColumnKind.POLICY, ColumnKind.OTHER]
    pages = []
    for number in range(columns):
        column = tree.home.add_child(
            instance=Page(title=f"栏目{number}", slug=f"column-{number}")
        )
        ColumnProfile.objects.create(page=column, kind=kinds[number % len(kinds)])
        for index in range(20):
            child = column.add_child(
                instance=Page(title=f"信息{number}-{index}", slug=f"item-{index}")
            )
            day = today - datetime.timedelta(days=(number * 7 + index * 11) % 400)
            moment = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(9))
            )
            Page.objects.filter(pk=child.pk).update(
                first_published_at=moment, last_published_at=moment
            )
        pages.append(column)
    for number in range(items):
        item = CatalogItem.objects.create(
            level1=f"本局事项{number // 20}",
            level2=f"事项{number}",
            elements="要素",
            basis="依据",
            time_limit_days=20,
            subject="区人社局",
            channels=["website"],
            formed_on=today - datetime.timedelta(days=number % 60),
        )
        CatalogBinding.objects.create(
            item=item, kind=BindingKind.SECTION, page=pages[number % len(pages)]
        )
    print(f"{columns} columns × 20 items, {items} catalog items (SQLite, {SCRATCH})")
    rows = timed("measure every indicator", lambda: measure_all(today))
    for row in rows:
        print(f"    {row.indicator.key:<28} {row.state:<5} {row.measurement.display}")
    listed = list(catalog_items())
    timed("catalog status of every item", lambda: item_statuses(listed))
    data = timed("export catalog as XLSX", lambda: export_catalog_xlsx(listed))
    source = timed("read the XLSX back", lambda: read_catalog_xlsx(data))
    report = timed("re-import (nothing changes)", lambda: CatalogImporter().run(source))
    print(f"    {report.summary()}")
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
