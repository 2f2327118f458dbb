"""只有主动公开可以发布: the policies' publication rule (registered in wagtail_hooks).

政府信息公开条例 第二十条 and 第十四、十五、十六条: only information decided as 主动公开
goes to the public; 依申请公开 and 不予公开 stay in the back office.
"""

from __future__ import annotations

from cms.review.rules import Problem

from .models import Disclosure

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
