"""Admin views of the home app: opening a draft in the frontend preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .preview import preview_problem, preview_token_create, preview_url


@require_GET
def preview_token_redirect(request: HttpRequest, page_id: int) -> HttpResponse:
    """Mint a preview token for the page's latest saved revision and open the frontend."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = redirect("wagtailadmin_pages:edit", page.pk)
    problem = preview_problem(page)
    if problem:
        messages.error(request, problem)
        return edit_url
    revision = page.latest_revision
    if revision is None:
        messages.error(request, _("请先保存草稿，再在前端预览。"))
        return edit_url
    token = preview_token_create(revision=revision)
    return redirect(preview_url(token=token, site=page.get_site()))
