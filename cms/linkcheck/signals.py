"""Keep the record of published links in step with publishing."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)


def page_published(sender, instance, **kwargs):
    transaction.on_commit(partial(_after_publish, instance.pk), robust=True)


def page_unpublished(sender, instance, **kwargs):
    from .models import PageLink

    PageLink.objects.filter(page_id=instance.pk).delete()


def _after_publish(page_id: int) -> None:
    """Record the links and check our own pages and files at once (database only);
    external links wait for the worker, or for the nightly run and 重新检查 when the
    tasks run in-process: a publish request never waits for other sites."""
    from wagtail.models import Page

    from .models import Link, LinkKind
    from .services import check_batch, record_page_links
    from .tasks import inspect_page_links

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    links = record_page_links(page)
    internal = [
        link.pk for link in links if link.kind in (LinkKind.PAGE, LinkKind.DOCUMENT)
    ]
    if internal:
        check_batch(Link.objects.filter(pk__in=internal).values_list("pk", flat=True))
    if not isinstance(inspect_page_links.get_backend(), ImmediateBackend):
        inspect_page_links.enqueue(page_id)
