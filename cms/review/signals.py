"""三同步: when a policy goes live, its approved interpretations go live with it."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def publish_interpretations_with_policy(sender, instance, revision, **kwargs):
    from cms.policies.models import PolicyPage

    from .services import copublish_interpretations

    if isinstance(instance, PolicyPage) and instance.interpretation_required:
        copublish_interpretations(instance)
