from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "cms.media"
    label = "cms_media"
    verbose_name = "文件与图片的公开范围"

    def ready(self) -> None:
        from . import signals  # noqa: F401
