"""Demo open activities: the three 2025 政府开放月 visits and one still to come."""

from __future__ import annotations

import datetime
import html

from django.utils import timezone

from cms.events.models import OpenEventPage
from cms.taxonomy.models import Audience, Organization

from .data import read_json


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    naive = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _schedule(spec: dict) -> dict:
    """Fixed ISO times, or — for the activity still to come — times relative to today,
    so its registration window is open whenever the demo is loaded."""
    relative = spec.get("relative")
    if relative is None:
        return {
            name: datetime.datetime.fromisoformat(spec[name])
            for name in (
                "start_at",
                "end_at",
                "registration_opens_at",
                "registration_closes_at",
            )
        }
    today = timezone.localdate()
    day = today + datetime.timedelta(days=relative["start_in_days"])
    return {
        "start_at": _at(day, relative["start"]),
        "end_at": _at(day, relative["end"]),
        "registration_opens_at": _at(
            today - datetime.timedelta(days=relative["registration_opened_days_ago"]),
            "09:00",
        ),
        "registration_closes_at": _at(
            day - datetime.timedelta(days=relative["registration_closes_days_before"]),
            "17:00",
        ),
    }


class DemoEvents:
    def __init__(self, *, parent, editor):
        self.parent = parent
        self.editor = editor
        self.created = 0

    def load(self) -> list[OpenEventPage]:
        pages = []
        for spec in read_json("events.json"):
            page = (
                OpenEventPage.objects.child_of(self.parent)
                .filter(slug=spec["slug"])
                .first()
            )
            if page is None:
                page = self._create(spec)
            pages.append(page)
        return pages

    def _create(self, spec: dict) -> OpenEventPage:
        description = "".join(
            f"<p>{html.escape(text, quote=False)}</p>" for text in spec["description"]
        )
        page = OpenEventPage(
            title=spec["title"],
            slug=spec["slug"],
            series=spec["series"],
            theme=spec["theme"],
            venue_type=spec["venue_type"],
            venue_name=spec["venue_name"],
            address=spec["address"],
            capacity=spec["capacity"],
            max_people_per_registration=spec["max_people_per_registration"],
            audience_note=spec["audience_note"],
            organizer=Organization.objects.filter(name=spec["organizer"]).first(),
            summary=spec["summary"],
            description=description,
            owner=self.editor,
            live=False,
            **_schedule(spec),
        )
        page.audiences = list(Audience.objects.filter(name__in=spec["audiences"]))
        self.parent.add_child(instance=page)
        page.save_revision(user=self.editor).publish(
            user=None, skip_permission_checks=True
        )
        self.created += 1
        return page
