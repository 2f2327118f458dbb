"""政策找人 as GraphQL types: profiles, subscriptions, the subscriber's own data."""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from api.participation.guard import HONEYPOT_DESCRIPTION
from cms.core.conditions import FIELDS, Subject
from cms.subscriptions.calculator import Verdict
from cms.subscriptions.models import (
    Channel,
    CriterionKey,
    Frequency,
    MessageStatus,
    SubscriberStatus,
)

ProfileSubjectEnum = strawberry.enum(
    Subject, name="ProfileSubject", description="画像描述的是个人还是企业"
)


class PushChannel(enum.Enum):
    EMAIL = Channel.EMAIL.value
    SMS = Channel.SMS.value
    WECHAT = Channel.WECHAT.value


PushChannelEnum = strawberry.enum(
    PushChannel,
    name="PushChannel",
    description="推送渠道：电子邮件、短信、微信订阅消息",
)


class PushFrequency(enum.Enum):
    IMMEDIATE = Frequency.IMMEDIATE.value
    DAILY = Frequency.DAILY.value
    WEEKLY = Frequency.WEEKLY.value


PushFrequencyEnum = strawberry.enum(
    PushFrequency,
    name="PushFrequency",
    description="推送频率：即时、每日汇总、每周汇总",
)
SubscriberStatusEnum = strawberry.enum(
    SubscriberStatus, name="SubscriberStatus", description="订阅状态"
)
MessageStatusEnum = strawberry.enum(
    MessageStatus, name="PushMessageStatus", description="推送消息状态"
)


@strawberry.input(
    name="ProfileInput",
    description=(
        "个人或企业画像，用于政策计算器和按画像订阅；不填的项视为未知。"
        "取值见各字段说明；除非订阅，画像不会被保存。"
    ),
)
class ProfileInput:
    age: int | None = strawberry.field(default=None, description="年龄（周岁）")
    hukou: str | None = strawberry.field(
        default=None, description="户籍：本区、本市外区、外省市、港澳台、外籍"
    )
    employment_status: str | None = strawberry.field(
        default=None,
        description="就业状态：就业、失业、未就业、灵活就业、自主创业、退休",
    )
    education: str | None = strawberry.field(
        default=None,
        description="学历：初中及以下、高中/中专/技校、大专、本科、硕士、博士",
    )
    graduation_year: int | None = strawberry.field(default=None, description="毕业年份")
    years_since_graduation: int | None = strawberry.field(
        default=None, description="毕业年限（年）；不填时由毕业年份推算"
    )
    insured: bool | None = strawberry.field(
        default=None, description="是否正常缴纳社会保险"
    )
    insured_months: int | None = strawberry.field(
        default=None, description="累计缴纳失业保险（个月）"
    )
    groups: list[str] | None = strawberry.field(
        default=None, description="人员类别（可多选），如 高校毕业生、就业困难人员"
    )
    enterprise_size: str | None = strawberry.field(
        default=None, description="企业规模：微型、小型、中型、大型"
    )
    enterprise_kind: str | None = strawberry.field(
        default=None,
        description="主体类型：企业、个体工商户、民办非企业单位、社会团体、农民专业合作社",
    )
    industry: str | None = strawberry.field(default=None, description="所属行业")
    registered_years: int | None = strawberry.field(
        default=None, description="注册年限（年）"
    )
    employees: int | None = strawberry.field(default=None, description="职工人数")
    new_hires: int | None = strawberry.field(default=None, description="当年新招用人数")
    registered_in_district: bool | None = strawberry.field(
        default=None, description="是否在本区注册"
    )
    pays_insurance: bool | None = strawberry.field(
        default=None, description="是否依法参保缴费"
    )

    def as_dict(self) -> dict[str, Any]:
        """snake_case keys of cms/core/conditions.py, unanswered fields left out."""
        return {
            spec.key: getattr(self, spec.key)
            for spec in FIELDS
            if getattr(self, spec.key, None) is not None
        }


