"""Remove personal details from a question before it is published (选登)."""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# 18-digit resident IDs (last may be X) and the old 15-digit ones; not inside a
# longer run of digits (a bank card is caught by LONG_DIGITS_RE below).
RESIDENT_ID_RE = re.compile(r"(?<![0-9])(\d{17}[\dXx]|\d{15})(?![0-9Xx])")
MOBILE_RE = re.compile(
    r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])"
)
LANDLINE_RE = re.compile(
    r"(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])|(?<![0-9])\d{8}(?![0-9])"
)
# Bank cards, social security card numbers and the like.
LONG_DIGITS_RE = re.compile(r"(?<![0-9])\d{12,19}(?![0-9])")
# "姓名：张三" / "联系人: 李四" written into the text.
LABELLED_NAME_RE = re.compile(r"(姓名|联系人|本人姓名)\s*[:：]\s*[\u4e00-\u9fa5·]{2,5}")

ID_PLACEHOLDER = "[身份证号已隐去]"
PHONE_PLACEHOLDER = "[电话已隐去]"
EMAIL_PLACEHOLDER = "[邮箱已隐去]"
NUMBER_PLACEHOLDER = "[号码已隐去]"


def pseudonym(name: str) -> str:
    """张三 -> 张某; 欧阳娜娜 -> 欧阳某 (two-character family names kept whole)."""
    name = name.strip()
    if not name:
        return ""
    compound = COMPOUND_SURNAMES if len(name) > 2 else ()
    surname = next((s for s in compound if name.startswith(s)), name[0])
    return f"{surname}某"


COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
)


def scrub_personal_data(text: str, *, names: Iterable[str] = ()) -> str:
    """The text with e-mails, ID numbers, phones, long numbers and names removed.

    ``names`` are the people known to be involved (the asker): each occurrence
    becomes the family name plus 某. Staff review the result before publishing;
    this catches what a pattern can catch, not every way to identify someone.
    """
    text = EMAIL_RE.sub(EMAIL_PLACEHOLDER, text or "")
    text = RESIDENT_ID_RE.sub(ID_PLACEHOLDER, text)
    text = MOBILE_RE.sub(PHONE_PLACEHOLDER, text)
    text = LONG_DIGITS_RE.sub(NUMBER_PLACEHOLDER, text)
    text = LANDLINE_RE.sub(PHONE_PLACEHOLDER, text)
    text = LABELLED_NAME_RE.sub(lambda m: f"{m.group(1)}：某某", text)
    # Longest first, so 张三丰 is not half-replaced by 张三.
    for name in sorted(
        {n.strip() for n in names if n and n.strip()}, key=len, reverse=True
    ):
        if len(name) >= 2:
            text = text.replace(name, pseudonym(name))
    return text
