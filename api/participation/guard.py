"""What every public submission passes first: the honeypot and the per-IP rate limit.

Usage in a mutation resolver::

    if (rejected := guard_submission(info, scope="question", honeypot=input.website)):
        return rejected

A filled honeypot (a field humans never see) answers ``ValidationErrors``; a client
over its rate limit gets a GraphQL error with code ``RATE_LIMITED`` and
``retryAfter`` seconds, which is shown as is (not masked).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from graphql import GraphQLError

from api.context import Info
from cms.participation.guard import RateLimited, submission_check

from .types import ValidationErrors

HONEYPOT_DESCRIPTION = (
    "防机器人字段：前端应隐藏此输入框并保持为空；填写了内容的提交会被拒绝。"
)


class RateLimitExceeded(GraphQLError):
    def __init__(self, retry_after: int):
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(
            f"提交过于频繁，请 {minutes} 分钟后再试。",
            extensions={"code": "RATE_LIMITED", "retryAfter": retry_after},
        )


def guard_submission(
    info: Info, *, scope: str, honeypot: str | None
) -> ValidationErrors | None:
    context = info.context
    context.private = True
    try:
        submission_check(scope=scope, request=context.request, honeypot=honeypot)
    except ValidationError as error:
        return ValidationErrors.from_django(error)
    except RateLimited as refused:
        raise RateLimitExceeded(refused.retry_after) from None
    return None
