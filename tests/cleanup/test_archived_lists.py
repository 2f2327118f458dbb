"""An archived page (定期清理's 归档) leaves every public list, not only the policies',
and still answers at its address."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.cleanup.models import ArchivedPage
from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import IntegratedReleasePageFactory, OpenEventPageFactory

LISTS = """{
  events { edges { node { title } } }
  interpretations { edges { node { title } } }
  releases { edges { node { title } } }
}"""
PAGE = "query($p: String!) { page(urlPath: $p) { title } }"


def titles(result) -> dict[str, list[str]]:
    return {
        name: sorted(edge["node"]["title"] for edge in connection["edges"])
        for name, connection in result["data"].items()
    }


@pytest.mark.django_db
def test_archived_event_interpretation_and_release_leave_their_lists(
    graphql, site_tree, bureau
):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    pages = {}
    for year in (2022, 2026):
        pages["event", year] = OpenEventPageFactory(
            parent=site_tree.events,
            title=f"{year}年政府开放月",
            slug=f"kaifang-{year}",
            start_at=start,
            end_at=start + datetime.timedelta(hours=2),
            organizer=bureau,
        )
        policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
        pages["interpretation", year] = InterpretationPageFactory(
            parent=site_tree.interpretations,
            title=f"{year}年见习政策解读",
            slug=f"jiedu-{year}",
            policies=[policy],
        )
        pages["release", year] = IntegratedReleasePageFactory(
            parent=site_tree.releases, title=f"{year}年集成式发布", slug=f"fabu-{year}"
        )
    before = titles(graphql(LISTS))
    assert before == {
        "events": ["2022年政府开放月", "2026年政府开放月"],
        "interpretations": ["2022年见习政策解读", "2026年见习政策解读"],
        "releases": ["2022年集成式发布", "2026年集成式发布"],
    }

    for kind in ("event", "interpretation", "release"):
        ArchivedPage.objects.create(page=pages[kind, 2022])
    assert titles(graphql(LISTS)) == {
        "events": ["2026年政府开放月"],
        "interpretations": ["2026年见习政策解读"],
        "releases": ["2026年集成式发布"],
    }
    archived = pages["event", 2022]
    assert graphql(PAGE, {"p": archived.url_path.removeprefix("/home")})["data"][
        "page"
    ] == {"title": "2022年政府开放月"}

    # Taken out of the archive (the row deleted in the admin): listed again at once.
    ArchivedPage.objects.filter(page=archived).delete()
    assert titles(graphql(LISTS))["events"] == ["2022年政府开放月", "2026年政府开放月"]
