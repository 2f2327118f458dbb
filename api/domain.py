"""How a domain declares its part of the API.

Each ``api/<domain>/schema.py`` exports one ``DOMAIN``: its root query and mutation
classes, the concrete types behind interfaces and unions, and the models whose rows
its responses show (beyond pages, images, documents, settings and snippets, which the
cache recognises by their base class). ``api/domains.py`` lists the domains; the
schema and the response cache's invalidation both read them, so a new domain is one
file and one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Watch:
    """A model whose rows appear in responses.

    ``public_when`` maps fields to the values in which a row is public (all must
    hold); a save or delete invalidates only when the row is, or was until then,
    public. Without it every change of a row invalidates.
    """

    model: str  # "app_label.ModelName"
    public_when: Mapping[str, frozenset] | None = None

    def is_public(self, instance) -> bool:
        if self.public_when is None:
            return True
        return all(
            getattr(instance, name) in values
            for name, values in self.public_when.items()
        )


@dataclass(frozen=True)
class Domain:
    name: str
    queries: tuple[type, ...] = ()
    mutations: tuple[type, ...] = ()
    types: tuple[type, ...] = ()
    watches: tuple[Watch, ...] = field(default_factory=tuple)
