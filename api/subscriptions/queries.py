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

from .types import SubscriberDataType

SubscriberDataResult = Annotated[
    SubscriberDataType | ValidationErrors,
    strawberry.union("SubscriberDataResult", description="本人的订阅数据，或凭证错误"),
]


@strawberry.type
class SubscriptionQueries:
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
