"""graphql-core's parse, validation and input errors in Chinese, each with a code.

graphql-core writes its messages in English, with the names of fields, arguments,
types and variables in quotes. A client (and the citizen behind it) reads them, so
they are translated here, in one place, keeping those names: a message pattern of
graphql-core 3.3 maps to a Chinese template. A message no pattern knows still gets
a Chinese lead (``请求无效：``) and a code, so no English-only message leaves the API.

The codes (``extensions.code``), as Apollo and the GraphQL-over-HTTP spec name them:

- ``GRAPHQL_PARSE_FAILED``: the document is not GraphQL (syntax).
- ``GRAPHQL_VALIDATION_FAILED``: the document does not fit the schema (unknown
  field or argument, missing required argument, wrong literal value, ...).
- ``BAD_USER_INPUT``: the variables do not fit the operation (wrong type, missing,
  null for a non-null type) or an argument value is refused.

Values the client sent are not repeated where graphql-core prints a whole input
object (``found: {...}``): they are the client's own, but they may hold a phone
number, and error messages are logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graphql import GraphQLError

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_ERROR = "INTERNAL_SERVER_ERROR"
# api.limits.GENERIC_ERROR_MESSAGE, what a masked error says.
INTERNAL_ERROR_MESSAGE = "服务器内部错误"

_CJK = re.compile(r"[\u3400-\u9fff]")
_SUGGESTION = re.compile(r"\s*Did you mean (?P<names>.+?)\?$")
_NAME = r"'(?P<{}>[^']*)'"


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    template: str | Callable[[re.Match[str]], str]
    code: str | None = None  # None: the code of where it was found


def _rule(pattern: str, template: str | Callable, code: str | None = None) -> _Rule:
    # {name} in a pattern stands for a quoted name captured as "name".
    regex = re.sub(r"\{(\w+)\}", lambda m: _NAME.format(m.group(1)), pattern)
    return _Rule(re.compile(regex + "$", re.DOTALL), template, code)


def _inner(match: re.Match[str]) -> str:
    return translate(match.group("inner"))[0]


def _path(match: re.Match[str]) -> str:
    return match.group("path") or ""


def _kind(word: str) -> str:
    return {
        "operation": "操作",
        "argument": "参数",
        "fragment": "片段",
        "variable": "变量",
        "input field": "输入字段",
        "directive": "指令",
    }.get(word, word)


# Syntax errors: what follows graphql-core's "Syntax Error: ".
_SYNTAX = [
    _rule(r"Expected (?P<e>.+?), found (?P<f>.+)\.", "应为 {e}，实际为 {f}。"),
    _rule(r"Unexpected (?P<t>.+)\.", "意外的 {t}。"),
    _rule(r"Unterminated string\.", "字符串没有结束（缺少右引号）。"),
    _rule(r"Unterminated block string\.", '块字符串没有结束（缺少 """）。'),
    _rule(r"Unexpected character: (?P<c>.+)\.", "意外的字符：{c}。"),
    _rule(r"Invalid character: (?P<c>.+)\.", "无效的字符：{c}。"),
    _rule(r"Invalid character within String: (?P<c>.+)\.", "字符串中有无效字符：{c}。"),
    _rule(
        r"Invalid (?:Unicode|character) escape sequence: (?P<s>.+)\.",
        "无效的转义序列：{s}。",
    ),
    _rule(
        r"Invalid number, expected digit but got: (?P<c>.+)\.",
        "无效的数字：此处应为数字，实际为 {c}。",
    ),
    _rule(
        r"Invalid number, expected digit before '\.', did you mean (?P<s>.+)\?",
        "无效的数字：小数点前应有数字（是否要写 {s}？）。",
    ),
    _rule(r"Invalid number, (?P<d>.+)", "无效的数字（{d}）。"),
    _rule(
        r"Document contains more than (?P<n>\d+) tokens\. Parsing aborted\.",
        "查询过长：超过 {n} 个词法单元。",
    ),
    _rule(
        r"Document contains more than (?P<n>\d+) comments\.",
        "查询过长：超过 {n} 条注释。",
    ),
]

