"""Reads of link inspection that other places need: the compliance dashboard (断链
indicator), the page report in the editor and the admin report."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from .models import Link, LinkStatus, PageLink


def broken_links() -> QuerySet[PageLink]:
    """Each place a public page links to a confirmed broken link, with the page, the
    link and the owning 科室 (``department``), oldest failure first."""
    return (
        PageLink.objects.filter(link__status=LinkStatus.BROKEN)
        .select_related("link", "page", "department")
        .order_by("link__failing_since", "page_id", "pk")
    )


def broken_link_counts_by_department() -> dict[int | None, int]:
    """Distinct broken links per owning 科室 (Organization pk; None: unassigned)."""
    rows = (
        PageLink.objects.filter(link__status=LinkStatus.BROKEN)
        .values("department_id")
        .annotate(count=Count("link_id", distinct=True))
        .order_by()
    )
    return {row["department_id"]: row["count"] for row in rows}


def page_links(page_id: int) -> QuerySet[PageLink]:
    """A page's links, worst first (its report)."""
    from django.db.models import Case, IntegerField, Value, When

    severity = Case(
        When(link__status=LinkStatus.BROKEN, then=Value(0)),
        When(link__status=LinkStatus.CAUTION, then=Value(1)),
        When(link__status=LinkStatus.UNCHECKED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        PageLink.objects.filter(page_id=page_id)
        .select_related("link")
        .annotate(severity=severity)
        .order_by("severity", "source", "pk")
    )


def page_summary(page_id: int) -> dict:
    """Counts by status and when the page's links were last checked."""
    rows = (
        Link.objects.filter(uses__page_id=page_id)
        .values("status")
        .annotate(count=Count("pk", distinct=True), last=Max("checked_at"))
        .order_by()
    )
    counts = {status: 0 for status in LinkStatus.values}
    last = None
    for row in rows:
        counts[row["status"]] = row["count"]
        if row["last"] and (last is None or row["last"] > last):
            last = row["last"]
    return {"counts": counts, "total": sum(counts.values()), "last_checked": last}
