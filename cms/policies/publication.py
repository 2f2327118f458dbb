"""只有主动公开可以发布: the policies' publication rule (registered in wagtail_hooks).

政府信息公开条例 第二十条 and 第十四、十五、十六条: only information decided as 主动公开
goes to the public; 依申请公开 and 不予公开 stay in the back office.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from cms.review.rules import Problem

from .models import Disclosure, PolicyPage

MSG_NOT_PUBLIC = (
    "仅主动公开的政策可以发布；当前公开属性为“{label}”，该内容只能保留在后台。"
)


def _not_public(disclosure: str) -> list[Problem]:
    if disclosure and disclosure != Disclosure.PUBLIC:
        label = Disclosure(disclosure).label
        return [("disclosure", MSG_NOT_PUBLIC.format(label=label))]
    return []


def disclosure_problems(policy) -> list[Problem]:
    return _not_public(getattr(policy, "disclosure", Disclosure.PUBLIC))


def form_disclosure_problems(form, cleaned: dict) -> list[Problem]:
    return _not_public(cleaned.get("disclosure", Disclosure.PUBLIC))


@transaction.atomic
def withdraw_if_reclassified(approved, *, user=None) -> bool:
    """A live policy whose review approved another 公开属性 is withdrawn at once.

    政府信息公开条例 第十三条 and 第十四至十六条: 依申请公开 and 不予公开 information is
    not published; a version that went out as 主动公开 must not stay live once review
    decides otherwise. ``approved`` is the page as the review approved it. The stored
    row takes the approved 公开属性 (lists and reports read it), then is unpublished
    (which empties the API cache and the search index like any unpublish).
    """
    if approved.disclosure == Disclosure.PUBLIC:
        return False
    page = PolicyPage.objects.select_for_update().filter(pk=approved.pk).first()
    if page is None or not page.live:
        return False
    page.disclosure = approved.disclosure
    page.disclosure_basis = approved.disclosure_basis
    page.save(update_fields=["disclosure", "disclosure_basis"])
    # Review decided: the finishing reviewer need not hold the editors' unpublish right.
    UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
    log(
        instance=page,
        action="cms.review.reclassified",
        user=user,
        data={"disclosure": Disclosure(approved.disclosure).label},
    )
    return True