# Scalar and enum values, met inside literal and variable errors alike.
_VALUES = [
    _rule(
        r"Value cannot represent an? (?P<t>\w+): (?P<v>.+?)\. (?P<detail>.+)",
        lambda m: _scalar_error(m["t"], m["detail"], m["v"]),
    ),
    _rule(
        r"Int cannot represent non-integer value: (?P<v>.+)",
        "Int 类型只接受整数，收到 {v}。",
    ),
    _rule(
        r"Int cannot represent non 32-bit signed integer value: (?P<v>.+)",
        "Int 类型只接受 32 位有符号整数（-2147483648 至 2147483647），收到 {v}。",
    ),
    _rule(
        r"Float cannot represent non numeric value: (?P<v>.+)",
        "Float 类型只接受数字，收到 {v}。",
    ),
    _rule(
        r"String cannot represent a non string value: (?P<v>.+)",
        "String 类型只接受字符串，收到 {v}。",
    ),
    _rule(
        r"Boolean cannot represent a non boolean value: (?P<v>.+)",
        "Boolean 类型只接受 true 或 false，收到 {v}。",
    ),
    _rule(
        r"ID cannot represent a non-string and non-integer value: (?P<v>.+)",
        "ID 类型只接受字符串或整数，收到 {v}。",
    ),
    _rule(r"ID cannot represent value: (?P<v>.+)", "ID 类型不能表示 {v}。"),
    _rule(r"Value {v} does not exist in {e} enum\.", "枚举 {e} 中没有值 {v}。"),
    _rule(
        r"Enum {e} cannot represent non-(?:enum|string) value: (?P<v>.+?)\.",
        "枚举 {e} 不接受 {v}：请使用枚举值名称（不带引号）。",
    ),
    _rule(
        r"Expected a value of non-null type {t} to be provided\.",
        "必须提供 {t} 类型的值。",
    ),
    _rule(
        r"Expected value of non-null type {t} not to be (?:None|null)\.",
        "{t} 类型的值不能为 null。",
    ),
    _rule(
        r"Expected value of type {t} to be an object, found: .+\.",
        "{t} 类型的值应为对象。",
    ),
    _rule(
        r"Expected value of type {t} to include required field {f}, found: .+\.",
        "{t} 缺少必填字段 {f}。",
    ),
    _rule(
        r"Expected value of type {t} not to include unknown field {f}(?:\.| Found|, found).*",
        "{t} 没有字段 {f}。",
    ),
    _rule(
        r"Expected value of type {t}, but encountered error '(?P<err>.*)'; found: .+\.",
        lambda m: _scalar_error(m["t"], m["err"]),
    ),
    _rule(r"Expected value of type {t}, found: .+\.", "{t} 类型的值无效。"),
    _rule(
        r"Expected value of type {t}, found (?P<v>.+?)(?:; (?P<inner>.+))?\.?",
        lambda m: (
            f"{m['t']} 类型的值无效：{m['v']}"
            + (f"（{translate(m['inner'])[0]}）" if m["inner"] else "")
            + "。"
        ),
    ),
    _rule(r"Expected value of type {t} to be valid, found: .+\.", "{t} 类型的值无效。"),
    _rule(
        r"Expected variable '\$(?P<v>[^']*)' provided to (?:non-null )?type {t} (?:to provide a runtime value|not to be None)\.",
        "变量 ${v} 须提供 {t} 类型的非空值。",
    ),
    _rule(
        r"Field {f} of required type {t} was not provided\.",
        "缺少必填字段 {f}（{t}）。",
    ),
    _rule(
        r"Within OneOf Input Object type {t}, exactly one field must be specified, and the value for that field must be non-null\.",
        "{t} 须且只能填写一个字段，且值不能为 null。",
    ),
]

