"""The review app's publication-rule hook: a domain's rule is asked on every path."""

from __future__ import annotations

import pytest
from wagtail import hooks
from wagtail.models import PageLogEntry

from cms.events.models import OpenEventPage
from cms.policies.models import PolicyPage
from cms.review.rules import HOOK_NAME, PublicationRule, rules_for
from cms.review.services import publication_problems

MESSAGE = "测试规则：场地未确认，暂不发布。"


def _pending_rule():
    return [
        PublicationRule(
            applies_to=PolicyPage,
            problems=lambda page: [("title", MESSAGE)] if "待定" in page.title else [],
            held_action="cms.review.withheld",
        )
    ]


def test_rules_are_collected_per_page_type_from_the_domains():
    from cms.consultations.models import ConsultationPage
    from cms.interpretations.models import InterpretationPage

    assert [rule.held_action for rule in rules_for(PolicyPage)] == [
        "cms.review.withheld",  # 只有主动公开 (policies), first by its order
        "cms.sync.waiting",  # 三同步 (interpretations)
        "cms.linkcheck.held",  # links to deleted or withheld pages (linkcheck)
    ]
    assert [rule.held_action for rule in rules_for(InterpretationPage)] == [
        "cms.sync.held",
        "cms.linkcheck.held",
    ]
    assert [rule.held_action for rule in rules_for(ConsultationPage)] == [
        "cms.review.withheld",
        "cms.linkcheck.held",
    ]
    assert rules_for(OpenEventPage) == []


@pytest.mark.django_db
def test_a_registered_rule_holds_a_page_on_every_path(
    client, reviewers, make_policy, employment_editor
):
    from cms.review.mixins import PublishRefused

    from .test_workflow import review_fully, submit

    policy = make_policy(title="关于开展职业技能竞赛的通知（场地待定）")
    with hooks.register_temporarily(HOOK_NAME, _pending_rule):
        assert publication_problems(policy) == [("title", MESSAGE)]
        # Programmatic publication (imports, scheduled publishing).
        with pytest.raises(PublishRefused):
            policy.get_latest_revision().publish()
        # A review that passes every step.
        submit(policy, employment_editor)
        review_fully(client, reviewers, policy)
    policy.refresh_from_db()
    assert not policy.live
    entry = PageLogEntry.objects.get(page=policy, action="cms.review.withheld")
    assert entry.data["problems"] == [MESSAGE]
    # Without the rule the same page may go live.
    assert publication_problems(policy) == []
