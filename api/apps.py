"""The API app: wires cache invalidation to every change the API could show."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "GraphQL 接口"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail import signals as wagtail_signals

        from cms.core import selectors
        from cms.core.importing.records import records_written
        from cms.events.services import registrations_changed

        from . import cache, persisted
        from .models import PersistedQuery

        # Every public read excludes the restricted sections: read them once per
        # generation (a PageViewRestriction, page or site change bumps it).
        selectors.use_restricted_sections(
            cache.GenerationMemo(selectors.read_restricted_sections)
        )

        # Pages: publish, unpublish and move have their own signals; deletes
        # and full saves of live pages come through the model signals below.
        for name in (
            "page_published",
            "page_unpublished",
            "post_page_move",
            # Snippets with draft state (DraftStateMixin) publish through these.
            "published",
            "unpublished",
        ):
            getattr(wagtail_signals, name).connect(
                cache.on_page_changed, dispatch_uid=f"api.cache.{name}"
            )
        # Connected without a sender: the receivers pick pages and watched models
        # (snippets, taxonomy, images, documents, settings, redirects, sites), so
        # models registered later are covered too.
        pre_save.connect(cache.on_pre_save, dispatch_uid="api.cache.pre_save")
        post_save.connect(cache.on_saved, dispatch_uid="api.cache.saved")
        post_delete.connect(cache.on_deleted, dispatch_uid="api.cache.deleted")
        m2m_changed.connect(cache.on_m2m_changed, dispatch_uid="api.cache.m2m")

        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                persisted.forget_registered,
                sender=PersistedQuery,
                dispatch_uid=f"api.persisted.{name}",
            )
        # remainingPlaces is part of event responses: a registration, a cancellation
        # or a promotion from the waitlist (sent after commit) orphans them.
        # Imports write records in bulk, without post_save.
        records_written.connect(
            cache.on_records_written, dispatch_uid="api.cache.import"
        )
        registrations_changed.connect(
            cache.on_registrations_changed, dispatch_uid="api.cache.registrations"
        )
