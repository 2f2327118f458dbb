"""Scheduled publishing runs from the schedule: a page's 上线/下线时间 takes effect."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.policies.models import PolicyPage
from cms.scheduling.schedule import PERIODIC_TASKS
from cms.scheduling.tasks import publish_scheduled_pages
from tests.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_scheduled_publishing_is_on_the_schedule():
    assert publish_scheduled_pages in [entry.task for entry in PERIODIC_TASKS]


def test_a_page_goes_live_and_offline_when_its_times_come(site_tree, bureau):
    policy = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], live=False, title="定时发布的通知"
    )
    revision = policy.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])

    publish_scheduled_pages.enqueue()
    policy = PolicyPage.objects.get(pk=policy.pk)
    assert policy.live

    PolicyPage.objects.filter(pk=policy.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    publish_scheduled_pages.enqueue()
    policy = PolicyPage.objects.get(pk=policy.pk)
    assert not policy.live and policy.expired
