"""Bulk import of policies that are already public: CSV, Excel (.xlsx) or JSON Lines,
read by the import kernel (cms/core/importing).

A row holds the fields in ``COLUMNS``; a file's header may name them in Chinese (标题,
发文字号 ...) or as in JSON Lines (title, doc_number ...). In CSV and Excel, several
names (发文机关, 主题分类, 服务对象) go one a line or separated by ；, and each
一网通办事项 on a line of its own as 名称|事项编码|网址.

Re-importing a file updates the same pages in place: a record is matched by 索引号, else
by 发文字号 in its normalized form, else by 标题 + 成文日期. Every record goes live at
once through a revision logged as ``cms.import``; a record whose content is already live
makes no revision at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.log_actions import LogContext
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.core.importing import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ChoiceColumn,
    Column,
    DateColumn,
    NamesColumn,
    Row,
    RowByRowImporter,
    RowError,
    TextColumn,
    validation_message,
)
from cms.review.mixins import PublishRefused
from cms.taxonomy.models import (
    Audience,
    AudienceKind,
    Organization,
    OrganizationLevel,
    ServiceItem,
    Topic,
)

from .doc_numbers import normalize_doc_number
from .models import (
    Disclosure,
    PolicyIndexPage,
    PolicyIssuer,
    PolicyPage,
    PolicyServiceItem,
    ValidityOverride,
)

IMPORT_LOG_ACTION = "cms.import"

# 有效 leaves the override empty, so validity follows the 施行/失效 dates.
VALIDITY_OVERRIDES = {
    "有效": "",
    "失效": ValidityOverride.EXPIRED,
    "废止": ValidityOverride.REPEALED,
    "已修订": ValidityOverride.AMENDED,
}

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u3000]*\n")


@dataclass(frozen=True)
class _ServiceItemSpec:
    name: str
    code: str
    url: str


class ServiceItemsColumn(Column):
    """一网通办事项: a JSON list of {"name", "code", "url"}, or in a cell one item a
    line as 名称|事项编码|网址 (编码 and 网址 may be left out)."""

    def empty(self) -> list[_ServiceItemSpec]:
        return []

    def convert(self, raw: Any) -> list[_ServiceItemSpec]:
        if isinstance(raw, str):
            specs = []
            lines = [line for line in raw.splitlines() if line.strip()]
            for position, line in enumerate(lines, start=1):
                parts = [part.strip() for part in line.split("|")]
                if len(parts) > 3:
                    raise RowError(
                        f"{self.label}第 {position} 项应写作 名称|事项编码|网址"
                    )
                item = dict(zip(("name", "code", "url"), parts, strict=False))
                specs.append(self._spec(position, item))
            return specs
        if not isinstance(raw, list):
            raise RowError(f"{self.label}应为列表")
        specs = []
        for position, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                raise RowError(f"{self.label}第 {position} 项应为对象")
            specs.append(self._spec(position, item))
        return specs

    def _spec(self, position: int, item: dict) -> _ServiceItemSpec:
        parts = {}
        for key in ("name", "code", "url"):
            part = item.get(key)
            if part is not None and not isinstance(part, str):
                raise RowError(f"{self.label}第 {position} 项的 {key} 应为文本")
            parts[key] = (part or "").strip()
        if not parts["name"]:
            raise RowError(f"{self.label}第 {position} 项缺少名称")
        return _ServiceItemSpec(**parts)


COLUMNS = (
    TextColumn("title", "标题", required=True),
    TextColumn("doc_number", "发文字号"),
    TextColumn("index_number", "索引号"),
    NamesColumn("issuing_orgs", "发文机关"),
    NamesColumn("topics", "主题分类"),
    NamesColumn("audiences", "服务对象"),
    DateColumn("written_date", "成文日期", required=True),
    DateColumn("publish_date", "发布日期"),
    DateColumn("effective_date", "施行日期"),
    DateColumn("expiry_date", "失效日期"),
    ChoiceColumn("validity", "有效性", choices=VALIDITY_OVERRIDES, default=""),
    TextColumn("summary", "摘要"),
    TextColumn("body", "正文"),
    ServiceItemsColumn("service_items", "一网通办事项"),
)


def _body(text: str) -> list[str]:
    """Plain text to paragraph HTML; a blank line separates paragraphs."""
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK_RE.split(text.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            paragraphs.append(
                "<p>"
                + "<br/>".join(html.escape(line, quote=False) for line in lines)
                + "</p>"
            )
    return paragraphs


# --- vocabulary ----------------------------------------------------------------------
def _checked_create(obj: models.Model, what: str) -> models.Model:
    try:
        obj.full_clean()
    except ValidationError as error:
        message = validation_message(error, type(obj))
        raise RowError(f"无法创建{what}：{message}") from None
    obj.save()
    return obj


def _unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
    from pypinyin import lazy_pinyin  # on first use: its dictionaries hold ~56 MiB

    base = slugify("-".join(lazy_pinyin(name)))[:50].strip("-") or fallback
    slug, suffix = base, 1
    while model.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _organization(name: str) -> Organization:
    existing = Organization.objects.filter(name=name).first()
    if existing:
        return existing
    organization = Organization(name=name, level=OrganizationLevel.DISTRICT)
    return _checked_create(organization, f"发文机关“{name}”")


def _topic(name: str) -> Topic:
    existing = Topic.objects.filter(name=name).order_by("pk").first()
    if existing:
        return existing
    topic = Topic(name=name, slug=_unique_slug(Topic, name, "topic"))
    return _checked_create(topic, f"主题分类“{name}”")


def _audience(name: str) -> Audience:
    existing = Audience.objects.filter(name=name).first()
    if existing:
        return existing
    audience = Audience(
        name=name,
        slug=_unique_slug(Audience, name, "audience"),
        kind=AudienceKind.PERSON,
    )
    return _checked_create(audience, f"服务对象“{name}”")


def _service_item(spec: _ServiceItemSpec) -> ServiceItem:
    # An existing item is its department's to maintain: the import links it as it is.
    existing = None
    if spec.code:
        existing = ServiceItem.objects.filter(code=spec.code).first()
    if existing is None:
        existing = ServiceItem.objects.filter(name=spec.name).order_by("pk").first()
    if existing:
        return existing
    item = ServiceItem(name=spec.name, code=spec.code or None, web_url=spec.url)
    return _checked_create(item, f"一网通办事项“{spec.name}”")


# --- pages ---------------------------------------------------------------------------
def _find_existing(record: dict) -> PolicyPage | None:
    if record["index_number"]:
        page = PolicyPage.objects.filter(index_number=record["index_number"]).first()
        if page:
            return page
    normalized = normalize_doc_number(record["doc_number"])
    if normalized:
        pages = list(PolicyPage.objects.filter(doc_number_normalized=normalized)[:2])
        if len(pages) > 1:
            raise RowError(
                f"发文字号 {record['doc_number']} 对应多条已有政策，无法确定更新哪一条"
            )
        if pages:
            return pages[0]
    candidates = PolicyPage.objects.filter(
        title=record["title"], written_date=record["written_date"]
    )
    if normalized:
        # The same title and date under another 发文字号 is a different document.
        candidates = candidates.filter(doc_number_normalized="")
    pages = list(candidates[:2])
    if len(pages) > 1:
        raise RowError("标题和成文日期相同的已有政策不止一条，无法确定更新哪一条")
    return pages[0] if pages else None


def _content(page: PolicyPage) -> dict:
    """What an import sets on a page, in a form that compares equal when unchanged."""
    return {
        "title": page.title,
        "doc_number": page.doc_number,
        "index_number": page.index_number,
        "written_date": page.written_date,
        "publish_date": page.publish_date,
        "effective_date": page.effective_date,
        "expiry_date": page.expiry_date,
        "validity_override": page.validity_override,
        "disclosure": page.disclosure,
        "interpretation_required": page.interpretation_required,
        "summary": page.summary,
        "body": _body_source(page),
        "topics": sorted(topic.pk for topic in page.topics.all()),
        "audiences": sorted(audience.pk for audience in page.audiences.all()),
        "issuers": [link.organization_id for link in page.issuers.all()],
        "service_items": [
            link.service_item_id for link in page.service_item_links.all()
        ],
    }


def _body_source(page: PolicyPage) -> list:
    return [
        (child.block_type, child.block.get_prep_value(child.value))
        for child in page.body
    ]


def _apply(page: PolicyPage, record: dict) -> None:
    """Set the record's values on the page, in memory; child rows are kept if equal."""
    page.title = record["title"]
    page.doc_number = record["doc_number"]
    if record["index_number"]:
        page.index_number = record["index_number"]
    page.written_date = record["written_date"]
    page.publish_date = record["publish_date"]
    page.effective_date = record["effective_date"]
    page.expiry_date = record["expiry_date"]
    page.validity_override = record["validity"]
    page.disclosure = Disclosure.PUBLIC
    page.interpretation_required = False
    page.summary = record["summary"]
    if _body_source(page) != [("paragraph", source) for source in record["body"]]:
        page.body = [("paragraph", RichText(source)) for source in record["body"]]
    page.topics = [_topic(name) for name in record["topics"]]
    page.audiences = [_audience(name) for name in record["audiences"]]

    organizations = [_organization(name) for name in record["issuing_orgs"]]
    if [link.organization_id for link in page.issuers.all()] != [
        o.pk for o in organizations
    ]:
        page.issuers = [
            PolicyIssuer(organization=organization, sort_order=order)
            for order, organization in enumerate(organizations)
        ]
    items = list(dict.fromkeys(_service_item(spec) for spec in record["service_items"]))
    current_items = [link.service_item_id for link in page.service_item_links.all()]
    if current_items != [item.pk for item in items]:
        page.service_item_links = [
            PolicyServiceItem(service_item=item, sort_order=order)
            for order, item in enumerate(items)
        ]


