"""Each catalog item's status, computed from the content bound to it.

- has content: the bound column, page type (with its filter) or record type has
  public content (cms.core.selectors.public_pages, the search registry's public
  rule for records);
- last updated: the newest first publication or date of that content;
- overdue: the information was formed or changed (``formed_on``) and nothing bound
  to the item was published since, past its time limit counted in working days
  (cms.workdays; a deadline across an unpublished year's calendar is provisional);
- missing elements: the catalog elements the item itself lacks.

``item_statuses`` reads each distinct bound target once, however many items share it.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import FieldError, ValidationError
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from wagtail.models import Page

from cms.core.selectors import public_pages
from cms.workdays.calendar import add_working_days

from .choices import BindingKind, TimeLimitKind


@dataclass(frozen=True)
class TargetContent:
    count: int
    last_updated: datetime.datetime | None
    url_path: str = ""


@dataclass
class ItemStatus:
    has_content: bool = False
    content_count: int = 0
    last_updated: datetime.datetime | None = None
    deadline: datetime.date | None = None
    deadline_provisional: bool = False
    overdue: bool = False
    missing_elements: list[str] = field(default_factory=list)
    url_path: str = ""

    @property
    def state(self) -> str:
        if self.overdue:
            return "逾期未公开"
        if not self.has_content:
            return "暂无内容"
        if self.missing_elements:
            return "要素不全"
        return "正常"


def _record_type(key: str):
    from search.registry import types_for_key

    found = [t for t in types_for_key(key) if not t.is_page]
    return found[0] if found else None


def binding_queryset(binding) -> tuple[QuerySet, str]:
    """The public content a binding stands for, and the date field to age it by."""
    if binding.kind == BindingKind.SECTION:
        return public_pages().descendant_of(binding.page), "last_published_at"
    if binding.kind == BindingKind.PAGE_TYPE:
        model = binding.page_type.model_class()
        return public_pages(model=model).filter(**(binding.filters or {})), (
            "last_published_at"
        )
    search_type = _record_type(binding.record_type)
    return search_type.public(None), search_type.dates[0]


def check_binding(binding) -> None:
    """Field-level errors for a binding that names nothing usable."""
    kind = binding.kind
    if kind == BindingKind.SECTION and not binding.page_id:
        raise ValidationError({"page": "请选择对应的栏目"})
    if kind == BindingKind.PAGE_TYPE:
        if not binding.page_type_id:
            raise ValidationError({"page_type": "请选择页面类型"})
        model = binding.page_type.model_class()
        if model is None or not issubclass(model, Page):
            raise ValidationError({"page_type": "所选类型不是页面类型"})
        if not isinstance(binding.filters, dict):
            raise ValidationError({"filters": "筛选条件应为 JSON 对象"})
        try:
            list(public_pages(model=model).filter(**binding.filters)[:1])
        except (FieldError, ValueError, ValidationError, TypeError) as error:
            raise ValidationError(
                {"filters": f"筛选条件不适用于该页面类型：{error}"}
            ) from None
    if kind == BindingKind.RECORD_TYPE:
        search_type = _record_type(binding.record_type)
        if search_type is None or not search_type.dates:
            raise ValidationError(
                {"record_type": f"“{binding.record_type}”不是公众搜索登记的记录类型"}
            )


def _target_key(binding) -> tuple:
    if binding.kind == BindingKind.SECTION:
        return (binding.kind, binding.page_id)
    if binding.kind == BindingKind.PAGE_TYPE:
        return (
            binding.kind,
            binding.page_type_id,
            json.dumps(binding.filters, sort_keys=True),
        )
    return (binding.kind, binding.record_type)


def _read_target(binding) -> TargetContent:
    try:
        queryset, date_field = binding_queryset(binding)
    except (AttributeError, TypeError, FieldError):
        return TargetContent(0, None)
    result = queryset.order_by().aggregate(count=Count("pk"), latest=Max(date_field))
    count = result["count"]
    latest = result["latest"]
    if isinstance(latest, datetime.date) and not isinstance(latest, datetime.datetime):
        latest = timezone.make_aware(datetime.datetime.combine(latest, datetime.time()))
    url_path = ""
    if binding.kind == BindingKind.SECTION and binding.page_id:
        url_path = binding.page.url_path
    return TargetContent(count, latest, url_path)


def item_statuses(
    items, *, today: datetime.date | None = None
) -> dict[int, ItemStatus]:
    """The status of each of ``items`` (their ``bindings`` prefetched, with page and
    page_type), by pk."""
    today = today or timezone.localdate()
    targets: dict[tuple, TargetContent] = {}
    statuses: dict[int, ItemStatus] = {}
    for item in items:
        status = ItemStatus(missing_elements=item.missing_elements())
        for binding in item.bindings.all():
            key = _target_key(binding)
            if key not in targets:
                targets[key] = _read_target(binding)
            content = targets[key]
            status.content_count += content.count
            status.url_path = status.url_path or content.url_path
            if content.last_updated and (
                status.last_updated is None
                or content.last_updated > status.last_updated
            ):
                status.last_updated = content.last_updated
        status.has_content = status.content_count > 0
        _deadline(item, status, today)
        statuses[item.pk] = status
    return statuses


def _deadline(item, status: ItemStatus, today: datetime.date) -> None:
    if (
        item.formed_on is None
        or item.time_limit_kind == TimeLimitKind.STANDING
        or not item.time_limit_days
    ):
        return
    result = add_working_days(item.formed_on, item.time_limit_days)
    status.deadline, status.deadline_provisional = result.date, result.provisional
    published_since = status.last_updated is not None and (
        timezone.localdate(status.last_updated) >= item.formed_on
    )
    status.overdue = not published_since and today > result.date


def item_status(item, *, today: datetime.date | None = None) -> ItemStatus:
    return item_statuses([item], today=today)[item.pk]
