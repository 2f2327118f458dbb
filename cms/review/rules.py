"""The publication-rule hook: how a content domain tells review what holds it back.

Review knows no content type. A domain registers its rules with the Wagtail hook
``register_publication_rules`` in its own ``wagtail_hooks.py``::

    @hooks.register("register_publication_rules")
    def policy_rules():
        return [PublicationRule(applies_to=PolicyPage, problems=..., ...)]

Every path to the live site asks the registered rules (see ``services``): the admin's
publish button, a passed workflow and programmatic publication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail import hooks

# (field or None, message in Chinese): the field is where the admin form shows it.
Problem = tuple[str | None, str]

HOOK_NAME = "register_publication_rules"

# What a passed review that a rule held back is logged as, unless the rule says.
DEFAULT_HELD_ACTION = "cms.review.withheld"


@dataclass(frozen=True)
class PublicationRule:
    """One rule of 先审查、后公开 for one or more page types.

    - ``problems(page)``: why the page, as it would go live, may not go live now;
    - ``form_problems(form, cleaned)``: the same on the admin form before saving;
    - ``held_action``: the audit-log action when a passed review is held by this rule;
    - ``after_held(page, user)``: what follows a held review (三同步: an approved
      interpretation releases the policies that waited for it).
    """

    applies_to: type | tuple[type, ...]
    problems: Callable[[object], Iterable[Problem]]
    form_problems: Callable[[object, dict], Iterable[Problem]] | None = None
    held_action: str = DEFAULT_HELD_ACTION
    after_held: Callable[..., None] | None = None

    def covers(self, model: type) -> bool:
        return issubclass(model, self.applies_to)


def rules_for(model: type) -> list[PublicationRule]:
    """The registered rules for a page type, in hook order (``order=`` decides)."""
    rules: list[PublicationRule] = []
    for hook in hooks.get_hooks(HOOK_NAME):
        rules.extend(rule for rule in hook() if rule.covers(model))
    return rules


def all_rules() -> list[PublicationRule]:
    return [rule for hook in hooks.get_hooks(HOOK_NAME) for rule in hook()]
