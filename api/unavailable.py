"""A broken database connection answers "retry", never a generic failure or a receipt.

Errors of a connection that went away (terminated backend, failover, network cut:
Django's ``OperationalError`` and ``InterfaceError``) and a submission whose
transaction did not commit (``SubmissionNotSaved``) are turned into one GraphQL
error the client can act on::

    HTTP/1.1 503 Service Unavailable
    Retry-After: 5

    {"data": null, "errors": [{"message": "服务暂时不可用，本次提交未保存，请稍后重试。",
      "path": ["submitQuestion"],
      "extensions": {"code": "SERVICE_UNAVAILABLE", "retryable": true, "retryAfter": 5}}]}

503 with Retry-After tells HTTP clients and proxies to retry; the body stays a
GraphQL response. A mutation retried with the same ``idempotencyKey`` cannot be
stored twice. The original error is logged by strawberry before this replaces it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from cms.participation.durability import SubmissionNotSaved

from .http import NO_STORE

CODE = "SERVICE_UNAVAILABLE"
RETRY_AFTER_SECONDS = 5
MUTATION_MESSAGE = "服务暂时不可用，本次提交未保存，请稍后重试。"
QUERY_MESSAGE = "服务暂时不可用，请稍后重试。"
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, SubmissionNotSaved)
EXTENSIONS = {"code": CODE, "retryable": True, "retryAfter": RETRY_AFTER_SECONDS}


def is_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE_ERRORS)


def set_retry_headers(response: HttpResponse) -> None:
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)


def response() -> HttpResponse:
    """The answer when the database fails outside execution (the view's own reads)."""
    body = {
        "data": None,
        "errors": [{"message": QUERY_MESSAGE, "extensions": EXTENSIONS}],
    }
    answer = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
    )
    answer["Cache-Control"] = NO_STORE
    set_retry_headers(answer)
    return answer


class ServiceUnavailable(SchemaExtension):
    """Replace database-connection errors of an execution by SERVICE_UNAVAILABLE."""

    def on_execute(self) -> Iterator[None]:
        yield
        context = self.execution_context
        result = context.result
        if result is None or not result.errors:
            return
        if not any(is_unavailable(error.original_error) for error in result.errors):
            return
        message = (
            MUTATION_MESSAGE
            if context.operation_type is OperationType.MUTATION
            else QUERY_MESSAGE
        )
        result.errors = [
            GraphQLError(
                message, nodes=error.nodes, path=error.path, extensions=EXTENSIONS
            )
            if is_unavailable(error.original_error)
            else error
            for error in result.errors
        ]
        set_retry_headers(context.context.response)
