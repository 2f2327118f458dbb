"""Keep the reference index current the moment a page goes live.

Whether a file may be downloaded is read from Wagtail's reference index (see
selectors). Wagtail updates it in a background task, which with the database task
backend (production) runs whenever the worker gets to it: until then a just
published policy's attachments would answer 404. Publishing records the page's
references in the same transaction instead.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="cms.media.index_published_references")
def index_published_references(sender, instance, **kwargs):
    if ReferenceIndex.is_indexed(type(instance)):
        ReferenceIndex.create_or_update_for_object(instance)
