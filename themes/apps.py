from __future__ import annotations

from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "前端主题"

    def ready(self) -> None:
        from wagtail.models import get_page_models

        from .preview import install_preview_modes

        install_preview_modes(get_page_models())
