"""What the transport needs to know about a query before running it, memoised by text.

The operation type (GET may only query), a digest of the normalised document (the
response cache key: whitespace, commas and comments do not split the cache), and
whether it asks for a preview (never shared).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    ArgumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    print_ast,
    visit,
)

from .http import RequestError
from .limits import too_many_tokens_error

PREVIEW_ARGUMENT = "previewToken"


@dataclass(frozen=True)
class Document:
    digest: str = ""
    operations: Mapping[str | None, OperationType] | None = None
    mentions_preview: bool = False
    error: GraphQLError | None = None

    def operation_type(self, operation_name: str | None) -> OperationType:
        operations = self.operations or {}
        if operation_name is not None:
            if operation_name not in operations:
                raise RequestError(
                    f"文档中没有名为 {operation_name} 的操作。", "BAD_REQUEST"
                )
            return operations[operation_name]
        if len(operations) != 1:
            raise RequestError(
                "文档包含多个操作，请用 operationName 指定要执行的一个。",
                "BAD_REQUEST",
            )
        return next(iter(operations.values()))


class _PreviewFinder(Visitor):
    found = False

    def enter_argument(self, node: ArgumentNode, *_: object) -> object:
        if node.name.value == PREVIEW_ARGUMENT:
            self.found = True
            return self.BREAK
        return None


@lru_cache(maxsize=1024)
def analyse(query: str, max_tokens: int) -> Document:
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        if "more than" in error.message and "tokens" in error.message:
            return Document(error=too_many_tokens_error(max_tokens))
        return Document(error=error)
    operations = {
        definition.name.value if definition.name else None: definition.operation
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    }
    finder = _PreviewFinder()
    visit(document, finder)
    return Document(
        digest=hashlib.sha256(print_ast(document).encode()).hexdigest(),
        operations=operations,
        mentions_preview=finder.found,
    )
