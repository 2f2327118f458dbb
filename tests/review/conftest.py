from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.review.setup import REVIEWER_GROUPS, editor_group_name
from cms.taxonomy.models import Organization
from tests.factories import InterpretationPageFactory, PolicyPageFactory


@pytest.fixture
def make_user(django_user_model, site_tree):
    def make(username: str, *groups: str):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", password="pw-123456"
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def reviewers(make_user):
    """One reviewer per review step, keyed by ReviewKind."""
    return {
        kind: make_user(f"reviewer-{kind}", name)
        for kind, name in REVIEWER_GROUPS.items()
    }


@pytest.fixture
def employment(site_tree):
    return Organization.objects.get(name="就业促进科")


@pytest.fixture
def labour(site_tree):
    return Organization.objects.get(name="劳动关系科")


@pytest.fixture
def employment_editor(make_user):
    return make_user("editor-employment", editor_group_name("就业促进科"))


@pytest.fixture
def make_policy(site_tree, bureau, employment):
    def make(**kwargs):
        kwargs.setdefault("department", employment)
        kwargs.setdefault("issuers", [bureau])
        kwargs.setdefault("live", False)
        policy = PolicyPageFactory(parent=site_tree.policies, **kwargs)
        policy.save_revision()
        return policy

    return make


@pytest.fixture
def make_interpretation(site_tree, employment):
    def make(policies, **kwargs):
        kwargs.setdefault("department", employment)
        kwargs.setdefault("live", False)
        page = InterpretationPageFactory(
            parent=site_tree.interpretations, policies=policies, **kwargs
        )
        page.save_revision()
        return page

    return make


def policy_edit_form_data(policy, **overrides) -> dict:
    """What the admin's policy edit form posts, for a policy made by the factory."""
    data = {
        "title": policy.title,
        "slug": policy.slug,
        "doc_number": policy.doc_number,
        "department": policy.department_id or "",
        "issuers": inline_formset(
            [
                {"id": link.pk, "organization": link.organization_id}
                for link in policy.issuers.all()
            ],
            initial=policy.issuers.count(),
        ),
        "is_normative": "on" if policy.is_normative else "",
        "interpretation_required": "on" if policy.interpretation_required else "",
        "written_date": policy.written_date.isoformat(),
        "publish_date": policy.publish_date.isoformat(),
        "effective_date": "",
        "expiry_date": "",
        "validity_override": policy.validity_override,
        "summary": policy.summary,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "service_item_links": inline_formset([]),
        "relations": inline_formset([]),
        "disclosure": policy.disclosure,
        "disclosure_basis": policy.disclosure_basis,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "publish_reason": "",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return nested_form_data(data)
