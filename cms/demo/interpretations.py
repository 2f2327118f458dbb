"""Demo interpretations in every format and role, each linked to its policies."""

from __future__ import annotations

import html

from cms.interpretations.models import InterpretationPage, InterpretedPolicy
from cms.policies.models import PolicyPage
from cms.taxonomy.models import Organization

from . import documents
from .data import read_json
from .media import MediaLibrary


def _paragraphs_html(text: str) -> str:
    chunks = [chunk.strip() for chunk in text.split("\n\n") if chunk.strip()]
    return "".join(f"<p>{html.escape(chunk, quote=False)}</p>" for chunk in chunks)


class DemoInterpretations:
    """Creates interpretations.json's pages under the interpretation index, once each."""

    def __init__(
        self, *, parent, editor, media: MediaLibrary, policies: dict[str, PolicyPage]
    ):
        self.parent = parent
        self.editor = editor
        self.media = media
        self.policies = policies
        self.pages: dict[str, InterpretationPage] = {}
        self.created = 0
        self.submitted = 0

    def load(self) -> dict[str, InterpretationPage]:
        for spec in read_json("interpretations.json"):
            page = (
                InterpretationPage.objects.child_of(self.parent)
                .filter(slug=spec["slug"])
                .first()
            )
            if page is None:
                page = self._create(spec)
            self.pages[spec["slug"]] = page
        return self.pages

    def _create(self, spec: dict) -> InterpretationPage:
        page = InterpretationPage(
            title=spec["title"],
            slug=spec["slug"],
            role=spec["role"],
            interpreter_name=spec["interpreter_name"],
            department=Organization.objects.get(name=spec["department"]),
            publish_date=spec["publish_date"],
            summary=spec["summary"],
            body=[self._block(block) for block in spec["body"]],
            owner=self.editor,
            live=False,
        )
        page.interpreted_policies = [
            InterpretedPolicy(policy=self.policies[key], sort_order=order)
            for order, key in enumerate(spec["policies"])
        ]
        self.parent.add_child(instance=page)
        revision = page.save_revision(user=self.editor)
        self.created += 1
        if spec.get("status", "live") == "live":
            revision.publish(user=None, skip_permission_checks=True)
        else:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, self.editor)
                self.submitted += 1
        return page

    def _block(self, block: dict) -> dict:
        kind = block["type"]
        if kind == "paragraph":
            return {"type": "paragraph", "value": _paragraphs_html(block["text"])}
        if kind == "qa":
            items = [
                {"question": item["q"], "answer": _paragraphs_html(item["a"])}
                for item in block["items"]
            ]
            return {
                "type": "qa",
                "value": {"heading": block["heading"], "items": items},
            }
        if kind == "infographic":
            return {
                "type": "infographic",
                "value": {
                    "image": self.media.image(block["image"]).pk,
                    "alt_text": block["alt_text"],
                    "long_description": block["long_description"],
                    "caption": block.get("caption", ""),
                },
            }
        if kind == "video":
            captions = block["captions"]
            captions_document = self.media.document(
                title=captions["title"],
                filename=f"{block['poster']['key']}.zh-hans.vtt",
                make=lambda: documents.webvtt(captions["cues"]),
            )
            return {
                "type": "video",
                "value": {
                    "title": block["title"],
                    "video_file": None,
                    "video_url": block["video_url"],
                    "poster": self.media.image(block["poster"]).pk,
                    "captions": captions_document.pk,
                    "duration": block["duration"],
                    "transcript": block["transcript"],
                },
            }
        if kind == "live":
            return {
                "type": "live",
                "value": {
                    "title": block["title"],
                    "start_time": block["start_time"],
                    "status": block["status"],
                    "stream_url": block.get("stream_url", ""),
                    "replay_url": block.get("replay_url", ""),
                    "poster": self.media.image(block["poster"]).pk,
                    "description": block.get("description", ""),
                },
            }
        raise ValueError(f"unknown interpretation block: {kind}")
