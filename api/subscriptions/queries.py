"""mySubscriptionData (the subscriber's own data); matchPolicies (政策计算器)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from django.core.exceptions import ValidationError

from api.context import Info
from api.participation.guard import guard_submission
from api.participation.types import ValidationErrors
from cms.subscriptions import services
from cms.subscriptions.tokens import read_token

from .types import (
    PolicyMatchesType,
    PolicyMatchType,
    ProfileInput,
    SubscriberDataType,
)

SubscriberDataResult = Annotated[
    SubscriberDataType | ValidationErrors,
    strawberry.union("SubscriberDataResult", description="本人的订阅数据，或凭证错误"),
]

MatchPoliciesResult = Annotated[
    PolicyMatchesType | ValidationErrors,
    strawberry.union("MatchPoliciesResult", description="计算结果，或画像中的错误"),
]


def profile_errors(error: ValidationError) -> ValidationErrors:
    from strawberry.utils.str_converters import to_camel_case

    return ValidationErrors.of(
        {
            f"profile.{to_camel_case(key)}": messages
            for key, messages in error.message_dict.items()
        }
    )


@strawberry.type
class SubscriptionQueries:
    @strawberry.field(
        description=(
            "政策计算器（政策找人、政策找企业）：按个人或企业画像列出政策清单项，"
            "逐项给出已符合、不符合和还需提供的条件以及可估算的补贴。画像不保存。"
        )
    )
    def match_policies(
        self,
        info: Info,
        profile: ProfileInput,
        include_unmet: bool = True,
    ) -> MatchPoliciesResult:
        from cms.subscriptions.calculator import Verdict, match_policies
        from cms.subscriptions.profiles import clean_profile

        # A profile is personal: the answer is never shared through a cache.
        info.context.private = True
        try:
            cleaned = clean_profile(profile.as_dict())
        except ValidationError as error:
            return profile_errors(error)
        matches = match_policies(
            profile=cleaned, site=info.context.site, include_unmet=include_unmet
        )
        return PolicyMatchesType(
            items=[PolicyMatchType.of(m) for m in matches],
            matched=sum(m.verdict == Verdict.MATCH for m in matches),
        )

    @strawberry.field(
        description=(
            "查看本系统保存的关于本人的全部订阅数据（个人信息保护法第四十五条），"
            "凭订阅时或推送中给出的本人数据凭证。"
        )
    )
    def my_subscription_data(self, info: Info, token: str) -> SubscriberDataResult:
        if rejected := guard_submission(
            info, scope="subscription_manage", honeypot=None
        ):
            return rejected
        try:
            subscriber = read_token(token, "manage")
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return SubscriberDataType.of(services.export(subscriber=subscriber))
