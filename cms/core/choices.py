"""Choices more than one domain shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Disclosure(models.TextChoices):
    """公开属性 (政府信息公开条例 第十三条、第十四条、第十五条、第十六条).

    Only 主动公开 content is ever public; the other two never leave the admin.
    """

    PUBLIC = "public", _("主动公开")
    ON_APPLICATION = "on_application", _("依申请公开")
    NOT_PUBLIC = "not_public", _("不予公开")
