"""The shared vocabulary in the admin, grouped under 分类与机构."""

from __future__ import annotations

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Organization, ServiceItem, Topic


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    list_display = ["name", "short_name", "level", "credit_code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["__str__", "slug", "sort_order"]
    list_filter = ["parent"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "user"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]


class ServiceItemViewSet(SnippetViewSet):
    model = ServiceItem
    icon = "link"
    list_display = ["name", "code", "organization", "web_url"]
    search_fields = ["name", "code"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "分类与机构"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (OrganizationViewSet, TopicViewSet, AudienceViewSet, ServiceItemViewSet)


register_snippet(TaxonomyGroup)
