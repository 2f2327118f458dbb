"""Link inspection before publication: what holds a page back and what only warns.

- Blocks (a ``PublicationRule``): a link to one of our own pages or files that is
  deleted, or to a page that is not 主动公开. The database knows these for certain,
  and publishing would put a dead or wrong link before the public.
- Warns (shown to the editor and the reviewer, never blocks): links to our own pages
  not yet published (三同步 pairs go live together), and external links that are
  broken, 疑似 or need attention. Another site's outage must not hold back a policy;
  the owning 科室 is told and fixes it.
"""

from __future__ import annotations

from .extract import FoundLink, links_of
from .internal import check_internal
from .models import Link, LinkKind, LinkStatus, link_key


def _label(found: FoundLink) -> str:
    return found.text or found.url


def publication_problems(page) -> list[tuple[str | None, str]]:
    problems = []
    for found in links_of(page):
        if found.kind not in (LinkKind.PAGE, LinkKind.DOCUMENT):
            continue
        result = check_internal(found)
        if result.blocking:
            problems.append(
                (
                    None,
                    f"{found.source}中的链接“{_label(found)}”：{result.summary}，"
                    f"{result.suggestion}",
                )
            )
    return problems


def publication_warnings(page) -> list[str]:
    """What the editor and the reviewer should see before this version goes live."""
    warnings = []
    found_links = links_of(page)
    for found in found_links:
        if found.kind in (LinkKind.PAGE, LinkKind.DOCUMENT):
            result = check_internal(found)
            if result.outcome != "ok" and not result.blocking:
                warnings.append(f"{found.source}“{_label(found)}”：{result.summary}")
    keys = {
        link_key(found.kind, found.identity): found
        for found in found_links
        if found.kind in (LinkKind.EXTERNAL, LinkKind.SERVICE)
    }
    known = Link.objects.filter(
        key__in=keys, status__in=[LinkStatus.BROKEN, LinkStatus.CAUTION]
    )
    for link in known.order_by("pk"):
        found = keys[link.key]
        label = "断链" if link.status == LinkStatus.BROKEN else "需关注"
        warnings.append(f"{found.source}“{_label(found)}”（{label}）：{link.summary}")
    return warnings
