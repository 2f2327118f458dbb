"""HTTP details of the GraphQL endpoint: request payloads, errors, caching headers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from .conf import api_settings
from .inputs import payload_problem

PRIVATE = "private, no-store"
NO_STORE = "no-store"
JSON = "application/json"
# GraphQL over HTTP: the media type of a GraphQL response, whose status tells a
# request error (4xx, no ``data``) from a response with data.
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def request_header(request: HttpRequest, name: str) -> str:
    """One request header, read straight from ``META`` ("" when absent).

    ``request.headers`` first builds a mapping of every header the request carries:
    a cost a cached answer (a few dozen microseconds in all) does not need to pay
    for the two or three headers it reads.
    """
    return request.META.get("HTTP_" + name.upper().replace("-", "_"), "")


def client_asks_allow_list(request: HttpRequest) -> bool:
    """Whether the ``X-Client`` header names a client that may only run
    allow-listed queries (``GRAPHQL_PERSISTED_ONLY_CLIENTS``)."""
    client = request_header(request, "X-Client").strip().lower()
    return client in api_settings().persisted_only_clients


def response_media_type(request: HttpRequest) -> str:
    """``application/graphql-response+json`` when the client prefers it, else JSON.

    Clients that know the spec send ``Accept: application/graphql-response+json,
    application/json;q=0.9``; a client sending no Accept, ``*/*`` or
    ``application/json`` alone gets ``application/json`` as it always did.
    """
    header = request_header(request, "Accept")
    graphql_q = json_q = 0.0
    for part in header.split(","):
        media, *params = (item.strip() for item in part.split(";"))
        media = media.lower()
        if media == GRAPHQL_RESPONSE:
            graphql_q = max(graphql_q, _quality(params))
        elif media in (JSON, "application/*", "*/*"):
            json_q = max(json_q, _quality(params))
    return GRAPHQL_RESPONSE if graphql_q > 0 and graphql_q >= json_q else JSON


def public_cache_control() -> str:
    conf = api_settings()
    return (
        f"public, max-age={conf.max_age}, "
        f"stale-while-revalidate={conf.stale_while_revalidate}"
    )


class RequestError(Exception):
    """A request answered with an error before (or instead of) executing a query."""

    def __init__(
        self,
        message: str,
        code: str,
        *,
        status: int = 400,
        cache_control: str = NO_STORE,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.cache_control = cache_control
        self.headers = dict(headers or {})

    def response(self) -> HttpResponse:
        body = {
            "errors": [{"message": self.message, "extensions": {"code": self.code}}]
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            status=self.status,
            content_type="application/json",
        )
        response["Cache-Control"] = self.cache_control
        for name, value in self.headers.items():
            response[name] = value
        return response


@dataclass(frozen=True)
class Payload:
    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


def _json_param(raw: str | None, name: str) -> Any:
    if raw in (None, ""):
        return None
    try:
        return json.loads(raw)
    except ValueError as error:
        raise RequestError(f"{name} 不是有效的 JSON。", "BAD_REQUEST") from error
    except RecursionError:
        # Thousands of nested brackets overflow the decoder's stack.
        raise RequestError(f"{name} 嵌套过深。", "BAD_REQUEST") from None


def too_large(limit: int) -> RequestError:
    return RequestError(
        f"请求体过大：GraphQL 请求最多 {limit // 1024} KB。",
        "PAYLOAD_TOO_LARGE",
        status=413,
    )


def _body(request: HttpRequest) -> str:
    """The POST body as text, refused before it is read when it is too large."""
    limit = api_settings().max_body_size
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large(limit)
    try:
        body = request.body
    except RequestDataTooBig:  # DATA_UPLOAD_MAX_MEMORY_SIZE, should it be lower
        raise too_large(limit) from None
    if len(body) > limit:
        raise too_large(limit)
    return body.decode("utf-8", "replace")


def _typed(value: Any, kind: type, name: str) -> Any:
    if value is not None and not isinstance(value, kind):
        expected = "字符串" if kind is str else "对象"
        raise RequestError(f"{name} 应为{expected}。", "BAD_REQUEST")
    return value


def parse_payload(request: HttpRequest) -> Payload:
    """The GraphQL request a GET (query string) or POST (JSON body) carries."""
    if request.method == "GET":
        data: Any = {
            "query": request.GET.get("query"),
            "variables": _json_param(request.GET.get("variables"), "variables"),
            "operationName": request.GET.get("operationName") or None,
            "extensions": _json_param(request.GET.get("extensions"), "extensions"),
        }
    else:
        if request.content_type != "application/json":
            raise RequestError(
                "请求体须为 JSON（Content-Type: application/json）。",
                "UNSUPPORTED_MEDIA_TYPE",
                status=415,
            )
        data = _json_param(_body(request), "请求体")
        if isinstance(data, list):
            raise RequestError("不支持批量查询，请逐个发送。", "BAD_REQUEST")
        _typed(data, dict, "请求体")
        data = data or {}
    if problem := payload_problem(data):
        raise RequestError(problem, "BAD_REQUEST")
    return Payload(
        query=_typed(data.get("query"), str, "query"),
        variables=_typed(data.get("variables"), dict, "variables"),
        operation_name=_typed(data.get("operationName"), str, "operationName"),
        extensions=_typed(data.get("extensions"), dict, "extensions"),
    )


def wants_ide(request: HttpRequest) -> bool:
    """A browser opening the endpoint itself, not a client sending a query."""
    return (
        request.method == "GET"
        and "query" not in request.GET
        and "extensions" not in request.GET
        and "text/html" in request_header(request, "Accept")
    )


def matches_if_none_match(request: HttpRequest, etag: str) -> bool:
    header = request_header(request, "If-None-Match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    # If-None-Match uses the weak comparison: W/"x" matches "x".
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in candidates


def json_response(
    body: bytes, *, cache_control: str, etag: str | None = None, status: int = 200
) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = cache_control
    if etag:
        response["ETag"] = etag
    return response


def not_modified(*, cache_control: str, etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["Cache-Control"] = cache_control
    response["ETag"] = etag
    return response
