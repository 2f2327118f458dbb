"""三同步 in the admin: the publication rules and their audit-log actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from cms.policies.models import PolicyPage
from cms.review.rules import HOOK_NAME, PublicationRule

from . import sync
from .models import InterpretationPage


@hooks.register(HOOK_NAME)
def synchronous_publication_rules():
    return [
        PublicationRule(
            applies_to=PolicyPage,
            problems=sync.policy_problems,
            form_problems=sync.policy_form_problems,
            held_action="cms.sync.waiting",
        ),
        PublicationRule(
            applies_to=InterpretationPage,
            problems=sync.interpretation_problems,
            form_problems=sync.interpretation_form_problems,
            held_action="cms.sync.held",
            after_held=sync.publish_waiting_policies,
        ),
    ]


class CopublishFormatter(LogFormatter):
    label = _("三同步：随政策同步发布")

    def format_message(self, log_entry):
        title = ((log_entry.data or {}).get("policy") or {}).get("title", "")
        return f"随政策《{title}》同步发布（三同步）"


@hooks.register("register_log_actions")
def register_sync_log_actions(actions):
    actions.register_action("cms.sync.copublish")(CopublishFormatter)
    actions.register_action(
        "cms.sync.held",
        _("三同步：待政策发布"),
        _("审查通过，待所解读的政策发布时同步发布（三同步）"),
    )
    actions.register_action(
        "cms.sync.waiting",
        _("三同步：待解读通过审查"),
        _("审查通过，待关联解读通过审查后同步发布（三同步）"),
    )
