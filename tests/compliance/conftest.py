from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.compliance.models import ColumnKind, ColumnProfile

TODAY = datetime.date(2026, 12, 3)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def quiet_site(site_tree):
    """The installation's sections, left out of the checks: tests add their own."""
    for _section, page in site_tree.sections():
        ColumnProfile.objects.create(page=page, kind=ColumnKind.EXEMPT)
    return site_tree


@pytest.fixture
def make_column(quiet_site):
    """A column below the home page of ``kind``, with one item first published on
    each of ``updated`` (none: a blank column)."""
    counter = iter(range(1000))

    def make(kind: str, *updated: datetime.date, department=None) -> Page:
        number = next(counter)
        column = quiet_site.home.add_child(
            instance=Page(title=f"测试栏目{number}", slug=f"column-{number}")
        )
        ColumnProfile.objects.create(page=column, kind=kind, department=department)
        for index, day in enumerate(updated):
            child = column.add_child(
                instance=Page(title=f"信息{number}-{index}", slug=f"item-{index}")
            )
            Page.objects.filter(pk=child.pk).update(
                first_published_at=at(day), last_published_at=at(day)
            )
        return column

    return make
