from __future__ import annotations

import pytest

from cms.subscriptions import services
from cms.subscriptions.models import Channel, Subscriber
from cms.taxonomy.models import Audience, Topic
from tests.factories import PolicyPageFactory


@pytest.fixture
def topics(site_tree):
    return list(Topic.objects.order_by("pk")[:4])


@pytest.fixture
def audiences(site_tree):
    return list(Audience.objects.order_by("pk")[:3])


@pytest.fixture
def follow(db):
    """Subscribe an address (confirmed, as after opening the link) to criteria."""

    def make(address: str, *, channel: str = Channel.EMAIL, **criteria) -> Subscriber:
        subscribed = services.subscribe(
            channel=channel, address=address, consent=True, **criteria
        )
        return services.confirm(subscriber=subscribed.subscriber)

    return make


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a revision of a policy the way review does, running what follows the
    commit (the fan-out task, with the immediate backend)."""

    def run(policy, **changes):
        for name, value in changes.items():
            if name in ("topics", "audiences"):
                getattr(policy, name).set(value)
            else:
                setattr(policy, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            policy.save_revision().publish()
        policy.refresh_from_db()
        return policy

    return run


@pytest.fixture
def new_policy(site_tree, bureau):
    def make(**fields):
        return PolicyPageFactory(
            parent=site_tree.policies, issuers=[bureau], live=False, **fields
        )

    return make
