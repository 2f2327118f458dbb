"""The six-point content check (六关) every approval confirms."""

from __future__ import annotations

CHECKLIST: tuple[tuple[str, str], ...] = (
    ("check_political", "政治关"),
    ("check_legal", "法律关"),
    ("check_policy", "政策关"),
    ("check_content", "内容关"),
    ("check_format", "格式关"),
    ("check_wording", "文字关"),
)


def checklist_summary(checklist: dict[str, bool]) -> str:
    marks = "、".join(
        f"{label}{'✓' if checklist.get(key) else '✗'}" for key, label in CHECKLIST
    )
    return f"六关审查：{marks}"