@strawberry.input(name="SubscribeInput", description="订阅政策推送")
class SubscribeInput:
    channel: PushChannelEnum
    address: str | None = strawberry.field(
        default=None,
        description=(
            "电子邮件地址或 11 位手机号码；微信订阅不填，改传 wechatCode"
            "（仅在演示环境允许直接填写 openid）"
        ),
    )
    wechat_code: str | None = strawberry.field(
        default=None,
        description=(
            "微信订阅：小程序 wx.login() 返回的登录凭证 code（5 分钟内有效，只能用一次），"
            "服务端向微信换取 openid 作为订阅地址；不保存 session_key"
        ),
    )
    consent: bool = strawberry.field(
        description="订阅者是否同意接收推送（须为 true）；同意记录按渠道保存"
    )
    subject: ProfileSubjectEnum = Subject.PERSON
    frequency: PushFrequencyEnum = PushFrequency.IMMEDIATE
    match_all: bool = strawberry.field(
        default=False,
        description="true：每类条件的全部取值都须符合；false：符合任一取值即可",
    )
    audience_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="服务对象（Audience 的 id）"
    )
    topic_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="主题分类（Topic 的 id）"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="发文机关或责任科室（Organization 的 id）"
    )
    policy_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="关注的单个政策（页面 id）；政策失效或废止时通知并结束",
    )
    profile: ProfileInput | None = strawberry.field(
        default=None, description="保存画像：有符合画像的政策清单项发布时推送"
    )
    wechat_template_ids: list[str] | None = strawberry.field(
        default=None,
        description="微信订阅消息：用户在 wx.requestSubscribeMessage 中同意的模板 id",
    )
    website: str | None = strawberry.field(
        default=None, description=HONEYPOT_DESCRIPTION
    )


@strawberry.type(name="SubscriptionReceipt", description="订阅已记录")
class SubscriptionReceiptType:
    status: SubscriberStatusEnum
    needs_confirmation: bool = strawberry.field(
        description="是否须先打开确认链接（电子邮件、短信的双重确认）"
    )
    manage_token: str = strawberry.field(
        description="查看、删除本人订阅数据的凭证（30 天内有效，每条推送附有新的链接）"
    )
    message: str


@strawberry.type(name="SubscriberToken", description="小程序登录后取得的本人数据凭证")
class SubscriberTokenType:
    status: SubscriberStatusEnum
    manage_token: str = strawberry.field(
        description="查看、删除本人订阅数据的凭证（30 天内有效）"
    )


@strawberry.type(name="SubscriptionCriteria", description="一项订阅关注的内容")
class SubscriptionCriteriaType:
    id: strawberry.ID
    frequency: PushFrequencyEnum
    match_all: bool
    active: bool
    audience_ids: list[strawberry.ID]
    topic_ids: list[strawberry.ID]
    organization_ids: list[strawberry.ID]
    policy_id: strawberry.ID | None
    profile: strawberry.scalars.JSON | None = strawberry.field(
        description="保存的画像（字段同 ProfileInput，snake_case）"
    )
    created_at: datetime.datetime
    ended_at: datetime.datetime | None
    end_reason: str

    @classmethod
    def of(cls, subscription) -> SubscriptionCriteriaType:
        values: dict[str, list[strawberry.ID]] = {key: [] for key in CriterionKey}
        for criterion in subscription.criteria.all():
            values[criterion.key].append(strawberry.ID(str(criterion.value)))
        policy = values[CriterionKey.POLICY]
        return cls(
            id=strawberry.ID(str(subscription.pk)),
            frequency=PushFrequency(subscription.frequency),
            match_all=subscription.match_all,
            active=subscription.active,
            audience_ids=values[CriterionKey.AUDIENCE],
            topic_ids=values[CriterionKey.TOPIC],
            organization_ids=values[CriterionKey.ORGANIZATION],
            policy_id=policy[0] if policy else None,
            profile=subscription.profile,
            created_at=subscription.created_at,
            ended_at=subscription.ended_at,
            end_reason=subscription.end_reason,
        )


@strawberry.type(name="ConsentRecord", description="一次推送同意的记录")
class ConsentRecordType:
    channel: PushChannelEnum
    template: str = strawberry.field(description="微信订阅消息模板 id；其他渠道为空")
    statement: str
    source: str
    granted_at: datetime.datetime
    withdrawn_at: datetime.datetime | None


@strawberry.type(name="PushMessageRecord", description="近 7 天发给本人的推送")
class PushMessageRecordType:
    kind: str
    status: MessageStatusEnum
    created_at: datetime.datetime
    sent_at: datetime.datetime | None


