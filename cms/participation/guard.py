"""What every public submission passes before its service: the honeypot and the
per-IP rate limit. The API calls ``submission_check`` first, then the service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from cms.core.submissions import SubmissionRefused

from . import ratelimit

# Every submission input has this optional field; frontends render it hidden.
HONEYPOT_FIELD = "website"


class RateLimited(SubmissionRefused):
    """Too many submissions from this client; ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(
            f"提交过于频繁，请 {minutes} 分钟后再试。", code="rate_limited"
        )


def submission_check(*, scope: str, request: HttpRequest, honeypot: str | None) -> None:
    """Raise ``ValidationError`` for a filled honeypot (a field humans never see)
    and ``RateLimited`` for a client over its limit in ``scope``."""
    if honeypot:
        raise ValidationError({HONEYPOT_FIELD: "提交未通过校验，请刷新页面后重试。"})
    result = ratelimit.hit(scope=scope, request=request)
    if not result.allowed:
        raise RateLimited(result.retry_after)