def _publish(page: PolicyPage, *, user) -> None:
    try:
        revision = page.save_revision(user=user, log_action=False)
        revision.publish(
            user=user, log_action=IMPORT_LOG_ACTION, skip_permission_checks=True
        )
    except ValidationError as error:
        raise RowError(validation_message(error, PolicyPage)) from None
    except PublishRefused as error:
        raise RowError(f"无法发布：{error}") from None


def policy_index(parent=None) -> PolicyIndexPage:
    """The library new policies go into: ``parent``, or the first one in the tree."""
    if parent is None:
        parent = PolicyIndexPage.objects.order_by("path").first()
        if parent is None:
            raise RowError("还没有政策文件库页面，请先运行 python manage.py setup_cms")
    if isinstance(parent, Page):
        parent = parent.specific
    if not isinstance(parent, PolicyIndexPage):
        raise RowError(f"页面“{parent}”不是政策文件库，不能放入政策")
    return parent


class PolicyImporter(RowByRowImporter):
    """Policies, one page each: created, or updated in place, and published."""

    label = "政策"
    columns = COLUMNS

    def __init__(self, *, parent=None, user=None) -> None:
        super().__init__()
        self.parent = policy_index(parent)
        self.user = user

    def clean(self, record: dict) -> dict:
        # Historic records without a 发布日期 take the 成文日期, so re-imports stay
        # stable.
        record["publish_date"] = record["publish_date"] or record["written_date"]
        if record["publish_date"] < record["written_date"]:
            raise RowError("发布日期不能早于成文日期")
        record["body"] = _body(record["body"])
        return record

    def write_row(self, row: Row) -> str:
        # Wagtail logs the page's creation too; the context puts the importer's name
        # on it.
        with LogContext(user=self.user):
            status = self._write(row)
        row.obj = PolicyPage.objects.get(pk=row.obj.pk)
        return status

    def _write(self, row: Row) -> str:
        record = row.record
        page = _find_existing(record)
        if page is None:
            page = PolicyPage(live=False)
            _apply(page, record)
            try:
                self.parent.add_child(instance=page)
            except ValidationError as error:
                raise RowError(validation_message(error, PolicyPage)) from None
            self.claim(row, ("page", page.pk))
            status = CREATED
        else:
            self.claim(row, ("page", page.pk), f"《{page.title}》")
            before = _content(page)
            _apply(page, record)
            if page.live and _content(page) == before:
                row.obj = page
                return UNCHANGED
            status = UPDATED
        _publish(page, user=self.user)
        row.obj = page
        return status


def import_policy_record(
    record: dict, *, parent=None, user=None
) -> tuple[PolicyPage, str]:
    """Create or update one policy from a record (a JSON object) and publish it;
    returns the page and ``"created"``, ``"updated"`` or ``"unchanged"``.

    Raises RowError, having written nothing, when the record cannot be imported.
    """
    return PolicyImporter(parent=parent, user=user).import_one(record)
