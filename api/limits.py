"""What a query may cost, and which errors a client may read.

The depth and alias rules are built once per process and shared by every request:
strawberry's limiters build a new rule class per request, which made every
ValidationCache lookup a miss.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from graphql import (
    ArgumentNode,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationRule,
    VariableNode,
    Visitor,
    value_from_ast_untyped,
    visit,
)
from strawberry.extensions import SchemaExtension
from strawberry.relay.utils import from_base64

from .conf import api_settings
from .inputs import control_character_errors
from .messages import INTERNAL_ERROR_MESSAGE

GENERIC_ERROR_MESSAGE = INTERNAL_ERROR_MESSAGE
CURSOR_ARGUMENTS = frozenset({"after", "before"})
PAGINATION_ARGUMENTS = frozenset({"first", "last"}) | CURSOR_ARGUMENTS
# What the cursors of a field start with: strawberry's list connections, and the
# search connection's own (api/search/queries.py).
CONNECTION_CURSOR = ("arrayconnection", "分页游标")
CURSORS = {"search": ("search", "搜索分页游标")}
# No list is this long; an offset beyond it was not issued by this API, and one
# past the database's 64-bit range would fail the query.
MAX_CURSOR_OFFSET = 1_000_000


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


def _operations(document: DocumentNode) -> Iterator[OperationDefinitionNode]:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            yield definition


class _Measure:
    """Depth, alias count and cost of selection sets, fragments expanded per use.

    Each fragment is measured once (memoised), so measuring is linear in the
    document even when what it measures is exponential.
    """

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self._depths: dict[str, int] = {}
        self._aliases: dict[str, int] = {}
        self._costs: dict[str, int] = {}

    def _fragment(self, name: str, memo: dict[str, int], measure: Any) -> int:
        if name not in memo:
            memo[name] = 0  # a cycle (invalid anyway) counts as nothing
            fragment = self.fragments.get(name)
            memo[name] = measure(fragment.selection_set) if fragment else 0
        return memo[name]

    def depth(self, selection_set: SelectionSetNode | None) -> int:
        """Levels of fields; introspection (``__schema``) has its own graphql-core rule."""
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                deepest = max(deepest, 1 + self.depth(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.depth(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                level = self._fragment(selection.name.value, self._depths, self.depth)
                deepest = max(deepest, level)
        return deepest

    def aliases(self, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += (selection.alias is not None) + self.aliases(
                    selection.selection_set
                )
            elif isinstance(selection, InlineFragmentNode):
                total += self.aliases(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                total += self._fragment(name, self._aliases, self.aliases)
        return total

    def cost(self, selection_set: SelectionSetNode | None) -> int:
        """Fields the query selects once every fragment spread is expanded.

        Ten fragments that each spread the one before twice are 2^10 copies of
        the first: what every layer that walks the selection (strawberry's
        ``selected_fields``, the optimizer, graphql-core's field collection)
        has to go through, however few bytes the query has.
        """
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += 1 + self.cost(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, self._costs, self.cost)
        return total


def depth_limit_rule(max_depth: int) -> type[ValidationRule]:
    class DepthLimitRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_: Any) -> Any:
            measure = _Measure(_fragments(node))
            for operation in _operations(node):
                depth = measure.depth(operation.selection_set)
                if depth > max_depth:
                    self.report_error(
                        GraphQLError(
                            f"查询嵌套过深：{depth} 层，最多允许 {max_depth} 层。",
                            operation,
                            extensions={"code": "QUERY_TOO_DEEP"},
                        )
                    )
            return self.BREAK

    return DepthLimitRule


def alias_limit_rule(max_aliases: int) -> type[ValidationRule]:
    class AliasLimitRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_: Any) -> Any:
            measure = _Measure(_fragments(node))
            for operation in _operations(node):
                count = measure.aliases(operation.selection_set)
                if count > max_aliases:
                    self.report_error(
                        GraphQLError(
                            f"查询使用了 {count} 个别名，最多允许 {max_aliases} 个。",
                            operation,
                            extensions={"code": "TOO_MANY_ALIASES"},
                        )
                    )
            return self.BREAK

    return AliasLimitRule


def cost_limit_rule(max_cost: int) -> type[ValidationRule]:
    """Refuse queries whose expanded selection is larger than ``max_cost`` fields.

    Runs with validation, before execution, so a fragment bomb is answered in
    milliseconds instead of being expanded for tens of seconds.
    """

    class CostLimitRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_: Any) -> Any:
            measure = _Measure(_fragments(node))
            for operation in _operations(node):
                cost = measure.cost(operation.selection_set)
                if cost > max_cost:
                    self.report_error(
                        GraphQLError(
                            f"查询过于复杂：展开片段后共选择 {cost} 个字段，"
                            f"最多允许 {max_cost} 个。",
                            operation,
                            extensions={"code": "QUERY_TOO_COMPLEX"},
                        )
                    )
            return self.BREAK

    return CostLimitRule


class QueryTimeout(GraphQLError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"查询超出时间限制（{seconds:g} 秒），已停止执行；"
            "请减少所选字段或每页条数后重试。",
            extensions={"code": "QUERY_TIMEOUT"},
        )


class TimeBudget(SchemaExtension):
    """A per-request time budget for execution, checked before every field.

    A field that starts after the budget is spent is not resolved but answers
    ``QUERY_TIMEOUT``; the response keeps what was resolved in time and one
    error (not one per remaining field). It bounds many slow fields, not one
    slow resolver: a single database query is bounded by the database.
    """

    def __init__(self, *, execution_context: Any = None) -> None:
        super().__init__(execution_context=execution_context)
        self.seconds = api_settings().time_budget
        self.deadline = float("inf")
        self.exceeded = False

    def on_operation(self) -> Iterator[None]:
        if self.seconds > 0:
            self.deadline = time.monotonic() + self.seconds
        yield

    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any):
        if time.monotonic() > self.deadline:
            self.exceeded = True
            raise QueryTimeout(self.seconds)
        return _next(root, info, *args, **kwargs)

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if self.exceeded and result is not None and result.errors:
            first = next(
                e for e in result.errors if isinstance(e.original_error, QueryTimeout)
            )
            others = [
                e
                for e in result.errors
                if not isinstance(e.original_error, QueryTimeout)
            ]
            result.errors = [
                *others,
                GraphQLError(
                    first.message,
                    first.nodes,
                    path=first.path,
                    extensions=first.extensions,
                ),
            ]


def too_many_tokens_error(max_tokens: int) -> GraphQLError:
    return GraphQLError(
        f"查询过长：超过 {max_tokens} 个词法单元。",
        extensions={"code": "TOO_MANY_TOKENS"},
    )


class _PaginationArguments(Visitor):
    """first/last/after/before arguments with their values (literal or variable)."""

    def __init__(self, variables: Mapping[str, Any], defaults: Mapping[str, Any]):
        super().__init__()
        self.variables = variables
        self.defaults = defaults
        self.found: list[tuple[ArgumentNode, str, Any]] = []

    def enter_argument(
        self, node: ArgumentNode, _key: Any, _parent: Any, _path: Any, ancestors: Any
    ) -> None:
        if node.name.value not in PAGINATION_ARGUMENTS:
            return
        owner = ancestors[-1] if ancestors else None
        field = owner.name.value if isinstance(owner, FieldNode) else ""
        value: Any = None
        if isinstance(node.value, IntValueNode | StringValueNode):
            value = value_from_ast_untyped(node.value)
        elif isinstance(node.value, VariableNode):
            name = node.value.name.value
            value = self.variables.get(name, self.defaults.get(name))
        if value is not None:
            self.found.append((node, field, value))


def _cursor_problem(name: str, field: str, value: Any) -> str | None:
    expected, kind = CURSORS.get(field, CONNECTION_CURSOR)
    invalid = f"{name} 不是有效的{kind}，请使用上一页返回的 endCursor/startCursor。"
    try:
        prefix, offset = from_base64(str(value))
    except ValueError:
        return invalid
    if prefix != expected:
        return invalid
    if not (offset.isascii() and offset.isdigit()):
        return invalid
    if int(offset) >= MAX_CURSOR_OFFSET:
        return f"{name} 超出列表范围：分页游标的位置应小于 {MAX_CURSOR_OFFSET}。"
    return None


def _pagination_problem(
    name: str, field: str, value: Any, max_page_size: int
) -> str | None:
    if name in CURSOR_ARGUMENTS:
        return _cursor_problem(name, field, value)
    if not isinstance(value, int):
        return None
    if value < 0:
        return f"{name} 不能为负数。"
    if value > max_page_size:
        return (
            f"{name} 最大为 {max_page_size}，收到 {value}；"
            "请用 after/before 游标分页获取。"
        )
    return None


def pagination_errors(
    document: DocumentNode, variables: Mapping[str, Any] | None, max_page_size: int
) -> list[GraphQLError]:
    defaults = {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for operation in _operations(document)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    finder = _PaginationArguments(variables or {}, defaults)
    visit(document, finder)
    errors = []
    for node, field, value in finder.found:
        message = _pagination_problem(node.name.value, field, value, max_page_size)
        if message:
            code = (
                "INVALID_CURSOR"
                if node.name.value in CURSOR_ARGUMENTS
                else "PAGE_SIZE_EXCEEDED"
            )
            errors.append(GraphQLError(message, node, extensions={"code": code}))
    return errors


def pagination_limiter(max_page_size: int) -> type[SchemaExtension]:
    """Refuse (not silently cap) ``first``/``last`` above the cap, bad cursors, and
    variables holding control characters (api/inputs.py).

    A validation rule cannot see variable values, so this runs just before
    execution and answers in its place. Refusing keeps the contract honest: a
    client that asked for 500 learns it gets at most 100 instead of believing it
    has the whole list. A malformed cursor would otherwise surface as a masked
    internal error.
    """

    class PaginationLimiter(SchemaExtension):
        def on_execute(self) -> Iterator[None]:
            context = self.execution_context
            if context.graphql_document is not None and not context.result:
                errors = control_character_errors(context.variables)
                errors += pagination_errors(
                    context.graphql_document, context.variables, max_page_size
                )
                if errors:
                    # strawberry skips execution when a result is already set.
                    context.result = ExecutionResult(data=None, errors=errors)
            yield

    return PaginationLimiter


def should_mask_error(error: GraphQLError) -> bool:
    """Hide unexpected exceptions outside DEBUG; keep deliberate errors readable.

    Syntax, validation and limit errors have no original error; a resolver that
    wants its message shown raises GraphQLError. Everything else (a bug, a database
    error with SQL in its message) becomes ``服务器内部错误`` and is logged.
    """
    if settings.DEBUG:
        return False
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)
