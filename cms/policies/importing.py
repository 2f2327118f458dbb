"""Bulk import of policies that are already public, one JSON object per line (JSONL).

Re-importing a file updates the same pages in place: a record is matched by 索引号, else
by 发文字号 in its normalized form, else by 标题 + 成文日期. Every record goes live at
once through a revision logged as ``cms.import``; a record whose content is already live
makes no revision at all.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import re
from collections.abc import Iterable, Sized
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from tqdm import tqdm
from wagtail.log_actions import LogContext
from wagtail.models import Page
from wagtail.rich_text import RichText

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

logger = logging.getLogger(__name__)

IMPORT_LOG_ACTION = "cms.import"

LABELS = {
    "title": "标题",
    "doc_number": "发文字号",
    "index_number": "索引号",
    "issuing_orgs": "发文机关",
    "topics": "主题分类",
    "audiences": "服务对象",
    "written_date": "成文日期",
    "publish_date": "发布日期",
    "effective_date": "施行日期",
    "expiry_date": "失效日期",
    "validity": "有效性",
    "summary": "摘要",
    "body": "正文",
    "service_items": "一网通办事项",
}

# 有效 leaves the override empty, so validity follows the 施行/失效 dates.
VALIDITY_OVERRIDES = {
    "有效": "",
    "失效": ValidityOverride.EXPIRED,
    "废止": ValidityOverride.REPEALED,
    "已修订": ValidityOverride.AMENDED,
}

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u3000]*\n")


class ImportRecordError(Exception):
    """A record that cannot be imported; the message (in Chinese) says why."""


@dataclass
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return (
            f"新建 {self.created} 条，更新 {self.updated} 条，"
            f"未变化 {self.unchanged} 条，失败 {self.failed} 条"
        )


@dataclass(frozen=True)
class _ServiceItemSpec:
    name: str
    code: str
    url: str


@dataclass(frozen=True)
class _Record:
    """A record whose values are checked and converted, before anything is written."""

    title: str
    doc_number: str
    index_number: str
    issuing_orgs: list[str]
    topics: list[str]
    audiences: list[str]
    written_date: datetime.date
    publish_date: datetime.date
    effective_date: datetime.date | None
    expiry_date: datetime.date | None
    validity_override: str
    summary: str
    body: list[str]
    service_items: list[_ServiceItemSpec]


# --- reading a record ------------------------------------------------------------------
def _text(record: dict, key: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ImportRecordError(f"{LABELS[key]}应为文本")
    value = value.strip()
    if required and not value:
        raise ImportRecordError(f"缺少{LABELS[key]}")
    return value


def _date(record: dict, key: str, *, required: bool = False) -> datetime.date | None:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise ImportRecordError(f"缺少{LABELS[key]}")
        return None
    if not isinstance(value, str) or not _DATE_RE.match(value.strip()):
        raise ImportRecordError(f"{LABELS[key]}格式应为 YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ImportRecordError(f"{LABELS[key]} {value} 不是有效的日期") from None


def _names(record: dict, key: str) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(name, str) and name.strip() for name in value
    ):
        raise ImportRecordError(f"{LABELS[key]}应为名称列表")
    return list(dict.fromkeys(name.strip() for name in value))


def _service_items(record: dict) -> list[_ServiceItemSpec]:
    value = record.get("service_items") or []
    if not isinstance(value, list):
        raise ImportRecordError("一网通办事项应为列表")
    specs = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ImportRecordError(f"一网通办事项第 {position} 项应为对象")
        parts = {}
        for key in ("name", "code", "url"):
            part = item.get(key)
            if part is not None and not isinstance(part, str):
                raise ImportRecordError(
                    f"一网通办事项第 {position} 项的 {key} 应为文本"
                )
            parts[key] = (part or "").strip()
        if not parts["name"]:
            raise ImportRecordError(f"一网通办事项第 {position} 项缺少名称")
        specs.append(_ServiceItemSpec(**parts))
    return specs


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


def _read_record(record: dict) -> _Record:
    if not isinstance(record, dict):
        raise ImportRecordError("每行应为一个 JSON 对象")
    written_date = _date(record, "written_date", required=True)
    # Historic records without a 发布日期 take the 成文日期, so re-imports stay stable.
    publish_date = _date(record, "publish_date") or written_date
    if publish_date < written_date:
        raise ImportRecordError("发布日期不能早于成文日期")
    validity = _text(record, "validity") or "有效"
    if validity not in VALIDITY_OVERRIDES:
        raise ImportRecordError(
            f"有效性应为 有效、失效、废止 或 已修订，不能是“{validity}”"
        )
    return _Record(
        title=_text(record, "title", required=True),
        doc_number=_text(record, "doc_number"),
        index_number=_text(record, "index_number"),
        issuing_orgs=_names(record, "issuing_orgs"),
        topics=_names(record, "topics"),
        audiences=_names(record, "audiences"),
        written_date=written_date,
        publish_date=publish_date,
        effective_date=_date(record, "effective_date"),
        expiry_date=_date(record, "expiry_date"),
        validity_override=VALIDITY_OVERRIDES[validity],
        summary=_text(record, "summary"),
        body=_body(_text(record, "body")),
        service_items=_service_items(record),
    )


# --- vocabulary ----------------------------------------------------------------------
def _validation_message(error: ValidationError, model=PolicyPage) -> str:
    if not hasattr(error, "error_dict"):
        return "；".join(error.messages)
    messages = []
    for name, field_errors in error.message_dict.items():
        label = ""
        if name != NON_FIELD_ERRORS:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
        for message in field_errors:
            # Our own messages already name the field (发文字号与已有政策…).
            messages.append(message if label in message else f"{label}：{message}")
    return "；".join(messages)


def _checked_create(obj: models.Model, what: str) -> models.Model:
    try:
        obj.full_clean()
    except ValidationError as error:
        message = _validation_message(error, type(obj))
        raise ImportRecordError(f"无法创建{what}：{message}") from None
    obj.save()
    return obj


def _unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
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
def _find_existing(record: _Record) -> PolicyPage | None:
    if record.index_number:
        page = PolicyPage.objects.filter(index_number=record.index_number).first()
        if page:
            return page
    normalized = normalize_doc_number(record.doc_number)
    if normalized:
        pages = list(PolicyPage.objects.filter(doc_number_normalized=normalized)[:2])
        if len(pages) > 1:
            raise ImportRecordError(
                f"发文字号 {record.doc_number} 对应多条已有政策，无法确定更新哪一条"
            )
        if pages:
            return pages[0]
    candidates = PolicyPage.objects.filter(
        title=record.title, written_date=record.written_date
    )
    if normalized:
        # The same title and date under another 发文字号 is a different document.
        candidates = candidates.filter(doc_number_normalized="")
    pages = list(candidates[:2])
    if len(pages) > 1:
        raise ImportRecordError(
            "标题和成文日期相同的已有政策不止一条，无法确定更新哪一条"
        )
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


def _apply(page: PolicyPage, record: _Record) -> None:
    """Set the record's values on the page, in memory; child rows are kept if equal."""
    page.title = record.title
    page.doc_number = record.doc_number
    if record.index_number:
        page.index_number = record.index_number
    page.written_date = record.written_date
    page.publish_date = record.publish_date
    page.effective_date = record.effective_date
    page.expiry_date = record.expiry_date
    page.validity_override = record.validity_override
    page.disclosure = Disclosure.PUBLIC
    page.interpretation_required = False
    page.summary = record.summary
    if _body_source(page) != [("paragraph", source) for source in record.body]:
        page.body = [("paragraph", RichText(source)) for source in record.body]
    page.topics = [_topic(name) for name in record.topics]
    page.audiences = [_audience(name) for name in record.audiences]

    organizations = [_organization(name) for name in record.issuing_orgs]
    if [link.organization_id for link in page.issuers.all()] != [
        o.pk for o in organizations
    ]:
        page.issuers = [
            PolicyIssuer(organization=organization, sort_order=order)
            for order, organization in enumerate(organizations)
        ]
    items = list(dict.fromkeys(_service_item(spec) for spec in record.service_items))
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
        raise ImportRecordError(_validation_message(error)) from None
    except PublishRefused as error:
        raise ImportRecordError(f"无法发布：{error}") from None


