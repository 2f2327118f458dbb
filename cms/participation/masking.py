"""Masks for personal data shown in admin listings (全量数据只在有权限的导出中出现)."""

from __future__ import annotations


def _mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_id_number(value: str) -> str:
    """110105********123X: region and check digits stay, the birth date goes."""
    return (
        _mask_middle(value, 6, 4)
        if len(value or "") > 10
        else _mask_middle(value, 1, 1)
    )


def mask_phone(value: str) -> str:
    """138****5678."""
    return _mask_middle(value, 3, 4)


def mask_name(value: str) -> str:
    """张*, 欧阳**: the family name (first character) only."""
    value = value or ""
    return value[:1] + "*" * (len(value) - 1) if len(value) > 1 else value


def mask_email(value: str) -> str:
    local, at, domain = (value or "").partition("@")
    if not at:
        return _mask_middle(local, 1, 0)
    return f"{local[:1]}***@{domain}"


def mask_address(value: str) -> str:
    """The first six characters (province/city/district), the rest hidden."""
    value = value or ""
    return value[:6] + "****" if len(value) > 6 else value
