"""Preview tokens: a signed, expiring pass to one saved draft revision of a page.

An editor's "前端预览" mints a token for the page's latest revision and opens the
frontend with it (``FRONTEND_PREVIEW_URL?token=...``); the frontend asks the API for
``page(previewToken: ...)``. The token names the content type, page and revision,
is signed with SECRET_KEY and expires after ``PREVIEW_TOKEN_MAX_AGE`` seconds.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Revision, Site

from .selectors import is_publicly_disclosed

SALT = "cms.home.preview"

# What the API's own preview shows when no frontend is configured.
BUILT_IN_PREVIEW_QUERY = """query Preview($token: String!, $site: String) {
  page(previewToken: $token, site: $site) {
    __typename id title pageType urlPath url lastPublishedAt
    breadcrumbs { title urlPath }
  }
}"""


MSG_NOT_FOR_PREVIEW = gettext_lazy("依申请公开、不予公开的信息不能在前端预览。")


class PreviewTokenError(Exception):
    """The token cannot open a preview; the message is for the editor (Chinese)."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def preview_problem(page: Page) -> str | None:
    """Why a page may never be shown outside the admin, even as a preview."""
    if not is_publicly_disclosed(page):
        return str(MSG_NOT_FOR_PREVIEW)
    if page.get_view_restrictions().exists():
        return _("设有访问限制的页面不能在前端预览。")
    return None


def preview_token_create(*, revision: Revision) -> str:
    return _signer().sign_object(
        {
            "ct": revision.content_type_id,
            "page": int(revision.object_id),
            "rev": revision.pk,
        },
        compress=True,
    )


def preview_page_for_token(*, token: str, site: Site | None) -> Page:
    """The draft a token names, as its specific page type, or PreviewTokenError."""
    try:
        data = _signer().unsign_object(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewTokenError(_("预览链接已过期，请在后台重新打开预览。")) from error
    except signing.BadSignature as error:
        raise PreviewTokenError(_("预览令牌无效。")) from error
    try:
        content_type_id, page_id, revision_id = (
            int(data["ct"]),
            int(data["page"]),
            int(data["rev"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PreviewTokenError(_("预览令牌无效。")) from error
    revision = (
        Revision.page_revisions.filter(
            pk=revision_id, object_id=str(page_id), content_type_id=content_type_id
        )
        .select_related("content_type")
        .first()
    )
    if revision is None or revision.content_object is None:
        raise PreviewTokenError(_("要预览的版本已不存在。"))
    page = revision.as_object()
    if site is None or not page.url_path.startswith(site.root_page.url_path):
        raise PreviewTokenError(_("要预览的页面不属于所请求的站点。"))
    # The revision the token names, and the page as it is now: one re-classified
    # since the token was made (in a later revision, or as stored) is not shown either.
    problem = preview_problem(page)
    stored = revision.content_object
    latest = stored.latest_revision
    later = [latest.as_object()] if latest and latest.pk != revision.pk else []
    if not problem and not all(is_publicly_disclosed(s) for s in [stored, *later]):
        problem = str(MSG_NOT_FOR_PREVIEW)
    if problem:
        raise PreviewTokenError(problem)
    return page


def preview_url(*, token: str, site: Site | None) -> str:
    """Where the editor goes: the configured frontend, else the API's own preview."""
    base = settings.FRONTEND_PREVIEW_URL
    if base:
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{urlencode({'token': token})}"
    variables = {"token": token, "site": _site_argument(site)}
    query = urlencode(
        {"query": BUILT_IN_PREVIEW_QUERY, "variables": json.dumps(variables)}
    )
    return f"{reverse('graphql')}?{query}"


def _site_argument(site: Site | None) -> str | None:
    if site is None:
        return None
    return site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"
