"""The demo applications load in every stage, twice without change."""

from __future__ import annotations

import pytest

from cms.demo.disclosure import DemoDisclosure
from cms.disclosure.models import DisclosureApplication, Status

pytestmark = pytest.mark.django_db


def test_demo_applications_cover_the_stages_and_load_idempotently():
    DemoDisclosure().load()
    statuses = sorted(DisclosureApplication.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            Status.RECEIVED,
            Status.ACCEPTED,
            Status.ACCEPTED,
            Status.CORRECTION,
            Status.CONSULTATION,
            Status.ACCEPTED,
            Status.REPLIED,
            Status.CLOSED,
        ]
    )
    again = DemoDisclosure()
    again.load()
    assert again.created == 0
    assert DisclosureApplication.objects.count() == 8
    replied = DisclosureApplication.objects.get(status=Status.REPLIED)
    assert replied.notices.count() == 1
