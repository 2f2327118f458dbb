"""Which documents and images the public may download, for every reader.

A file is public when its collection has no view restriction and live 主动公开
content uses it: a live, unrestricted page that is not a 依申请公开 or 不予公开 policy,
or a snippet the API publishes whole (FAQs). A file that only drafts, unpublished
pages or non-public policies use never leaves the admin (政府信息公开条例 第十三条、
第十四条、第十五条、第十六条: only information for 主动公开 is published; 依申请公开 and
不予公开 information is not). "Uses" is Wagtail's reference index, which records
what a page's stored (live) content refers to: attachments, chooser blocks and links
and images inside rich text.

Editors (anyone who may choose or change the file in the admin) may download any
file, public or not, so that drafts can be written and reviewed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.http import HttpRequest
from django.utils.module_loading import import_string
from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as document_permission_policy
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as image_permission_policy
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
)

from cms.home.selectors import not_publicly_disclosed, public_pages

# Non-page content whose every row is public (the API lists all FAQs), so a file
# used there is public. Explicit: a new snippet model is not public until named here.
PUBLIC_REFERRER_MODELS = ("releases.FAQ",)
# Records of which only some rows are public: label -> the selector (dotted path,
# called without arguments) of the public rows. A file such a record uses is public
# while the record is.
PUBLIC_RECORD_SELECTORS = {
    "fiscal.FiscalDisclosure": "cms.fiscal.selectors.public_disclosures",
}


def restricted_collection_ids() -> frozenset[int]:
    """Collections with a view restriction, and everything below them."""
    paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not paths:
        return frozenset()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return frozenset(Collection.objects.filter(under).values_list("pk", flat=True))


def unrestricted_ids(
    objects: Iterable[Model | None], restricted: frozenset[int] | None = None
) -> set[int]:
    """Which ``objects`` (documents or images) are outside restricted collections.

    The rule for showing a file in content (the API, the site templates): what they
    show is live 主动公开 content, which uses the files it holds, or an editor's
    preview; only a restricted collection keeps a file out of either. The download
    views apply the whole rule (``download_access``).
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return set()
    if restricted is None:
        restricted = restricted_collection_ids()
    return {obj.pk for obj in objects if obj.collection_id not in restricted}


def _referrers(model: type[Model], ids: Iterable[int]) -> list[tuple[int, int, int]]:
    """(base content type id, referring object id, referred id) for ``ids``."""
    wanted = {str(pk) for pk in ids}
    if not wanted:
        return []
    rows = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id__in=wanted,
    ).values_list("base_content_type_id", "object_id", "to_object_id")
    found = []
    for base_type_id, object_id, to_object_id in rows.distinct():
        if object_id.isdigit() and to_object_id.isdigit():
            found.append((base_type_id, int(object_id), int(to_object_id)))
    return found


def _public_referrer_type_ids() -> frozenset[int]:
    models = [apps.get_model(label) for label in PUBLIC_REFERRER_MODELS]
    return frozenset(
        ContentType.objects.get_for_model(model).pk for model in models if model
    )


def _used_by_public_records(rows: list[tuple[int, int, int]]) -> set[int]:
    used: set[int] = set()
    for label, selector in PUBLIC_RECORD_SELECTORS.items():
        type_id = ContentType.objects.get_for_model(apps.get_model(label)).pk
        record_ids = {obj for base, obj, _to in rows if base == type_id}
        if not record_ids:
            continue
        public = set(
            import_string(selector)()
            .filter(pk__in=record_ids)
            .values_list("pk", flat=True)
        )
        used |= {to for base, obj, to in rows if base == type_id and obj in public}
    return used


def _used_publicly(rows: list[tuple[int, int, int]]) -> set[int]:
    """The referred ids of ``rows`` that live 主动公开 content refers to."""
    if not rows:
        return set()
    page_type_id = ContentType.objects.get_for_model(Page).pk
    snippet_type_ids = _public_referrer_type_ids()
    used = {to_id for base, _obj, to_id in rows if base in snippet_type_ids}
    used |= _used_by_public_records(rows)
    page_ids = {obj for base, obj, _to in rows if base == page_type_id}
    if page_ids:
        public = set(
            public_pages().filter(pk__in=page_ids).values_list("pk", flat=True)
        )
        used |= {
            to_id for base, obj, to_id in rows if base == page_type_id and obj in public
        }
    return used


def publicly_used_ids(model: type[Model], ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` (documents or images) live 主动公开 content uses."""
    return _used_publicly(_referrers(model, ids))


def public_ids(model: type[Model], objects: Iterable[Model]) -> set[int]:
    """Which ``objects`` (documents or images) the public may download."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return set()
    return publicly_used_ids(model, unrestricted_ids(objects))


def _permission_policy(obj: Model):
    if isinstance(obj, AbstractDocument):
        return document_permission_policy()
    return image_permission_policy()


def user_may_see_private(user, obj: Model) -> bool:
    """Editors and reviewers: whoever may choose or change the file in the admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return _permission_policy(obj).user_has_any_permission_for_instance(
        user, ["change", "choose"], obj
    )


def _used_by_pages_request_passed(
    rows: list[tuple[int, int, int]], request: HttpRequest
) -> bool:
    """Used by a live 主动公开 page with a view restriction this request has passed
    (its password entered, its login or group satisfied)."""
    page_type_id = ContentType.objects.get_for_model(Page).pk
    page_ids = {referrer for base, referrer, _to in rows if base == page_type_id}
    if not page_ids:
        return False
    pages = (
        Page.objects.live()
        .filter(pk__in=page_ids)
        .exclude(not_publicly_disclosed())
        .defer_streamfields()
    )
    return any(
        all(
            restriction.accept_request(request)
            for restriction in page.get_view_restrictions()
        )
        for page in pages
    )


class Access(enum.Enum):
    """How a download may be answered: to anyone (cacheable), or to this requester."""

    PUBLIC = "public"
    PRIVATE = "private"


def _model_of(obj: Model) -> type[Model]:
    if isinstance(obj, AbstractDocument):
        return get_document_model()
    return get_image_model()


def collection_restrictions_pass(obj: Model, request: HttpRequest) -> bool:
    return all(
        restriction.accept_request(request)
        for restriction in obj.collection.get_view_restrictions()
    )


def download_access(
    obj: Model, request: HttpRequest, *, check_collection: bool = True
) -> Access | None:
    """Whether a download of ``obj`` (a document or an image) may be answered.

    None: refuse (404, as for a file that does not exist). With
    ``check_collection=False`` the caller enforces the collection's view restriction
    itself (Wagtail's document view asks for its password).
    """
    rows = _referrers(_model_of(obj), [obj.pk])
    used_publicly = bool(_used_publicly(rows))
    restricted = obj.collection_id in restricted_collection_ids()
    if used_publicly and not restricted:
        return Access.PUBLIC
    if user_may_see_private(request.user, obj):
        return Access.PRIVATE
    if (
        check_collection
        and restricted
        and not collection_restrictions_pass(obj, request)
    ):
        return None
    if used_publicly or _used_by_pages_request_passed(rows, request):
        return Access.PRIVATE
    return None