@strawberry.type(
    name="SubscriberData",
    description="本系统保存的关于本人的全部订阅数据（个人信息保护法第四十五条）",
)
class SubscriberDataType:
    channel: PushChannelEnum
    address: str
    subject: ProfileSubjectEnum
    status: SubscriberStatusEnum
    created_at: datetime.datetime
    confirmed_at: datetime.datetime | None
    unsubscribed_at: datetime.datetime | None
    subscriptions: list[SubscriptionCriteriaType]
    consents: list[ConsentRecordType]
    messages: list[PushMessageRecordType]

    @classmethod
    def of(cls, data: dict) -> SubscriberDataType:
        subscriber = data["subscriber"]
        return cls(
            channel=PushChannel(subscriber.channel),
            address=subscriber.address,
            subject=Subject(subscriber.subject),
            status=SubscriberStatus(subscriber.status),
            created_at=subscriber.created_at,
            confirmed_at=subscriber.confirmed_at,
            unsubscribed_at=subscriber.unsubscribed_at,
            subscriptions=[
                SubscriptionCriteriaType.of(s) for s in data["subscriptions"]
            ],
            consents=[
                ConsentRecordType(
                    channel=PushChannel(c.channel),
                    template=c.template,
                    statement=c.statement,
                    source=c.source,
                    granted_at=c.granted_at,
                    withdrawn_at=c.withdrawn_at,
                )
                for c in data["consents"]
            ],
            messages=[
                PushMessageRecordType(
                    kind=m.get_kind_display(),
                    status=MessageStatus(m.status),
                    created_at=m.created_at,
                    sent_at=m.sent_at,
                )
                for m in data["messages"]
            ],
        )


@strawberry.type(name="SubscriptionDone", description="操作已完成")
class SubscriptionDoneType:
    message: str


TYPES: tuple[type, ...] = ()


VerdictEnum = strawberry.enum(
    Verdict,
    name="PolicyMatchVerdict",
    description="符合、可能符合（还缺画像信息）、不符合",
)


@strawberry.type(name="ConditionCheck", description="一项申请条件及其判断")
class ConditionCheckType:
    field: str = strawberry.field(description="画像字段（ProfileInput 的字段名）")
    label: str = strawberry.field(description="字段的中文名，如 年龄")
    description: str = strawberry.field(
        description="条件的中文表述，如 年龄 小于等于 35 周岁"
    )

    @classmethod
    def of(cls, condition) -> ConditionCheckType:
        from strawberry.utils.str_converters import to_camel_case

        return cls(
            field=to_camel_case(condition.field),
            label=condition.profile_field.label,
            description=condition.describe(),
        )


@strawberry.type(name="PolicyMatch", description="政策计算器的一项结果：一个政策清单项")
class PolicyMatchType:
    item_id: strawberry.ID
    title: str = strawberry.field(description="政策项目")
    verdict: VerdictEnum
    met: list[ConditionCheckType] = strawberry.field(description="已符合的条件")
    unmet: list[ConditionCheckType] = strawberry.field(description="不符合的条件")
    unknown: list[ConditionCheckType] = strawberry.field(
        description="画像未提供、无法判断的条件（还需提供）"
    )
    checkable: bool = strawberry.field(
        description="清单项是否列有可自动判断的条件；为 false 时须对照申请条件原文"
    )
    requirements: str = strawberry.field(description="申请条件原文")
    benefit: str | None = strawberry.field(description="补贴标准的说明，如 5000 元")
    benefit_amount: float | None = strawberry.field(
        description="可估算的补贴金额；清单项未列金额时为空"
    )
    benefit_unit: str | None
    policy_id: strawberry.ID
    policy_title: str
    policy_url_path: str | None
    service_item_url: str | None = strawberry.field(description="一网通办办理入口")

    @classmethod
    def of(cls, match) -> PolicyMatchType:
        item = match.item
        policy = item.policy
        return cls(
            item_id=strawberry.ID(str(item.pk)),
            title=item.title,
            verdict=match.verdict,
            met=[ConditionCheckType.of(c) for c in match.result.met],
            unmet=[ConditionCheckType.of(c) for c in match.result.unmet],
            unknown=[ConditionCheckType.of(c) for c in match.result.unknown],
            checkable=match.checkable,
            requirements=item.requirements,
            benefit=item.benefit_display() or None,
            benefit_amount=(
                float(item.benefit_amount) if item.benefit_amount is not None else None
            ),
            benefit_unit=item.benefit_unit or None,
            policy_id=strawberry.ID(str(policy.pk)),
            policy_title=policy.title,
            policy_url_path=policy.url_path,
            service_item_url=(
                item.service_item.web_url if item.service_item_id else None
            )
            or None,
        )


@strawberry.type(name="PolicyMatches", description="政策计算器的结果")
class PolicyMatchesType:
    items: list[PolicyMatchType] = strawberry.field(
        description="符合的在前，其次是可能符合的（缺的信息少的在前），最后是不符合的"
    )
    matched: int = strawberry.field(description="完全符合的清单项数")
