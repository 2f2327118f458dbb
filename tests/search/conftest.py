from __future__ import annotations

import pytest


@pytest.fixture
def make_policy(site_tree, bureau):
    """A live, public policy on the default site, indexed on save."""
    from tests.factories import PolicyPageFactory

    def make(**kwargs):
        kwargs.setdefault("issuers", [bureau])
        return PolicyPageFactory(parent=site_tree.policies, **kwargs)

    return make


@pytest.fixture
def site(site_tree):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
