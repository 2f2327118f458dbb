"""Factories for the content model (factory_boy + wagtail-factories)."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from cms.interpretations.models import InterpretationPage, InterpretedPolicy
from cms.policies.models import PolicyIssuer, PolicyPage
from cms.taxonomy.models import Organization, OrganizationLevel


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试机构{n}")
    level = OrganizationLevel.DISTRICT


class PolicyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PolicyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"关于做好第{n}批就业补贴申领工作的通知")
    doc_number = factory.Sequence(lambda n: f"闵人社发〔2025〕{n + 100}号")
    written_date = datetime.date(2025, 6, 17)
    publish_date = datetime.date(2025, 6, 17)
    summary = "为进一步做好就业补贴申领工作，现将有关事项通知如下。"
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>各有关单位：现将有关事项通知如下。</p>"))]
    )

    @factory.post_generation
    def issuers(obj, create, extracted, **kwargs):
        organizations = extracted or []
        for order, organization in enumerate(organizations):
            PolicyIssuer.objects.create(
                page=obj, organization=organization, sort_order=order
            )


class InterpretationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InterpretationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"一图读懂就业补贴政策（{n}）")
    body = factory.LazyFunction(
        lambda: [
            (
                "qa",
                {
                    "heading": "简明问答",
                    "items": [
                        {
                            "question": "谁可以申请？",
                            "answer": RichText("<p>符合条件的用人单位。</p>"),
                        }
                    ],
                },
            )
        ]
    )

    @factory.post_generation
    def policies(obj, create, extracted, **kwargs):
        for order, policy in enumerate(extracted or []):
            InterpretedPolicy.objects.create(page=obj, policy=policy, sort_order=order)
