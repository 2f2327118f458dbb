"""The home page in the public search (registry: search/registry.py).

The site's root page itself is never a result (search.scope.base_scope).
"""

from __future__ import annotations

from search.registry import other_page, register

from .models import HomePage

register(other_page(HomePage))