_RULES = [
    # Input: variables that do not fit the operation.
    _rule(
        r"Variable '\$(?P<v>[^']*)' has invalid value(?P<path>[^:]*): (?P<inner>.+)",
        lambda m: f"变量 ${m['v']}{_path(m)} 的值无效：{_inner(m)}",
        BAD_USER_INPUT,
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' of required type {t} was not provided\.",
        "缺少必填变量 ${v}（{t}）。",
        BAD_USER_INPUT,
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' of non-null type {t} must not be null\.",
        "变量 ${v}（{t}）不能为 null。",
        BAD_USER_INPUT,
    ),
    _rule(r"Variable values are nested too deeply\.", "变量嵌套过深。", BAD_USER_INPUT),
    _rule(
        r"Argument {a} of required type {t} was not provided\.",
        "缺少必填参数 {a}（{t}）。",
        BAD_USER_INPUT,
    ),
    _rule(
        r"Argument {a} has invalid value(?P<path>[^:]*): (?P<inner>.+)",
        lambda m: f"参数 {m['a']}{_path(m)} 的值无效：{_inner(m)}",
        BAD_USER_INPUT,
    ),
    # Validation: the document against the schema.
    _rule(
        r"Variable '\$(?P<v>[^']*)' has invalid default value(?P<path>[^:]*): (?P<inner>.+)",
        lambda m: f"变量 ${m['v']}{_path(m)} 的默认值无效：{_inner(m)}",
        VALIDATION_FAILED,
    ),
    _rule(r"Cannot query field {f} on type {t}\.", "类型 {t} 上没有字段 {f}。"),
    _rule(r"Unknown argument {a} on field {f}\.", "字段 {f} 没有参数 {a}。"),
    _rule(
        r"Unknown argument {a} on directive '@(?P<d>[^']*)'\.",
        "指令 @{d} 没有参数 {a}。",
    ),
    _rule(r"Unknown argument {a} on fragment {f}\.", "片段 {f} 没有参数 {a}。"),
    _rule(r"Unknown type {t}\.", "未知的类型 {t}。"),
    _rule(r"Unknown directive '@(?P<d>[^']*)'\.", "未知的指令 @{d}。"),
    _rule(r"Unknown fragment {f}\.", "未定义的片段 {f}。"),
    _rule(r"Unknown operation named {o}\.", "文档中没有名为 {o} 的操作。"),
    _rule(
        r"Field {f} of type {t} must have a selection of subfields\.",
        "字段 {f}（{t}）须选择子字段，例如 {f} {{ ... }}。",
    ),
    _rule(
        r"Field {f} of type {t} must have at least one field selected\.",
        "字段 {f}（{t}）须至少选择一个子字段。",
    ),
    _rule(
        r"Field {f} must not have a selection since type {t} has no subfields\.",
        "字段 {f} 的类型 {t} 没有子字段，不能再选择。",
    ),
    _rule(
        r"Argument '(?P<f>[^'(]*)\((?P<a>[^:]*):\)' of type {t} is required, but it was not provided\.",
        "{f} 缺少必填参数 {a}（{t}）。",
    ),
    _rule(
        r"Fragment {f} argument {a} of type {t} is required, but it was not provided\.",
        "片段 {f} 缺少必填参数 {a}（{t}）。",
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' is never used(?: in (?:operation|fragment) {o})?\.",
        "变量 ${v} 已声明但没有使用。",
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' is not defined(?: by operation {o})?\.",
        "变量 ${v} 没有声明。",
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' of type {t} used in position expecting type {e}\.",
        "变量 ${v} 的类型是 {t}，此处需要 {e}。",
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' is of type {t} but must be non-nullable to be used for OneOf Input Object {e}\.",
        "变量 ${v} 的类型 {t} 须为非空类型，才能用于 {e}。",
    ),
    _rule(
        r"Variable '\$(?P<v>[^']*)' cannot be non-input type {t}\.",
        "变量 ${v} 不能是非输入类型 {t}。",
    ),
    _rule(
        r"There can be only one (?P<k>operation|argument|fragment|variable|input field|directive) named '\$?@?(?P<n>[^']*)'\.",
        lambda m: f"名为 {m['n']} 的{_kind(m['k'])}只能有一个。",
    ),
    _rule(
        r"This anonymous operation must be the only defined operation\.",
        "匿名操作必须是文档中唯一的操作。",
    ),
    _rule(
        r"The (?P<o>\w+) operation is not supported by the schema\.",
        "不支持 {o} 操作。",
    ),
    _rule(r"The (?P<d>.+) definition is not executable\.", "{d} 定义不能执行。"),
    _rule(
        r"Cannot spread fragment {f} within itself(?: via (?P<via>.+))?\.",
        "片段 {f} 不能（直接或间接）展开自身。",
    ),
    _rule(r"Fragment {f} is never used\.", "片段 {f} 已定义但没有使用。"),
    _rule(
        r"Fragment (?:{f} )?cannot be spread here as objects of type {p} can never be of type {t}\.",
        lambda m: (
            f"片段{' ' + m['f'] if m['f'] else ''}不能在此展开：{m['p']} 类型的对象不可能是 {m['t']}。"
        ),
    ),
    _rule(
        r"Fragment (?:{f} )?cannot condition on non composite type {t}\.",
        lambda m: (
            f"片段{' ' + m['f'] if m['f'] else ''}不能以非复合类型 {m['t']} 为条件。"
        ),
    ),
    _rule(
        r"Fields {a} conflict because (?P<why>.+)\. Use different aliases on the fields to fetch both if this was intentional\.",
        lambda m: _conflict(m),
    ),
    _rule(
        r"Directive '@(?P<d>[^']*)' may not be used on (?P<l>\w+)\.",
        "指令 @{d} 不能用在 {l} 上。",
    ),
    _rule(
        r"The directive '@(?P<d>[^']*)' can only be used once at this location\.",
        "指令 @{d} 在此处只能使用一次。",
    ),
    _rule(r"Maximum introspection depth exceeded", "内省查询嵌套过深。"),
    *_VALUES,
]


