"""A person's or an enterprise's profile for 政策找人, checked against the vocabulary of
cms/core/conditions.py before it is matched or saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from cms.core.conditions import FIELDS_BY_KEY, Kind

# Bounds a real person or enterprise stays within; anything else is a typing mistake.
NUMBER_BOUNDS: dict[str, tuple[int, int]] = {
    "age": (0, 150),
    "graduation_year": (1950, 2100),
    "years_since_graduation": (0, 100),
    "insured_months": (0, 1200),
    "registered_years": (0, 200),
    "employees": (0, 10_000_000),
    "new_hires": (0, 10_000_000),
}


def clean_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The profile with empty answers dropped, or a ValidationError keyed by the
    profile's snake_case field names, each message in Chinese."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for key, value in profile.items():
        if value is None or value == "" or value == []:
            continue
        spec = FIELDS_BY_KEY.get(key)
        if spec is None:
            errors[key] = f"未知的画像字段“{key}”"
            continue
        if spec.kind == Kind.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors[key] = f"“{spec.label}”需要数值"
                continue
            low, high = NUMBER_BOUNDS.get(key, (0, 10**9))
            if not low <= value <= high:
                errors[key] = f"“{spec.label}”应在 {low}～{high} {spec.unit}之间"
                continue
            cleaned[key] = int(value) if float(value).is_integer() else value
        elif spec.kind == Kind.BOOLEAN:
            if not isinstance(value, bool):
                errors[key] = f"“{spec.label}”只能是“是”或“否”"
                continue
            cleaned[key] = value
        else:
            values = value if isinstance(value, list | tuple) else [value]
            if spec.kind == Kind.CHOICE and len(values) != 1:
                errors[key] = f"“{spec.label}”只能选一项"
                continue
            known = {choice for choice, _label in spec.choices}
            unknown = [str(v) for v in values if str(v) not in known]
            if unknown:
                errors[key] = f"“{spec.label}”没有这些取值：{'、'.join(unknown)}"
                continue
            cleaned[key] = (
                str(values[0]) if spec.kind == Kind.CHOICE else sorted(set(values))
            )
    if errors:
        raise ValidationError(errors)
    return cleaned
