"""What the public sees of a party: natural persons' names and ID numbers masked.

The raw values stay in the database for staff; everything public (the API, the
search index and its highlights, public exports) reads the masked copies a
decision computes from them when saved (CreditDecision.refresh_derived). Legal
persons and other organisations are shown in full, with their 统一社会信用代码.
"""

from __future__ import annotations

import re

# An 18-character resident ID, or a 15-digit first-generation one, not inside a
# longer run of digits.
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def mask_person_name(name: str) -> str:
    """张三丰 → 张某某, 李四 → 李某: the family name (first character) only."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "某" * max(len(name) - 1, 1)


def mask_id_number(value: str) -> str:
    """110101199003071234 → 110***********1234: the first three and last four."""
    value = (value or "").strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_text(text: str, *, names: tuple[str, ...] = ()) -> str:
    """``text`` with every ID number masked and each of ``names`` replaced by its
    masked form (a natural person's name inside the facts of the case)."""
    text = ID_NUMBER_RE.sub(lambda match: mask_id_number(match.group(0)), text or "")
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len)[::-1]:
        text = text.replace(name, mask_person_name(name))
    return text
