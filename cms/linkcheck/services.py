"""Link inspection: record the links of published pages, check them, judge repeated
failures, route broken links to the owning 科室 and keep four weeks of history."""

from __future__ import annotations

import datetime
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from cms.core.selectors import public_pages

from . import conf
from .extract import FoundLink, links_of
from .internal import check_internal
from .models import Link, LinkCheck, LinkKind, LinkStatus, Outcome, PageLink, link_key
from .probe import Probe, pool, probe

# Nightly runs start a few seconds apart from night to night: a failure seen again
# on the next night counts as repeated over 24 hours.
CONFIRM_TOLERANCE = datetime.timedelta(hours=1)
NETWORK_KINDS = (LinkKind.EXTERNAL, LinkKind.SERVICE)


@dataclass
class RunResult:
    checked: int = 0
    reused: int = 0
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    newly_broken: list[int] = field(default_factory=list)


# --- which links ------------------------------------------------------------------
def department_of(page: Page):
    return getattr(page, "department_id", None)


def _links_for(found: list[FoundLink]) -> dict[str, Link]:
    """The Link rows for ``found``, created when new (one query each way)."""
    wanted: dict[str, FoundLink] = {}
    for item in found:
        wanted.setdefault(link_key(item.kind, item.identity), item)
    existing = {link.key: link for link in Link.objects.filter(key__in=wanted)}
    new = [
        Link(
            key=key,
            kind=item.kind,
            url=item.url,
            target_id=item.target_id,
            service_item_id=item.service_item_id,
        )
        for key, item in wanted.items()
        if key not in existing
    ]
    Link.objects.bulk_create(new, ignore_conflicts=True)
    moved = []
    for key, link in existing.items():
        item = wanted[key]
        # A service item's address or a path's page may change under the same key.
        if (link.url, link.target_id) != (item.url, item.target_id):
            link.url, link.target_id = item.url, item.target_id
            link.checked_at = None
            moved.append(link)
    if moved:
        Link.objects.bulk_update(moved, ["url", "target_id", "checked_at"])
    return {link.key: link for link in Link.objects.filter(key__in=wanted)}


def record_page_links(page: Page) -> list[Link]:
    """Store where ``page``'s published links are; a page the public cannot see has
    none (its links are nobody's problem until it goes live)."""
    page = page.specific
    if not public_pages().filter(pk=page.pk).exists():
        PageLink.objects.filter(page_id=page.pk).delete()
        return []
    found = links_of(page)
    links = _links_for(found)
    department = department_of(page)
    uses = {
        (links[link_key(item.kind, item.identity)].pk, item.source): item
        for item in found
    }
    with transaction.atomic():
        current = {
            (use.link_id, use.source): use
            for use in PageLink.objects.filter(page_id=page.pk)
        }
        stale = [use.pk for key, use in current.items() if key not in uses]
        PageLink.objects.filter(pk__in=stale).delete()
        PageLink.objects.bulk_create(
            [
                PageLink(
                    page_id=page.pk,
                    link_id=link_id,
                    source=source[:100],
                    text=item.text,
                    department_id=department,
                )
                for (link_id, source), item in uses.items()
                if (link_id, source) not in current
            ]
        )
        PageLink.objects.filter(page_id=page.pk).exclude(
            department_id=department
        ).update(department_id=department)
    return list(links.values())


def record_all_public_pages() -> int:
    """Refresh the occurrences of every public page; forget the others'."""
    public_ids = set(public_pages().values_list("pk", flat=True))
    PageLink.objects.exclude(page_id__in=public_ids).delete()
    for page in Page.objects.filter(pk__in=public_ids).specific().iterator(500):
        record_page_links(page)
    # Links no public page uses any more are not inspected.
    Link.objects.filter(uses__isnull=True).delete()
    return len(public_ids)


# --- checking ---------------------------------------------------------------------
def _expect(link: Link) -> tuple[str, ...]:
    item = link.service_item
    if item is None:
        return ()
    return tuple(value for value in (item.code, item.name) if value)


