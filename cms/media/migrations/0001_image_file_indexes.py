"""Index the stored names of images and renditions.

The media route (cms.media.views) finds the image behind every requested file by
its stored name; Wagtail does not index those columns, so without these every
image request would scan the renditions table.
"""

from django.db import migrations

INDEXES = (
    ("cms_media_image_file", "wagtailimages_image"),
    ("cms_media_rendition_file", "wagtailimages_rendition"),
)


class Migration(migrations.Migration):
    dependencies = [("wagtailimages", "0027_image_description")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} (file)",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table in INDEXES
    ]
