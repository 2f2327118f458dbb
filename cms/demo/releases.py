"""Demo FAQs and integrated releases (集成式发布) that bundle policies and services."""

from __future__ import annotations

import html

from cms.releases.models import FAQ, IntegratedReleasePage
from cms.taxonomy.models import Audience, Organization, ServiceItem, Topic

from .data import read_json


def load_faqs() -> tuple[dict[str, FAQ], int]:
    """FAQs by their data key; a FAQ is found again by its question."""
    faqs: dict[str, FAQ] = {}
    created = 0
    for spec in read_json("faqs.json"):
        faq = FAQ.objects.filter(question=spec["question"]).first()
        if faq is None:
            faq = FAQ.objects.create(
                question=spec["question"],
                answer=f"<p>{html.escape(spec['answer'], quote=False)}</p>",
                department=Organization.objects.filter(name=spec["department"]).first(),
            )
            faq.topics.set(Topic.objects.filter(name__in=spec["topics"]))
            created += 1
        faqs[spec["key"]] = faq
    return faqs, created


class DemoReleases:
    def __init__(self, *, parent, editor, policies, interpretations, faqs):
        self.parent = parent
        self.editor = editor
        self.policies = policies
        self.interpretations = interpretations
        self.faqs = faqs
        self.created = 0

    def load(self) -> list[IntegratedReleasePage]:
        pages = []
        for spec in read_json("releases.json"):
            page = (
                IntegratedReleasePage.objects.child_of(self.parent)
                .filter(slug=spec["slug"])
                .first()
            )
            if page is None:
                page = self._create(spec)
            pages.append(page)
        return pages

    def _create(self, spec: dict) -> IntegratedReleasePage:
        page = IntegratedReleasePage(
            title=spec["title"],
            slug=spec["slug"],
            theme=spec["theme"],
            summary=spec["summary"],
            body=[self._section(section) for section in spec["sections"]],
            owner=self.editor,
            live=False,
        )
        page.topics = list(Topic.objects.filter(name__in=spec["topics"]))
        page.audiences = list(Audience.objects.filter(name__in=spec["audiences"]))
        self.parent.add_child(instance=page)
        page.save_revision(user=self.editor).publish(
            user=None, skip_permission_checks=True
        )
        self.created += 1
        return page

    def _section(self, section: dict) -> dict:
        return {
            "type": "section",
            "value": {
                "title": section["title"],
                "intro": section.get("intro", ""),
                "items": [self._item(item) for item in section["items"]],
            },
        }

    def _item(self, item: dict) -> dict:
        kind = item["type"]
        if kind == "policy":
            value = {
                "policy": self.policies[item["doc_number"]].pk,
                "note": item.get("note", ""),
            }
        elif kind == "interpretation":
            value = {"interpretation": self.interpretations[item["slug"]].pk}
        elif kind == "service_item":
            value = {"service_item": ServiceItem.objects.get(code=item["code"]).pk}
        elif kind == "faq":
            value = {"faq": self.faqs[item["key"]].pk}
        else:
            raise ValueError(f"unknown release item: {kind}")
        return {"type": kind, "value": value}
