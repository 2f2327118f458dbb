"""Admin panels the reviewed page types share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def direct_publish_panel() -> MultiFieldPanel:
    """The reason box for publishing without the workflow; only publishers see it."""
    return MultiFieldPanel(
        [FieldPanel("publish_reason")],
        heading=_("直接发布"),
        permission="review.add_directpublication",
        classname="collapsed",
    )