def check_links(
    links, *, force: bool = False, now: datetime.datetime | None = None
) -> RunResult:
    """Check ``links`` (a batch): fresh results (younger than 4 h) are reused unless
    ``force``; network checks run concurrently, the database is written here."""
    now = now or timezone.now()
    run = RunResult()
    fresh_after = now - conf.reuse_age()
    due = []
    for link in links:
        if not force and link.checked_at and link.checked_at > fresh_after:
            run.reused += 1
            run.counts[link.status] += 1
        else:
            due.append(link)
    network = [link for link in due if link.kind in NETWORK_KINDS]
    results: dict[int, Probe] = {
        link.pk: check_internal(link) for link in due if link.kind not in NETWORK_KINDS
    }
    if network:
        concurrency = int(conf.value("LINKCHECK_CONCURRENCY"))
        http = pool(concurrency)
        expects = {link.pk: _expect(link) for link in network}
        with ThreadPoolExecutor(max_workers=concurrency) as executor:
            probes = executor.map(
                lambda link: probe(http, link.url, expect=expects[link.pk]), network
            )
            results.update(zip((link.pk for link in network), probes, strict=True))
        http.clear()
    history = []
    for link in due:
        was = link.status
        judge(link, results[link.pk], now=now)
        run.checked += 1
        run.counts[link.status] += 1
        if link.status == LinkStatus.BROKEN and was != LinkStatus.BROKEN:
            run.newly_broken.append(link.pk)
        history.append(
            LinkCheck(
                link=link,
                checked_at=now,
                outcome=results[link.pk].outcome,
                status=link.status,
                http_status=results[link.pk].http_status,
                redirects=results[link.pk].redirects,
                elapsed_ms=results[link.pk].elapsed_ms,
                summary=results[link.pk].summary[:300],
            )
        )
    with transaction.atomic():
        _save_results(due)
        LinkCheck.objects.bulk_create(history, batch_size=500)
    return run


RESULT_FIELDS = (
    "status",
    "summary",
    "suggestion",
    "http_status",
    "redirects",
    "elapsed_ms",
    "final_url",
    "checked_at",
    "failing_since",
    "failures",
    "routed_at",
)


