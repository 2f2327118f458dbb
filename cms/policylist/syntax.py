"""The written form of 申请条件 in a spreadsheet cell, e.g.

    年龄<=35；户籍 属于 本区,本市外区；正常缴纳社会保险 是；注册年限 介于 0-3

- conditions are separated by "；", ";" or a new line;
- each is ``字段 运算 取值``: the field by its Chinese name (年龄, 毕业年限, 企业规模 …,
  see cms/core/conditions.py ``FIELDS``) or its key (age); the operator as a sign
  (= != < <= > >=, also ≠ ≤ ≥) or by its Chinese name (等于, 小于等于, 属于, 不属于,
  包含任一, 包含全部, 介于); spaces around the operator are optional;
- several values are separated by ",", "，" or "、"; 介于 takes ``下限-上限`` (or ～, ~, 至);
- a 是/否 condition is ``字段 是`` or ``字段 否``; the field alone means 是.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from cms.core.conditions import (
    FIELDS,
    FIELDS_BY_KEY,
    Condition,
    Kind,
    Operator,
    validate_condition,
)

_SEPARATORS = re.compile(r"[;；\n]")
_VALUE_SEPARATORS = re.compile(r"[,，、]")
_RANGE = re.compile(r"^\s*(-?[\d.]+)\s*(?:-|～|~|至|到|,|，)\s*(-?[\d.]+)\s*$")
_SIGNS = {
    "<=": Operator.LTE,
    ">=": Operator.GTE,
    "!=": Operator.NE,
    "≤": Operator.LTE,
    "≥": Operator.GTE,
    "≠": Operator.NE,
    "<": Operator.LT,
    ">": Operator.GT,
    "==": Operator.EQ,
    "=": Operator.EQ,
}
_WORDS = {
    str(op.label): op
    for op in Operator
    if op not in (Operator.IS_TRUE, Operator.IS_FALSE)
}
# Longest first, so that 小于等于 is not read as 小于 and 毕业年限 not as 毕业年份.
_OPERATOR_TOKENS = sorted([*_SIGNS, *_WORDS], key=len, reverse=True)
_FIELD_NAMES = sorted(
    [(f.label, f.key) for f in FIELDS] + [(f.key, f.key) for f in FIELDS],
    key=lambda pair: len(pair[0]),
    reverse=True,
)


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "；".join(
            m for messages in error.message_dict.values() for m in messages
        )
    return "；".join(error.messages)


def parse_condition(text: str) -> Condition:
    """One condition from its written form; ValidationError (in Chinese) if bad."""
    text = text.strip()
    found = next(
        (
            (name, key)
            for name, key in _FIELD_NAMES
            if text.lower().startswith(name.lower())
        ),
        None,
    )
    if found is None:
        known = "、".join(f.label for f in FIELDS)
        raise ValidationError(f"未知的条件字段，可用的有：{known}")
    name, key = found
    spec = FIELDS_BY_KEY[key]
    rest = text[len(name) :].strip()
    if spec.kind == Kind.BOOLEAN:
        if rest in ("", "是", "为是", "=是"):
            return validate_condition(key, Operator.IS_TRUE, None)
        if rest in ("否", "为否", "=否"):
            return validate_condition(key, Operator.IS_FALSE, None)
        raise ValidationError(f"“{spec.label}”只能写“是”或“否”")
    token = next((t for t in _OPERATOR_TOKENS if rest.startswith(t)), None)
    if token is None:
        raise ValidationError(f"“{spec.label}”后缺少运算（如 <=、属于、介于）")
    operator = _SIGNS.get(token) or _WORDS[token]
    raw = rest[len(token) :].strip()
    if not raw:
        raise ValidationError(f"“{spec.label}”缺少取值")
    if operator == Operator.BETWEEN:
        match = _RANGE.match(raw)
        if match is None:
            raise ValidationError("“介于”应写作 下限-上限，如 16-35")
        value: object = [match.group(1), match.group(2)]
    elif spec.kind == Kind.NUMBER:
        value = raw
    else:
        value = [v.strip() for v in _VALUE_SEPARATORS.split(raw) if v.strip()]
        if operator in (Operator.EQ, Operator.NE) and len(value) == 1:
            value = value[0]
    return validate_condition(key, operator, value)


def parse_conditions(text: str) -> list[Condition]:
    """Every condition of a cell; a ValidationError names each bad one (第 N 个条件)."""
    parts = [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]
    conditions, problems = [], []
    for number, part in enumerate(parts, start=1):
        try:
            conditions.append(parse_condition(part))
        except ValidationError as error:
            problems.append(f"第 {number} 个条件“{part}”：{_message(error)}")
    if problems:
        raise ValidationError("；".join(problems))
    return conditions


def format_conditions(conditions: list[Condition]) -> str:
    """The written form parse_conditions reads back (for exports)."""
    written = []
    for c in conditions:
        spec = FIELDS_BY_KEY[c.field]
        if c.operator == Operator.IS_TRUE:
            written.append(f"{spec.label} 是")
        elif c.operator == Operator.IS_FALSE:
            written.append(f"{spec.label} 否")
        elif c.operator == Operator.BETWEEN:
            written.append(f"{spec.label} 介于 {c.value[0]}-{c.value[1]}")
        else:
            shown = ",".join(c.value) if isinstance(c.value, list) else str(c.value)
            written.append(f"{spec.label} {Operator(c.operator).label} {shown}")
    return "；".join(written)
