"""政策计算器: which list items (就业创业政策清单) a profile qualifies for.

Three-valued, per item: the conditions met, not met, and unknown (the profile did
not say), so the calculator can say "还需提供：毕业年份". The profile is only read
here, never stored (a subscription stores it, by the subscriber's choice).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.conditions import Condition, MatchResult, evaluate


class Verdict(models.TextChoices):
    MATCH = "match", _("符合")
    POSSIBLE = "possible", _("可能符合")  # nothing contradicts; answers missing
    NO_MATCH = "no_match", _("不符合")


RANK = {Verdict.MATCH: 0, Verdict.POSSIBLE: 1, Verdict.NO_MATCH: 2}


@dataclass(frozen=True)
class ItemMatch:
    item: Any  # PolicyListItem, with its policy and conditions loaded
    result: MatchResult
    checkable: bool  # the item states machine-checkable conditions at all

    @property
    def verdict(self) -> str:
        if not self.checkable:
            return Verdict.POSSIBLE
        if self.result.matches:
            return Verdict.MATCH
        return Verdict.POSSIBLE if self.result.possible else Verdict.NO_MATCH

    @property
    def benefit_amount(self) -> Decimal | None:
        return self.item.benefit_amount

    def sort_key(self) -> tuple:
        return (
            RANK[self.verdict],
            len(self.result.unmet),
            len(self.result.unknown),
            -(self.item.benefit_amount or 0),
            self.item.sort_order,
            self.item.pk,
        )


def match_policies(
    *,
    profile: dict[str, Any],
    site=None,
    today: datetime.date | None = None,
    include_unmet: bool = True,
) -> list[ItemMatch]:
    """Every public, valid list item with its verdict for the profile: full matches
    first, then those still possible (fewest answers missing first), then the rest;
    the larger stated benefit first within each."""
    from cms.policylist.selectors import public_list_items

    today = today or timezone.localdate()
    matches = []
    for item in public_list_items(site, include_expired=False, today=today):
        conditions: list[Condition] = item.conditions_list()
        match = ItemMatch(
            item=item,
            result=evaluate(conditions, profile, today=today),
            checkable=bool(conditions),
        )
        if include_unmet or match.verdict != Verdict.NO_MATCH:
            matches.append(match)
    return sorted(matches, key=ItemMatch.sort_key)