def _save_results(links: list[Link]) -> None:
    """One parameterised UPDATE per link, sent together (``executemany``):
    ``bulk_update`` builds a CASE per field and row, which costs seconds a batch."""
    if not links:
        return
    meta = Link._meta
    fields = [meta.get_field(name) for name in RESULT_FIELDS]
    quote = connection.ops.quote_name
    # Names from the model's own meta, quoted; every value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(meta.pk.column),
    )
    rows = [
        [
            field.get_db_prep_save(getattr(link, field.attname), connection)
            for field in fields
        ]
        + [link.pk]
        for link in links
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def judge(link: Link, result: Probe, *, now: datetime.datetime) -> None:
    """Apply one check to ``link``: a network failure is 疑似 (caution) until it has
    repeated over 24 hours; what the database says about our own pages is final."""
    link.http_status = result.http_status
    link.redirects = result.redirects
    link.elapsed_ms = result.elapsed_ms
    link.final_url = result.final_url[:2000]
    link.checked_at = now
    link.suggestion = result.suggestion[:300]
    if result.outcome != Outcome.FAILURE:
        link.status = LinkStatus(result.outcome)
        link.summary = result.summary[:300]
        link.failures = 0
        link.failing_since = None
        link.routed_at = None
        return
    link.failures += 1
    if link.failing_since is None:
        link.failing_since = now
    confirmed = link.kind not in NETWORK_KINDS or (
        link.failures >= 2
        and now - link.failing_since >= conf.confirm_span() - CONFIRM_TOLERANCE
    )
    if confirmed:
        link.status = LinkStatus.BROKEN
        link.summary = result.summary[:300]
    else:
        link.status = LinkStatus.CAUTION
        since = timezone.localtime(link.failing_since).strftime("%Y-%m-%d %H:%M")
        link.summary = (
            f"疑似断链：{result.summary}（{since} 起失败 {link.failures} 次，"
            "24 小时后仍失败即判定为断链）"
        )[:300]


# --- routing ----------------------------------------------------------------------
def department_recipients(department_id: int | None) -> list[str]:
    """Editors of the 科室 with an e-mail; the link inspectors when there are none."""
    from django.contrib.auth import get_user_model

    from cms.participation.notifications import staff_emails

    if department_id is not None:
        emails = sorted(
            set(
                get_user_model()
                .objects.filter(is_active=True, groups__departments__pk=department_id)
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )
        if emails:
            return emails
    return staff_emails("linkcheck.change_link")


def route_broken(link_ids, *, now: datetime.datetime | None = None) -> int:
    """Tell each owning 科室, once, about its pages' links that became broken."""
    from django.urls import reverse

    from cms.participation.notifications import notify_staff
    from cms.taxonomy.models import Organization

    now = now or timezone.now()
    uses = (
        PageLink.objects.filter(
            link_id__in=list(link_ids),
            link__status=LinkStatus.BROKEN,
            link__routed_at__isnull=True,
        )
        .select_related("link", "page")
        .order_by("department_id", "page_id", "pk")
    )
    by_department: dict[int | None, list[PageLink]] = defaultdict(list)
    for use in uses:
        by_department[use.department_id].append(use)
    names = dict(
        Organization.objects.filter(
            pk__in=[pk for pk in by_department if pk is not None]
        ).values_list("pk", "name")
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    with transaction.atomic():
        for department_id, items in by_department.items():
            name = names.get(department_id, "未指定科室")
            lines = []
            for use in items:
                report = base + reverse("linkcheck_page_report", args=[use.page_id])
                lines.append(
                    f"《{use.page.title}》{use.source}：{use.link.url}\n"
                    f"  问题：{use.link.summary}\n  建议：{use.link.suggestion}\n"
                    f"  检查报告：{report}"
                )
            notify_staff(
                kind="linkcheck.broken",
                subject=f"【断链】{name}负责的页面有 {len(items)} 处链接无法访问",
                body="以下链接经多次检查仍无法访问，请尽快处理：\n\n"
                + "\n\n".join(lines),
                recipients=department_recipients(department_id),
                reference=f"linkcheck.department:{department_id or 0}",
            )
            sent += 1
        Link.objects.filter(
            pk__in=[use.link_id for items in by_department.values() for use in items]
        ).update(routed_at=now)
    return sent


# --- history ----------------------------------------------------------------------
def prune_history(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    deleted, _ = LinkCheck.objects.filter(
        checked_at__lt=now - conf.history_age()
    ).delete()
    return deleted


# --- one page ---------------------------------------------------------------------
def draft_links(page: Page) -> list[Link]:
    """The Link rows of the version awaiting publication (latest revision), when it
    differs from the live one: the reviewer sees them before publishing."""
    page = page.specific
    if not page.has_unpublished_changes or page.latest_revision_id is None:
        return []
    draft = page.latest_revision.as_object()
    return list(_links_for(links_of(draft)).values())


def inspect_page(page: Page, *, force: bool = False) -> RunResult:
    """Record and check one page's links, live and awaiting publication (after
    publish, the 重新检查 button)."""
    ids = {link.pk for link in record_page_links(page)}
    ids.update(link.pk for link in draft_links(page))
    return check_batch(ids, force=force)


def inspect_all(*, batch_size: int | None = None, enqueue=None) -> dict[str, int]:
    """The nightly inspection: refresh every public page's links, check them in
    batches, route what broke, prune old history."""
    record_all_public_pages()
    batch_size = batch_size or int(conf.value("LINKCHECK_BATCH_SIZE"))
    ids = list(Link.objects.order_by("pk").values_list("pk", flat=True))
    batches = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]
    for batch in batches:
        if enqueue is not None:
            enqueue(batch)
        else:
            check_batch(batch)
    pruned = prune_history()
    return {"links": len(ids), "batches": len(batches), "pruned": pruned}


def check_batch(link_ids, *, force: bool = False) -> RunResult:
    run = check_links(
        Link.objects.filter(pk__in=list(link_ids)).select_related("service_item"),
        force=force,
    )
    if run.newly_broken:
        route_broken(run.newly_broken)
    return run
