"""subscribe, confirmSubscription, unsubscribe, deleteMySubscriptionData,
wechatSubscriberToken."""

from __future__ import annotations

from typing import Annotated

import strawberry
from django.core.exceptions import ValidationError

from api.arguments import object_id
from api.context import Info
from api.participation.guard import guard_submission
from api.participation.types import ValidationErrors
from cms.subscriptions import services
from cms.subscriptions.models import SubscriberStatus
from cms.subscriptions.tokens import make_token, read_token

from .types import (
    SubscribeInput,
    SubscriberTokenType,
    SubscriptionDoneType,
    SubscriptionReceiptType,
)

SubscribeResult = Annotated[
    SubscriptionReceiptType | ValidationErrors,
    strawberry.union("SubscribeResult", description="订阅回执，或逐字段的错误"),
]
SubscriberTokenResult = Annotated[
    SubscriberTokenType | ValidationErrors,
    strawberry.union("SubscriberTokenResult", description="本人数据凭证，或登录错误"),
]
SubscriptionDoneResult = Annotated[
    SubscriptionDoneType | ValidationErrors,
    strawberry.union("SubscriptionDoneResult", description="已完成，或凭证错误"),
]
FIELD_NAMES = {
    "audience_ids": "audienceIds",
    "topic_ids": "topicIds",
    "organization_ids": "organizationIds",
    "policy_id": "policyId",
    "wechatTemplateIds": "wechatTemplateIds",
}


def _ids(values, field: str) -> list[int]:
    parsed = [object_id(v) for v in values or ()]
    if None in parsed:
        raise ValidationError({field: "编号格式不正确"})
    return parsed


def _profile_field_names(error: ValidationError) -> ValidationErrors:
    from strawberry.utils.str_converters import to_camel_case

    names = {
        key: "profile." + to_camel_case(key.removeprefix("profile."))
        for key in error.message_dict
        if key.startswith("profile.")
    }
    return ValidationErrors.from_django(error, {**FIELD_NAMES, **names})


@strawberry.type
class SubscriptionMutations:
    @strawberry.mutation(
        description=(
            "订阅政策推送。电子邮件和短信须打开确认链接后才生效（双重确认）；"
            "微信订阅凭 wx.login() 的登录凭证（wechatCode）由服务端换取 openid，"
            "按用户授权的模板记录同意。同一地址的多项订阅，"
            "一次政策变动只推送一条。"
        )
    )
    def subscribe(
        self,
        info: Info,
        input: SubscribeInput,  # noqa: A002
    ) -> SubscribeResult:
        if rejected := guard_submission(
            info, scope="subscription", honeypot=input.website
        ):
            return rejected
        try:
            subscribed = services.subscribe(
                channel=input.channel.value,
                address=input.address or "",
                consent=input.consent,
                subject=str(input.subject.value),
                frequency=input.frequency.value,
                match_all=input.match_all,
                audience_ids=_ids(input.audience_ids, "audienceIds"),
                topic_ids=_ids(input.topic_ids, "topicIds"),
                organization_ids=_ids(input.organization_ids, "organizationIds"),
                policy_id=(
                    _ids([input.policy_id], "policyId")[0]
                    if input.policy_id is not None
                    else None
                ),
                profile=input.profile.as_dict() if input.profile else None,
                wechat_template_ids=input.wechat_template_ids or (),
                wechat_code=input.wechat_code or "",
            )
        except ValidationError as error:
            return _profile_field_names(error)
        subscriber = subscribed.subscriber
        return SubscriptionReceiptType(
            status=SubscriberStatus(subscriber.status),
            needs_confirmation=subscribed.needs_confirmation,
            manage_token=make_token(subscriber, "manage"),
            message=(
                "已发送确认消息，请在 7 天内打开其中的链接，确认后开始推送。"
                if subscribed.needs_confirmation
                else "订阅成功。"
            ),
        )

    @strawberry.mutation(description="用确认链接中的凭证确认订阅（双重确认）。")
    def confirm_subscription(self, token: str) -> SubscriptionDoneResult:
        try:
            services.confirm(subscriber=read_token(token, "confirm"))
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return SubscriptionDoneType(message="订阅已确认。")

    @strawberry.mutation(
        description="退订：凭推送中的退订凭证或本人数据凭证，停止向该地址推送。"
    )
    def unsubscribe(self, info: Info, token: str) -> SubscriptionDoneResult:
        try:
            subscriber = _either(token)
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        services.unsubscribe(subscriber=subscriber)
        return SubscriptionDoneType(
            message="已退订，不再推送。联系方式将在 28 天后删除。"
        )

    @strawberry.mutation(
        description=(
            "删除本人的全部订阅数据（个人信息保护法第四十七条）：联系方式、订阅、"
            "同意记录和推送消息立即删除，只保留不含个人信息的统计数。"
        )
    )
    def delete_my_subscription_data(
        self, info: Info, token: str
    ) -> SubscriptionDoneResult:
        if rejected := guard_submission(
            info, scope="subscription_manage", honeypot=None
        ):
            return rejected
        try:
            subscriber = read_token(token, "manage")
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        services.erase(subscriber=subscriber)
        return SubscriptionDoneType(message="您的订阅数据已全部删除。")

    @strawberry.mutation(
        description=(
            "小程序用户凭 wx.login() 的登录凭证取得本人数据凭证（微信订阅消息不带链接），"
            "再用 mySubscriptionData 查看、deleteMySubscriptionData 删除、unsubscribe 退订。"
        )
    )
    def wechat_subscriber_token(
        self, info: Info, wechat_code: str
    ) -> SubscriberTokenResult:
        if rejected := guard_submission(
            info, scope="subscription_manage", honeypot=None
        ):
            return rejected
        try:
            subscriber = services.wechat_subscriber(wechat_code=wechat_code)
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return SubscriberTokenType(
            status=SubscriberStatus(subscriber.status),
            manage_token=make_token(subscriber, "manage"),
        )


def _either(token: str):
    try:
        return read_token(token, "unsubscribe")
    except ValidationError:
        return read_token(token, "manage")
