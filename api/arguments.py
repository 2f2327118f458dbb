"""Turning GraphQL arguments into what selectors take."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import strawberry


def ids(values: Iterable[strawberry.ID] | None) -> tuple[int, ...] | None:
    """Numeric ids, or None when the argument is absent or empty (no filter).

    Anything non-numeric cannot match a row and is dropped, so ``["x"]`` gives an
    empty tuple: a filter that matches nothing, not no filter at all.
    """
    values = list(values or ())
    if not values:
        return None
    return tuple(int(value) for value in values if str(value).isdigit())


def enum_values(values: Iterable[enum.Enum] | None) -> tuple[str, ...]:
    return tuple(str(value.value) for value in values or ())
