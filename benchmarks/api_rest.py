"""Wagtail's REST API v2 serving the policies the GraphQL benchmark reads.

The models declare no ``api_fields`` (models are not shaped for one API), so the
fields are declared on this endpoint instead. The queryset is prefetched as a
careful Wagtail developer would configure it, so the comparison is with a REST API
v2 without N+1 queries, not with the naive default.
"""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from cms.interpretations.models import InterpretedPolicy
from cms.interpretations.selectors import LINKS_NEWEST_FIRST, public_interpretations
from cms.policies.models import Disclosure, PolicyIssuer, PolicyPage


class NamesField(serializers.Field):
    """The names of a to-many relation (prefetched), in its order."""

    def __init__(self, *, attribute: str | None = None, **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        items = value.all()
        if self.attribute:
            items = [getattr(item, self.attribute) for item in items]
        return [item.name for item in items]


class InterpretationTitlesField(serializers.Field):
    """Titles of the live, public interpretations of a policy, newest first."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        return [link.page.title for link in page.public_interpretation_links]


POLICY_FIELDS = [
    APIField("doc_number"),
    APIField("index_number"),
    APIField("written_date"),
    APIField("publish_date"),
    APIField("summary"),
    APIField("topic_names", serializer=NamesField(source="topics")),
    APIField(
        "issuing_organizations",
        serializer=NamesField(source="issuers", attribute="organization"),
    ),
    APIField("interpretation_titles", serializer=InterpretationTitlesField()),
    APIField("body"),
]
LIST_FIELDS = [
    "doc_number",
    "index_number",
    "publish_date",
    "topic_names",
    "issuing_organizations",
    "interpretation_titles",
]


class PolicyPagesAPIViewSet(PagesAPIViewSet):
    """/api/v2/policies/: public policies, newest first, with their record fields."""

    model = PolicyPage
    name = "policies"
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body"]

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, PolicyPage):
            fields = [*fields, *POLICY_FIELDS]
        return fields

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        links = (
            InterpretedPolicy.objects.filter(
                page__in=public_interpretations(site=site).values("pk")
            )
            .select_related("page")
            .order_by(*LINKS_NEWEST_FIRST)
        )
        return (
            super()
            .get_queryset()
            .filter(disclosure=Disclosure.PUBLIC)
            .order_by("-publish_date", "-pk")
            .prefetch_related(
                "topics",
                Prefetch(
                    "issuers",
                    queryset=PolicyIssuer.objects.select_related(
                        "organization"
                    ).order_by("sort_order"),
                ),
                Prefetch(
                    "interpretation_links",
                    queryset=links,
                    to_attr="public_interpretation_links",
                ),
            )
        )
