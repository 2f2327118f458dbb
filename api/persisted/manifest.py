"""The committed allow-list: built from ``operations/*.graphql``, checked against the schema.

The manifest uses Apollo's persisted query manifest format, so a frontend build
(``@apollo/generate-persisted-query-manifest``) can produce the same file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    parse,
    print_ast,
    specified_rules,
    validate,
)

from api.messages import translate

from . import OPERATIONS_DIR, sha256_hex

MANIFEST_FORMAT = "apollo-persisted-query-manifest"


def query_problems(text: str) -> list[str]:
    """Why ``text`` cannot be allow-listed: syntax, schema and limit errors."""
    from api.limits import pagination_errors
    from api.schema import LIMIT_RULES, MAX_PAGE_SIZE, MAX_TOKENS, schema

    try:
        document = parse(text, max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        return [translate(error.message)[0]]
    operations = [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    if len(operations) != 1:
        return ["每个持久化查询只能包含一个操作（可以带片段）。"]
    if operations[0].operation is OperationType.SUBSCRIPTION:
        return ["只能登记查询（query）和提交（mutation），不能登记订阅。"]
    errors = validate(schema._schema, document, (*specified_rules, *LIMIT_RULES))
    errors += pagination_errors(document, {}, MAX_PAGE_SIZE)
    return [translate(error.message)[0] for error in errors]


def build(operations_dir: Path = OPERATIONS_DIR) -> dict[str, Any]:
    """The manifest for every ``*.graphql`` file (one operation each), normalised."""
    entries = []
    problems = []
    for path in sorted(operations_dir.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        found = query_problems(text)
        if found:
            problems += [f"{path.name}: {message}" for message in found]
            continue
        document = parse(text)
        # Printed, so the hash does not depend on whitespace or comments.
        body = print_ast(document)
        operation = next(
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        )
        entries.append(
            {
                "id": sha256_hex(body),
                "name": operation.name.value if operation.name else path.stem,
                "type": operation.operation.value,
                "body": body,
            }
        )
    if problems:
        raise ValueError("\n".join(problems))
    return {"format": MANIFEST_FORMAT, "version": 1, "operations": entries}


def render(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
