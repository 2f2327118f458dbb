"""The persisted-query allow-list in the admin, under 设置."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PersistedQuery


class PersistedQueryViewSet(SnippetViewSet):
    model = PersistedQuery
    icon = "code"
    menu_label = "持久化查询白名单"
    add_to_settings_menu = True
    list_display = ["name", "sha256", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["name", "sha256"]
    panels = [FieldPanel("name"), FieldPanel("query"), FieldPanel("enabled")]


register_snippet(PersistedQueryViewSet)
