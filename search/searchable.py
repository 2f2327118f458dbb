"""Plain Wagtail pages (the tree's root) in the registry: never a result in
practice (search.scope.base_scope leaves the root out), but a page type like any."""

from __future__ import annotations

from wagtail.models import Page

from .registry import other_page, register

register(other_page(Page))
