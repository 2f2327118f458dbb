"""Factories for releases, events, FAQs and service items (the API tests use them)."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cms.events.models import OpenEventPage, VenueType
from cms.releases.models import FAQ, IntegratedReleasePage
from cms.taxonomy.models import ServiceItem


class IntegratedReleasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = IntegratedReleasePage

    title = factory.Sequence(lambda n: f"稳就业政策集成式发布（{n}）")
    theme = "稳就业"
    summary = "一站式了解稳就业相关政策、解读和办事入口。"
    body = factory.LazyFunction(list)


class OpenEventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OpenEventPage

    title = factory.Sequence(lambda n: f"走进15分钟就业服务站点（{n}）")
    series = "2025 政府开放月"
    theme = "稳就业"
    venue_type = VenueType.EMPLOYMENT_STATION
    venue_name = "莘庄镇社区就业服务站"
    address = "莘庄镇莘建路 1 号"
    start_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    )
    end_at = factory.LazyAttribute(lambda o: o.start_at + datetime.timedelta(hours=2))
    capacity = 30
    registration_opens_at = factory.LazyAttribute(
        lambda o: o.start_at - datetime.timedelta(days=20)
    )
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.start_at - datetime.timedelta(days=1)
    )
    audience_note = "市民群众、企业人事负责人"
    summary = "参观就业服务站点，体验“家门口”的就业服务。"
    description = "<p>欢迎报名参加。</p>"


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    question = factory.Sequence(lambda n: f"如何申领一次性吸纳就业补贴？（{n}）")
    answer = "<p>登录“一网通办”提交申请。</p>"


class ServiceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceItem

    name = factory.Sequence(lambda n: f"一次性吸纳就业补贴申领（{n}）")
    code = factory.Sequence(lambda n: f"3101120000{n:04d}")
    web_url = factory.Sequence(lambda n: f"https://zwdt.sh.gov.cn/item/{n}")
