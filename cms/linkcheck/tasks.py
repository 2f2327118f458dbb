"""Background work of link inspection, run by the task worker."""

from __future__ import annotations

from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend


@task()
def check_link_batch(link_ids: list[int], force: bool = False) -> dict[str, int]:
    """Check one batch of links (bounded concurrency inside)."""
    from .services import check_batch

    run = check_batch(link_ids, force=force)
    return {"checked": run.checked, "reused": run.reused, **run.counts}


@task()
def inspect_page_links(page_id: int, force: bool = False) -> dict[str, int]:
    """Record and check one page's links (after publish, 重新检查)."""
    from wagtail.models import Page

    from .services import inspect_page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return {"checked": 0}
    run = inspect_page(page, force=force)
    return {"checked": run.checked, "reused": run.reused, **run.counts}


@task()
def nightly_link_inspection() -> dict[str, int]:
    """Every public page's links, in batches of LINKCHECK_BATCH_SIZE: each batch is
    its own task on the database backend, so workers share the run."""
    from .services import inspect_all

    inline = isinstance(check_link_batch.get_backend(), ImmediateBackend)
    return inspect_all(enqueue=None if inline else check_link_batch.enqueue)
