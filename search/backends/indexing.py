"""What goes into the index for one object: segmented title and body text."""

from __future__ import annotations

from django.db.models import Manager
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from wagtail.models import Page

from .. import registry
from ..registry import TITLE_FIELDS
from ..segmentation import segment_for_index


def _prepare_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_prepare_value(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_prepare_value(item) for item in value.values())
    return force_str(value)


def _field_values(obj, field):
    if isinstance(field, (SearchField, AutocompleteField)):
        yield field, _prepare_value(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        sub_obj = field.get_value(obj)
        if sub_obj is None:
            return
        if isinstance(sub_obj, Manager):
            sub_objs = list(sub_obj.all())
        else:
            sub_objs = [sub_obj() if callable(sub_obj) else sub_obj]
        for item in sub_objs:
            for sub_field in field.fields:
                yield from _field_values(item, sub_field)


def index_texts(obj) -> tuple[str, str, str]:
    """(title, body, autocomplete) for ``obj``; title and body are segmented words."""
    title: list[str] = []
    body: list[str] = []
    autocomplete: list[str] = []
    search_type = registry.registered_type(type(obj))
    title_fields = search_type.title_fields if search_type else TITLE_FIELDS
    for field in obj.get_search_fields():
        for current, value in _field_values(obj, field):
            if not value:
                continue
            if isinstance(current, AutocompleteField):
                autocomplete.append(value)
            elif current.field_name in title_fields and not isinstance(
                field, RelatedFields
            ):
                title.append(value)
            else:
                body.append(value)
    return (
        segment_for_index(" ".join(title)),
        segment_for_index(" ".join(body)),
        segment_for_index(" ".join(autocomplete)),
    )


def split_public(model, objs) -> tuple[list, list]:
    """(public, not public) objects: pages that are not live, public and 主动公开,
    and records outside their registered public queryset, stay out of the index;
    other models (snippets, for the admin's search) are indexed as they are."""
    objs = list(objs)
    if not objs:
        return objs, []
    if issubclass(model, Page):
        from cms.home.selectors import public_pages

        public = public_pages()
    else:
        search_type = registry.record_type_for(model)
        if search_type is None:
            return objs, []
        public = search_type.public_queryset(None)
    public_ids = set(
        public.filter(pk__in=[obj.pk for obj in objs])
        .order_by()
        .values_list("pk", flat=True)
    )
    return (
        [obj for obj in objs if obj.pk in public_ids],
        [obj for obj in objs if obj.pk not in public_ids],
    )