# Why two fields of one response name cannot be merged.
_CONFLICTS = [
    _rule(r"{a} and {b} are different fields", "{a} 与 {b} 是不同的字段"),
    _rule(r"they have differing arguments", "参数不同"),
    _rule(r"they return conflicting types {a} and {b}", "返回类型 {a} 与 {b} 不同"),
    _rule(r"they have differing stream directives", "@stream 指令不同"),
]


def _conflict(match: re.Match[str]) -> str:
    found = _apply(_CONFLICTS, match["why"])
    why = found[0] if found else match["why"]
    return f"字段 {match['a']} 冲突（{why}）：如需同时获取，请使用不同的别名。"


# What a custom scalar expects, for its parse errors (Python's, in English).
_SCALAR_FORMATS = {
    "Date": "ISO 8601 日期（如 2025-06-17）",
    "DateTime": "ISO 8601 日期时间（如 2025-06-17T09:30:00+08:00）",
}


def _scalar_error(type_name: str, detail: str, value: str = "") -> str:
    expected = _SCALAR_FORMATS.get(type_name.rstrip("!"))
    received = f"，收到 {value}" if value else ""
    if expected:
        return f"{type_name} 类型的值应为 {expected}{received}。"
    return f"{type_name} 类型的值无效（{detail}）{received}。"


def _suggestion(names: str) -> str:
    names = names.removeprefix("the enum value ")
    names = names.replace(", or ", "、").replace(" or ", "、").replace(", ", "、")
    return f"（是否要用 {names}？）"


def _apply(rules: list[_Rule], message: str) -> tuple[str, str | None] | None:
    for rule in rules:
        if match := rule.pattern.match(message):
            template = rule.template
            text = (
                template(match)
                if callable(template)
                else template.format(
                    **{k: v or "" for k, v in match.groupdict().items()}
                )
            )
            return text, rule.code
    return None


def translate(message: str) -> tuple[str, str]:
    """``message`` in Chinese, and its code. Already Chinese: returned as it is."""
    if has_chinese(message):
        return message, VALIDATION_FAILED
    if message.startswith("Syntax Error: "):
        detail = message.removeprefix("Syntax Error: ")
        code = PARSE_FAILED
        if detail.startswith("Document contains more than"):
            code = "TOO_MANY_TOKENS"
        found = _apply(_SYNTAX, detail)
        return f"语法错误：{found[0] if found else detail}", code
    suffix = ""
    if (hint := _SUGGESTION.search(message)) and not message.startswith("Field '"):
        suffix = _suggestion(hint.group("names"))
        message = message[: hint.start()]
    elif hint:  # "must have a selection of subfields. Did you mean 'x { ... }'?"
        message = message[: hint.start()]
    found = _apply(_RULES, message)
    if found is None:
        return f"请求无效：{message}{suffix}", VALIDATION_FAILED
    text, code = found
    return text + suffix, code or VALIDATION_FAILED


def is_library_message(error: GraphQLError) -> bool:
    """An error of graphql-core itself (parse, validation, input coercion)."""
    original = error.original_error
    return (original is None or isinstance(original, GraphQLError)) and not (
        has_chinese(error.message)
    )


def localised(error: GraphQLError) -> GraphQLError:
    """``error`` with a Chinese message and a code; deliberate errors untouched."""
    if error.message == INTERNAL_ERROR_MESSAGE:
        return _copy(error, error.message, INTERNAL_ERROR)
    if not is_library_message(error):
        if (error.extensions or {}).get("code"):
            return error
        code = VALIDATION_FAILED if error.path is None else BAD_USER_INPUT
        if error.original_error is not None and not isinstance(
            error.original_error, GraphQLError
        ):
            return error  # masked or DEBUG: the view decides
        return _copy(error, error.message, code)
    message, code = translate(error.message)
    code = (error.extensions or {}).get("code") or code
    return _copy(error, message, code)


def _copy(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source if not error.nodes else None,
        positions=error.positions if not error.nodes else None,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )
