"""What the privacy checks cost a download: documents and images through the app.

    .venv/bin/python benchmarks/media.py                      # 2,000 policies
    .venv/bin/python benchmarks/media.py --policies 20000 --requests 300
    .venv/bin/python benchmarks/media.py --database-url postgres://postgres@127.0.0.1:5432/zwgk_bench_media

Builds a scratch database (a SQLite file in a temporary directory, or a PostgreSQL
database the run creates and drops) with N live policies, each with one attachment
and one inline image, a tenth of them 不予公开, plus renditions of every image; then
asks Django's test client (the whole middleware stack, no network) for a public
document, a withheld one, a public image rendition and an original, R times each.
Prints milliseconds and SQL queries per request; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.api_infra import ScratchDatabase  # noqa: E402


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#B7191F").save(buffer, "PNG")
    return buffer.getvalue()


def build(policies: int) -> dict:
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    from cms.home.site_tree import ensure_site_tree
    from cms.policies.models import Disclosure, PolicyAttachment, PolicyPage
    from cms.taxonomy.seed import seed_taxonomy

    call_command("migrate", verbosity=0)
    seed_taxonomy()
    tree = ensure_site_tree()
    Document, Image = get_document_model(), get_image_model()
    png = _png()
    made = {"public": None, "withheld": None, "image": None}
    began = time.perf_counter()
    for n in range(policies):
        withheld = n % 10 == 9
        document = Document(
            title=f"附件{n}", file=ContentFile(b"%PDF-1.4 bench", name=f"fj{n}.pdf")
        )
        document.save()
        image = Image(title=f"图{n}", file=ContentFile(png, name=f"tu{n}.png"))
        image.save()
        policy = PolicyPage(
            title=f"关于做好第{n}批就业补贴申领工作的通知",
            slug=f"p{n}",
            written_date=datetime.date(2025, 6, 1),
            publish_date=datetime.date(2025, 6, 2),
            disclosure=Disclosure.NOT_PUBLIC if withheld else Disclosure.PUBLIC,
            disclosure_basis="条例第十四条" if withheld else "",
            body=[
                (
                    "paragraph",
                    f'<p>见图</p><embed embedtype="image" id="{image.pk}"'
                    ' format="left" alt=""/>',
                )
            ],
        )
        tree.policies.add_child(instance=policy)
        PolicyAttachment.objects.create(page=policy, document=document)
        ReferenceIndex.create_or_update_for_object(policy)
        image.get_rendition("width-400")
        image.get_rendition("fill-240x160")
        if withheld and made["withheld"] is None:
            made["withheld"] = document
        if not withheld and made["public"] is None:
            made["public"], made["image"] = document, image
    made["seconds"] = time.perf_counter() - began
    return made


def measure(client, url: str, requests: int, expected: int) -> tuple[float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            timings.append(time.perf_counter() - began)
        if response.status_code != expected:
            raise SystemExit(f"{url}: {response.status_code}, expected {expected}")
        queries.append(len(captured))
    return statistics.median(timings) * 1000, statistics.mean(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--policies", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="zwgk-bench-media-"))
    database = ScratchDatabase(args.database_url, directory)
    database.create()
    os.environ.update(
        DATABASE_URL=database.url,
        SECRET_KEY="benchmark-only-secret-key-" + "x" * 40,
        MEDIA_ROOT=str(directory / "media"),
        DJANGO_SETTINGS_MODULE="cms.settings",
        ALLOWED_HOSTS="testserver",
    )
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        import logging

        # The 404s are expected; Django would log each one.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        import warnings

        warnings.filterwarnings("ignore", message="No directory at")
        settings.DEBUG = False
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "wagtail.search.backends.database",
                "AUTO_UPDATE": False,
            }
        }
        made = build(args.policies)
        from wagtail.images import get_image_model

        renditions = get_image_model().get_rendition_model().objects.count()
        print(
            f"database {database.label}: {args.policies} policies, "
            f"{renditions} renditions, built in {made['seconds']:.0f} s"
        )
        client = Client()
        image = made["image"]
        cases = [
            ("public document", made["public"].url, 200),
            ("withheld document (404)", made["withheld"].url, 404),
            ("document file by path (404)", made["public"].file.url, 404),
            ("public image rendition", image.get_rendition("width-400").url, 200),
            ("public image original", image.file.url, 200),
        ]
        print(
            f"{'request':<30}{'median ms':>11}{'queries':>9}   ({args.requests} each)"
        )
        for label, url, expected in cases:
            ms, queries = measure(client, url, args.requests, expected)
            print(f"{label:<30}{ms:>11.2f}{queries:>9.1f}")
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()


if __name__ == "__main__":
    main()
