"""Turning GraphQL arguments into what selectors take."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import strawberry
from graphql import GraphQLError

# Primary keys are 64-bit signed integers (PostgreSQL bigint, SQLite INTEGER); a
# larger number is no row's id, and the databases refuse it as a parameter.
MAX_OBJECT_ID = 2**63 - 1
# Dates hold four-digit years; ``year: 999999999`` is not a year anything has.
MIN_YEAR, MAX_YEAR = 1000, 9999


def object_id(value: strawberry.ID | str | int | None) -> int | None:
    """The row id an ID argument names, or None when it cannot name one.

    Only ASCII digits: ``str.isdigit`` also accepts "²" and "١٢", which ``int``
    then refuses or reads as a number nobody meant.
    """
    if value is None:
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_OBJECT_ID else None


def ids(values: Iterable[strawberry.ID] | None) -> tuple[int, ...] | None:
    """Numeric ids, or None when the argument is absent or empty (no filter).

    Anything that cannot be an id cannot match a row and is dropped, so ``["x"]``
    gives an empty tuple: a filter that matches nothing, not no filter at all.
    """
    values = list(values or ())
    if not values:
        return None
    return tuple(number for value in values if (number := object_id(value)) is not None)


def year(value: int | None, name: str = "year") -> int | None:
    """A year argument, refused with a Chinese error when no date can have it."""
    if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
        raise GraphQLError(
            f"{name} 应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份，收到 {value}。",
            extensions={"code": "BAD_USER_INPUT", "field": name},
        )
    return value


def enum_values(values: Iterable[enum.Enum] | None) -> tuple[str, ...]:
    return tuple(str(value.value) for value in values or ())
