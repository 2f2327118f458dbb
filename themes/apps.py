from __future__ import annotations

from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "前端主题"
