from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.consultations.models import (
    ConsultationPage,
    DraftKind,
)
from tests.factories.records import ConsultationCommentFactory

DAY = datetime.timedelta(days=1)


@pytest.fixture
def section(site_tree):
    return site_tree.consultations


@pytest.fixture
def make_consultation(section, bureau):
    """A published consultation; its window defaults to 40 days around today.

    ``first_published_at`` defaults to 09:00 the day before the opening date (or
    now, if that is later); pass it to test a late publication.
    """

    def make(title: str = "关于促进高校毕业生就业的若干措施（征求意见稿）", **fields):
        today = timezone.localdate()
        fields.setdefault("open_date", today - 10 * DAY)
        fields.setdefault("close_date", fields["open_date"] + 39 * DAY)
        fields.setdefault("kind", DraftKind.NORMATIVE)
        fields.setdefault("department", bureau)
        live = fields.pop("live", True)
        if live:
            # Published the day before it opens (never in the future): the window
            # is then the planned one (cms.consultations.windows).
            planned = timezone.make_aware(
                datetime.datetime.combine(fields["open_date"] - DAY, datetime.time(9))
            )
            fields.setdefault("first_published_at", min(planned, timezone.now()))
        page = ConsultationPage(title=title, live=live, **fields)
        section.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def add_comment():
    def add(consultation, content: str = "建议扩大补贴范围。", **fields):
        return ConsultationCommentFactory(
            consultation=consultation, content=content, **fields
        )

    return add
