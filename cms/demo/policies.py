"""Demo policies: imported through the JSONL import service, then completed.

The import format carries the record (文号, 日期, 机关, 分类, 正文); what it lacks — 责任科室,
规范性文件, the 三同步 flag, headings, attachments, amends relations — comes from
policy_extras.json and is saved as a second, published revision.

A policy already in the library is never imported again: the import service would reset
what the extras added (headings, 三同步) and publish a needless revision each time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from cms.core.importing import RowError
from cms.policies.doc_numbers import normalize_doc_number
from cms.policies.importing import import_policy_record
from cms.policies.models import PolicyAttachment, PolicyPage, PolicyRelation
from cms.taxonomy.models import Organization, ServiceItem

from . import documents
from .data import policy_key, read_json, read_jsonl
from .media import MediaLibrary

SECTION_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
# "1.深化重点领域信息公开。聚焦……": the numbered lead sentence is set in bold.
LEAD_SENTENCE_RE = re.compile(r"^(\d+\.[^。：；]{2,30}。)(.+)$")


def paragraphs(text: str) -> list[str]:
    return [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def _is_section_heading(text: str) -> bool:
    return bool(SECTION_HEADING_RE.match(text)) and len(text) <= 40 and "。" not in text


def body_blocks(
    text: str,
    *,
    titles: list[str] | tuple[str, ...] = (),
    callout: dict | None = None,
    table: dict | None = None,
) -> list[dict]:
    """Plain text to PolicyBodyBlock data: 一、… become headings, numbered leads bold."""
    section_level = "h3" if titles else "h2"
    blocks: list[dict] = []
    if callout:
        blocks.append(
            {
                "type": "callout",
                "value": {
                    "style": callout["style"],
                    "title": callout["title"],
                    "text": f"<p>{html.escape(callout['text'], quote=False)}</p>",
                },
            }
        )
    for paragraph in paragraphs(text):
        if paragraph in titles:
            blocks.append(
                {"type": "heading", "value": {"text": paragraph, "level": "h2"}}
            )
        elif _is_section_heading(paragraph):
            blocks.append(
                {
                    "type": "heading",
                    "value": {"text": paragraph, "level": section_level},
                }
            )
        elif match := LEAD_SENTENCE_RE.match(paragraph):
            lead, rest = (html.escape(part, quote=False) for part in match.groups())
            blocks.append({"type": "paragraph", "value": f"<p><b>{lead}</b>{rest}</p>"})
        else:
            escaped = html.escape(paragraph, quote=False)
            blocks.append({"type": "paragraph", "value": f"<p>{escaped}</p>"})
    if table:
        blocks.append(
            {
                "type": "table",
                "value": {
                    "data": table["rows"],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "table_header_choice": "both",
                    "table_caption": table["caption"],
                },
            }
        )
    return blocks


SIGNATURE_DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def pdf_paragraphs(
    text: str, *, titles: list[str] | tuple[str, ...] = (), issuers: list[str] = ()
) -> list[tuple[str, str]]:
    """(kind, text) for the printable version: title, heading, salutation, signature
    or body."""
    result = []
    for paragraph in paragraphs(text):
        if paragraph in titles:
            kind = "title"
        elif _is_section_heading(paragraph):
            kind = "heading"
        elif paragraph in issuers or SIGNATURE_DATE_RE.match(paragraph):
            kind = "signature"
        elif paragraph.endswith("：") and len(paragraph) <= 60:
            kind = "salutation"
        else:
            kind = "body"
        result.append((kind, paragraph))
    return result


@dataclass
class PolicyResult:
    pages: dict[str, PolicyPage] = field(default_factory=dict)
    imported: int = 0
    completed: int = 0
    submitted: int = 0


class DemoPolicies:
    """Imports policies.jsonl and applies policy_extras.json, idempotently."""

    def __init__(self, *, parent, editor, media: MediaLibrary):
        self.parent = parent
        self.editor = editor
        self.media = media
        self.records = read_jsonl("policies.jsonl")
        self.extras: dict[str, dict] = read_json("policy_extras.json")
        self.result = PolicyResult()

    # --- step 1: the import -----------------------------------------------------------
    def import_records(self) -> dict[str, PolicyPage]:
        for record in self.records:
            page = self._existing(record)
            if page is None:
                try:
                    page, _status = import_policy_record(
                        record, parent=self.parent, user=None
                    )
                except RowError as error:
                    raise RowError(f"《{record['title']}》：{error}") from error
                self.result.imported += 1
            self.result.pages[policy_key(record)] = page
        return self.result.pages

    @staticmethod
    def _existing(record: dict) -> PolicyPage | None:
        # The same matching rule as the import service: 发文字号, else 标题 + 成文日期.
        normalized = normalize_doc_number(record.get("doc_number"))
        if normalized:
            return PolicyPage.objects.filter(doc_number_normalized=normalized).first()
        return PolicyPage.objects.filter(
            title=record["title"], written_date=record["written_date"]
        ).first()

    # --- step 2: service items ----------------------------------------------------------
    @staticmethod
    def complete_service_items() -> None:
        for code, extras in read_json("service_items.json").items():
            item = ServiceItem.objects.filter(code=code).first()
            if item is None:
                continue
            wanted = {
                "description": extras.get("description", ""),
                "miniprogram_appid": extras.get("miniprogram_appid", ""),
                "miniprogram_path": extras.get("miniprogram_path", ""),
            }
            organization = Organization.objects.filter(
                name=extras.get("organization")
            ).first()
            changed = [
                name for name, value in wanted.items() if getattr(item, name) != value
            ]
            for name in changed:
                setattr(item, name, wanted[name])
            if organization and item.organization_id != organization.pk:
                item.organization = organization
                changed.append("organization")
            if changed:
                item.full_clean()
                item.save()

    # --- step 3: the extras, after interpretations exist (三同步) -----------------------
    def complete(self) -> None:
        for record in self.records:
            key = policy_key(record)
            page = self.result.pages[key]
            extras = self.extras.get(key, {})
            self._complete_one(page, record, extras)

    def _complete_one(self, page: PolicyPage, record: dict, extras: dict) -> None:
        page = PolicyPage.objects.get(pk=page.pk)
        current = page.get_latest_revision_as_object()
        wanted = self._wanted_state(current, record, extras)
        draft = extras.get("draft") == "review"
        if self._state(current) != wanted["state"]:
            current.department = wanted["department"]
            current.is_normative = wanted["state"]["is_normative"]
            current.interpretation_required = wanted["state"]["interpretation_required"]
            current.body = wanted["body"]
            current.attachments = [
                PolicyAttachment(document=document, title=title, sort_order=order)
                for order, (document, title) in enumerate(wanted["attachments"])
            ]
            current.relations = [
                PolicyRelation(relation_type=kind, target=target, sort_order=order)
                for order, (kind, target) in enumerate(wanted["relations"])
            ]
            if current.owner_id is None:
                current.owner = self.editor
            if draft and current.live:
                # The import publishes every record; a policy still in review is taken
                # off the site again, with its draft content as the page's own row.
                current.unpublish(user=None, log_action=False)
            revision = current.save_revision(user=self.editor)
            if not draft:
                revision.publish(user=None, skip_permission_checks=True)
            self.result.completed += 1
        if draft:
            self._submit(page)

    def _submit(self, page: PolicyPage) -> None:
        page = PolicyPage.objects.get(pk=page.pk)
        if page.live or page.workflow_states.exists():
            return
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, self.editor)
            self.result.submitted += 1

    @staticmethod
    def _state(page: PolicyPage) -> dict:
        return {
            "department": page.department_id,
            "is_normative": page.is_normative,
            "interpretation_required": page.interpretation_required,
            "body": [
                (child.block_type, child.block.get_prep_value(child.value))
                for child in page.body
            ],
            "attachments": [(a.document_id, a.title) for a in page.attachments.all()],
            "relations": [(r.relation_type, r.target_id) for r in page.relations.all()],
        }

    def _wanted_state(self, page: PolicyPage, record: dict, extras: dict) -> dict:
        department = Organization.objects.get(name=extras.get("department", "办公室"))
        body = body_blocks(
            record["body"],
            titles=extras.get("headings", ()),
            callout=extras.get("callout"),
            table=extras.get("table"),
        )
        attachments = [
            (self._attachment(page, record, extras, spec), spec["title"])
            for spec in extras.get("attachments", [])
        ]
        relations = [
            (relation["type"], self.result.pages[relation["target"]])
            for relation in extras.get("relations", [])
        ]
        return {
            "department": department,
            "body": body,
            "attachments": attachments,
            "relations": relations,
            "state": {
                "department": department.pk,
                "is_normative": bool(extras.get("is_normative")),
                "interpretation_required": bool(extras.get("interpretation_required")),
                "body": [(block["type"], block["value"]) for block in body],
                "attachments": [
                    (document.pk, title) for document, title in attachments
                ],
                "relations": [(kind, target.pk) for kind, target in relations],
            },
        }

    def _attachment(self, page: PolicyPage, record: dict, extras: dict, spec: dict):
        stem = page.index_number.replace("/", "-") or f"policy-{page.pk}"
        if spec["kind"] == "xlsx":
            listing = read_json("employment_policy_list.json")
            return self.media.document(
                title=spec["title"],
                filename=f"{stem}.xlsx",
                make=lambda: documents.policy_list_xlsx(
                    title=listing["title"],
                    columns=listing["columns"],
                    rows=listing["rows"],
                ),
            )
        issuers = "、".join(record["issuing_orgs"])
        footer = f"公开属性：主动公开　　{issuers}　{record['publish_date']} 发布"
        return self.media.document(
            title=spec["title"],
            filename=f"{stem}.pdf",
            make=lambda: documents.policy_pdf(
                title=record["title"],
                doc_number=record.get("doc_number") or "",
                paragraphs=pdf_paragraphs(
                    record["body"],
                    titles=extras.get("headings", ()),
                    issuers=record["issuing_orgs"],
                ),
                footer=footer,
            ),
        )
