"""disclosureApplication(...): the applicant follows their application."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.participation.guard import RateLimitExceeded
from cms.disclosure.selectors import lookup_application, reply_notice_text
from cms.participation import ratelimit

from .types import DisclosureApplicationProgressType

LOOKUP_SCOPE = "disclosure_lookup"


@strawberry.type
class DisclosureQueries:
    @strawberry.field(
        description="凭申请编号和查询码查询申请的办理进度和答复；"
        "编号或查询码不正确时为 null。按 IP 限制查询频率。"
    )
    def disclosure_application(
        self, info: Info, tracking_number: str, query_code: str
    ) -> DisclosureApplicationProgressType | None:
        # Never cached or shared: the answer belongs to whoever holds the code.
        info.context.private = True
        result = ratelimit.hit(scope=LOOKUP_SCOPE, request=info.context.request)
        if not result.allowed:
            raise RateLimitExceeded(result.retry_after)
        application = lookup_application(
            tracking_number=tracking_number, query_code=query_code
        )
        if application is None:
            return None
        return DisclosureApplicationProgressType.from_model(
            application, notice_text=reply_notice_text(application)
        )