def policy_index(parent=None) -> PolicyIndexPage:
    """The library new policies go into: ``parent``, or the first one in the tree."""
    if parent is None:
        parent = PolicyIndexPage.objects.order_by("path").first()
        if parent is None:
            raise ImportRecordError(
                "还没有政策文件库页面，请先运行 python manage.py setup_cms"
            )
    if isinstance(parent, Page):
        parent = parent.specific
    if not isinstance(parent, PolicyIndexPage):
        raise ImportRecordError(f"页面“{parent}”不是政策文件库，不能放入政策")
    return parent


@transaction.atomic
def import_policy_record(
    record: dict, *, parent=None, user=None
) -> tuple[PolicyPage, str]:
    """Create or update one policy from a record and publish it; returns the page and
    ``"created"``, ``"updated"`` or ``"unchanged"``.

    Raises ImportRecordError, having written nothing, when the record cannot be imported.
    """
    # Wagtail logs the page's creation too; the context puts the importer's name on it.
    with LogContext(user=user):
        return _import(_read_record(record), parent=parent, user=user)


def _import(checked: _Record, *, parent, user) -> tuple[PolicyPage, str]:
    page = _find_existing(checked)
    if page is None:
        page = PolicyPage(live=False)
        _apply(page, checked)
        try:
            policy_index(parent).add_child(instance=page)
        except ValidationError as error:
            raise ImportRecordError(_validation_message(error)) from None
        status = "created"
    else:
        before = _content(page)
        _apply(page, checked)
        if page.live and _content(page) == before:
            return page, "unchanged"
        status = "updated"
    _publish(page, user=user)
    return PolicyPage.objects.get(pk=page.pk), status


def _decode(line: str) -> dict:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        raise ImportRecordError(f"不是有效的 JSON（第 {error.colno} 列附近）") from None
    if not isinstance(record, dict):
        raise ImportRecordError("每行应为一个 JSON 对象")
    return record


def import_policy_lines(
    lines: Iterable[str], *, parent=None, user=None, progress: bool = False
) -> ImportReport:
    """Import JSONL lines one by one; a bad line is reported and rolled back alone."""
    parent = policy_index(parent)
    report = ImportReport()
    first_line_of: dict[int, int] = {}  # page pk -> line that imported it
    total = len(lines) if isinstance(lines, Sized) else None
    bar = tqdm(lines, total=total, desc="导入政策", unit="行", disable=not progress)
    for number, line in enumerate(bar, start=1):
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        try:
            with transaction.atomic():
                page, status = import_policy_record(
                    _decode(line), parent=parent, user=user
                )
                if page.pk in first_line_of:
                    raise ImportRecordError(
                        f"与第 {first_line_of[page.pk]} 行是同一政策《{page.title}》，"
                        "文件中不能重复"
                    )
        except ImportRecordError as error:
            report.errors.append(LineError(number, str(error)))
            continue
        except Exception as error:  # one bad line must not stop the rest
            logger.exception("Importing line %d failed", number)
            report.errors.append(LineError(number, f"导入时发生意外错误：{error}"))
            continue
        first_line_of[page.pk] = number
        setattr(report, status, getattr(report, status) + 1)
    bar.close()
    return report
