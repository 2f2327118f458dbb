"""What the API accepts as input text and structure, before any of it is used.

Two kinds of bad input are answered here with a Chinese message naming where the
problem is, instead of failing somewhere deep inside (a 500):

- A request body that is not Unicode text or nests absurdly: JSON allows
  ``"\\ud800"`` (a lone UTF-16 surrogate, not a character), which no database,
  cache key or response encoder can encode (RFC 8259 §8.2 leaves such strings'
  behaviour "unpredictable"); and JSON nested thousands of levels deep overflows
  the parser's stack. Both are malformed requests: HTTP 400 (``payload_problem``).
- Text with control characters (category Cc other than tab, line feed and carriage
  return) in an argument, literal or variable: PostgreSQL cannot store NUL at all,
  XML and Excel exports (openpyxl) refuse the rest, and none is anything a person
  typed. The operation is refused before it runs, nothing is changed
  (``ControlCharacterRule`` for literals, ``control_character_errors`` for
  variables).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValidationRule,
    ValueNode,
)

# Deepest nesting a request body may have. The deepest input type (a filter with a
# date range inside a list) needs 5 levels below the payload's own two.
MAX_NESTING = 16
# Control characters a person's text legitimately contains.
ALLOWED_CONTROLS = frozenset("\t\n\r")
CODE = "BAD_USER_INPUT"


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any, int]]:
    """Every (path, value, depth) of a parsed JSON value, iteratively."""
    stack: list[tuple[str, Any, int]] = [(path, value, 0)]
    while stack:
        path, value, depth = stack.pop()
        yield path, value, depth
        if isinstance(value, dict):
            for key, item in value.items():
                yield _join(path, key), key, depth + 1  # keys are text too
                stack.append((_join(path, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (_join(path, index), item, depth + 1)
                for index, item in enumerate(value)
            )


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` as U+XXXX, or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"U+{ord(text[error.start]):04X}"
    return None


def payload_problem(payload: Mapping[str, Any]) -> str | None:
    """Why a parsed request body cannot be used, in Chinese; None when it can."""
    for path, value, depth in _walk(dict(payload), ""):
        if depth > MAX_NESTING:
            name = path.split(".")[0].split("[")[0]
            return f"{name} 嵌套过深：最多 {MAX_NESTING} 层。"
        if isinstance(value, str) and (where := lone_surrogate(value)):
            return (
                f"{path} 含有无效的 Unicode 字符（孤立的代理项 {where}），"
                "请以 UTF-8 正确编码文本后重试。"
            )
    return None


def control_character(text: str) -> str | None:
    """The first control character of ``text`` as U+XXXX, or None."""
    for char in text:
        if char not in ALLOWED_CONTROLS and unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def control_character_message(where: str, char: str) -> str:
    return f"{where} 含有非法控制字符（{char}），请删除后重试。"


def control_character_errors(
    variables: Mapping[str, Any] | None,
) -> list[GraphQLError]:
    errors = []
    for path, value, _ in _walk(dict(variables or {}), ""):
        if isinstance(value, str) and (char := control_character(value)):
            errors.append(
                GraphQLError(
                    control_character_message(f"变量 ${path}", char),
                    extensions={"code": CODE, "field": path},
                )
            )
    return errors


def _literal_strings(node: ValueNode, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, StringValueNode):
        yield path, node.value
    elif isinstance(node, ListValueNode):
        for index, item in enumerate(node.values):
            yield from _literal_strings(item, _join(path, index))
    elif isinstance(node, ObjectValueNode):
        for field in node.fields:
            yield from _literal_strings(field.value, _join(path, field.name.value))


class ControlCharacterRule(ValidationRule):
    """Refuse string literals (``"\\u0000"`` escapes) with control characters."""

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        for path, text in _literal_strings(node.value, node.name.value):
            if char := control_character(text):
                self.report_error(
                    GraphQLError(
                        control_character_message(f"参数 {path}", char),
                        node,
                        extensions={"code": CODE, "field": path},
                    )
                )
