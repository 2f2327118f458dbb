"""cms/core/selectors.py: the one rule for what the public may see, and the domains
and readers that use it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, get_page_models

from cms.consultations.selectors import public_consultations
from cms.core.choices import Disclosure
from cms.core.selectors import has_disclosure, public_children, public_pages
from cms.events.selectors import public_events
from cms.interpretations.selectors import public_interpretations
from cms.policies.models import PolicyPage
from cms.policies.selectors import public_policies
from cms.releases.selectors import public_releases
from tests.api.builders import other_site, restrict
from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import IntegratedReleasePageFactory, OpenEventPageFactory

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(minutes=-5)
FUTURE = datetime.timedelta(days=30)


def _titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


@pytest.fixture
def policies(site_tree):
    parent = site_tree.policies
    other = other_site()
    restricted_parent = PolicyPageFactory(parent=parent, title="受限政策")
    restrict(restricted_parent)
    now = timezone.now()
    made = {
        "public": PolicyPageFactory(parent=parent, title="公开政策"),
        "expiring": PolicyPageFactory(
            parent=parent, title="下月下线的政策", expire_at=now + FUTURE
        ),
        "expired": PolicyPageFactory(
            parent=parent, title="已过下线时间的政策", expire_at=now + PAST
        ),
        "draft": PolicyPageFactory(parent=parent, title="草稿政策", live=False),
        "on_application": PolicyPageFactory(
            parent=parent,
            title="依申请公开的政策",
            disclosure=Disclosure.ON_APPLICATION,
            disclosure_basis="条例第十六条",
        ),
        "not_public": PolicyPageFactory(
            parent=parent,
            title="不予公开的政策",
            disclosure=Disclosure.NOT_PUBLIC,
            disclosure_basis="条例第十四条",
        ),
        "restricted": restricted_parent,
        "other_site": PolicyPageFactory(parent=other.policies, title="另一站点的政策"),
    }
    return made


def test_public_pages_of_a_page_type(site_tree, policies):
    assert _titles(public_pages(site_tree.home.get_site(), model=PolicyPage)) == {
        "公开政策",
        "下月下线的政策",
    }
    # Without a site, every site's public pages.
    assert _titles(public_pages(model=PolicyPage)) == {
        "公开政策",
        "下月下线的政策",
        "另一站点的政策",
    }


def test_public_pages_of_any_type_apply_the_same_rule(site_tree, policies):
    site = site_tree.home.get_site()
    public = public_pages(site)

    assert public.model is Page
    assert _titles(public.filter(depth__gt=site_tree.home.depth + 1)) == {
        "公开政策",
        "下月下线的政策",
    }
    sections = {
        "政策文件库",
        "政策解读",
        "集成式发布",
        "政府开放",
        "公众参与",
        "网上咨询",
    }
    assert sections <= _titles(public)


def test_every_page_type_with_a_disclosure_is_covered(site_tree):
    """A page type that records a 公开属性 needs no code here to stay hidden."""
    with_disclosure = {m for m in get_page_models() if has_disclosure(m)}
    assert with_disclosure == {PolicyPage}

    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        title="依申请公开",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    assert not public_pages().filter(pk=withheld.pk).exists()


def test_domain_selectors_drop_pages_past_their_offline_time(site_tree):
    """Each domain's public list is the core rule: a page whose 下线时间 has passed
    is gone before Wagtail's publish_scheduled gets round to unpublishing it."""
    past = timezone.now() + PAST
    policy = PolicyPageFactory(parent=site_tree.policies, title="过期政策")
    expired = {
        "policies": PolicyPageFactory(
            parent=site_tree.policies, title="过期政策2", expire_at=past
        ),
        "interpretations": InterpretationPageFactory(
            parent=site_tree.interpretations, policies=[policy], expire_at=past
        ),
        "releases": IntegratedReleasePageFactory(
            parent=site_tree.releases, expire_at=past
        ),
        "events": OpenEventPageFactory(parent=site_tree.events, expire_at=past),
    }
    site = site_tree.home.get_site()
    selectors = {
        "policies": lambda: public_policies(site),
        "interpretations": lambda: public_interpretations(site=site),
        "releases": lambda: public_releases(site=site),
        "events": lambda: public_events(site=site),
    }
    for name, page in expired.items():
        assert page.live
        assert not selectors[name]().filter(pk=page.pk).exists(), name
    assert public_policies(site).filter(pk=policy.pk).exists()
    assert public_consultations(site=site).count() == 0


def test_public_children(site_tree, policies):
    assert _titles(public_children(site_tree.policies, model=PolicyPage)) == {
        "公开政策",
        "下月下线的政策",
    }
    assert _titles(public_children(site_tree.home)) == {
        "政策文件库",
        "政策解读",
        "集成式发布",
        "政府开放",
        "公众参与",
        "网上咨询",
    }
