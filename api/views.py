"""The /graphql/ endpoint: fast (response cache), cacheable (HTTP) and safe.

- Queries over GET and POST; mutations only over POST (405 over GET).
- Public GET responses (and POSTs of persisted queries) carry
  ``Cache-Control: public, max-age, stale-while-revalidate`` and a strong ETag,
  answer 304 to a matching ``If-None-Match``, and never touch the session, so no
  ``Set-Cookie`` or ``Vary: Cookie`` comes with them.
- Preview queries (``previewToken``), resolvers that set ``context.private`` and
  requests carrying a session cookie (a logged-in editor) are
  ``private, no-store`` and bypass the response cache.
- Persisted queries: Apollo APQ, and an allow-list mode for the mini-program
  (``persisted_queries_only``, the ``X-Client`` header or the setting).
- GraphiQL only in DEBUG or for logged-in staff.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from graphql import GraphQLError
from graphql import OperationType as DocumentOperation
from strawberry.django.views import GraphQLView as BaseGraphQLView
from strawberry.django.views import TemporalHttpResponse
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from cms.core.http import add_vary

from . import cache, persisted, replays, unavailable
from .conf import api_settings
from .context import Context
from .documents import analyse
from .http import (
    GRAPHQL_RESPONSE,
    JSON,
    NO_STORE,
    PRIVATE,
    Payload,
    RequestError,
    client_asks_allow_list,
    json_response,
    matches_if_none_match,
    not_modified,
    parse_payload,
    public_cache_control,
    response_media_type,
    wants_ide,
)
from .limits import GENERIC_ERROR_MESSAGE, should_mask_error
from .messages import localised
from .schema import MAX_TOKENS

logger = logging.getLogger(__name__)

CACHE_STATUS_HEADER = "X-GraphQL-Cache"


def _is_staff(request: HttpRequest) -> bool:
    """Whether a logged-in editor sent this; only asked where it matters (GraphiQL).

    Looking up request.user reads the session and adds ``Vary: Cookie``, so it is
    never done for ordinary (anonymous, cookie-less) API requests.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and (
        user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


def _mask(errors: list[GraphQLError]) -> list[GraphQLError]:
    # MaskErrors covers execution; this covers errors raised around it (by an
    # extension, say), which strawberry returns without passing through MaskErrors.
    # graphql-core's own messages are put in Chinese with a code (api/messages.py).
    return [
        GraphQLError(
            GENERIC_ERROR_MESSAGE,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR"},
        )
        if should_mask_error(error)
        else localised(error)
        for error in errors
    ]


def _is_request_error(result: ExecutionResult) -> bool:
    """Refused before execution: no data, and no error from a field (no path)."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors)
    )


class GraphQLView(BaseGraphQLView):
    allow_queries_via_get = True
    # Set with as_view(persisted_queries_only=True) for a mini-program-only URL.
    persisted_queries_only = False

    def get_context(self, request: HttpRequest, response: HttpResponse) -> Context:
        return Context(request=request, response=response)

    def encode_json(self, data: object) -> str:
        # UTF-8 rather than \uXXXX escapes: Chinese text is half the bytes.
        return json.dumps(
            data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
        )

    def process_result(
        self, request: HttpRequest, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = _mask(result.errors)
        return process_result(result)

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        return negotiated(request, self._dispatch(request))

    def _dispatch(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "POST"):
            return RequestError(
                "只支持 GET 和 POST 请求。",
                "METHOD_NOT_ALLOWED",
                status=405,
                headers={"Allow": "GET, POST"},
            ).response()
        try:
            return self._serve(request)
        except RequestError as error:
            return error.response()
        except unavailable.UNAVAILABLE_ERRORS:
            logger.warning("GraphQL request: database unavailable", exc_info=True)
            return unavailable.response()
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("GraphQL request failed")
            return RequestError(
                GENERIC_ERROR_MESSAGE, "INTERNAL_SERVER_ERROR", status=500
            ).response()

    def _allow_list_only(self, request: HttpRequest) -> bool:
        if self.persisted_queries_only or client_asks_allow_list(request):
            return True
        # Under the global setting, editors keep GraphiQL and ad-hoc queries.
        return api_settings().persisted_queries_only and not _is_staff(request)

    def _serve(self, request: HttpRequest) -> HttpResponseBase:
        allow_list_only = self._allow_list_only(request)
        # The fast path's slot: a public GET, by its exact bytes, answered again by
        # api/middleware.py before routing or parsing. Only GETs cached below are
        # stored there; its generation is read now, before executing (cache.Slot).
        request_key = cache.request_fingerprint(request)
        request_slot = cache.slot_for(request_key) if request_key else None

        if wants_ide(request):
            if settings.DEBUG or _is_staff(request):
                response = self.render_graphql_ide(request)
                response["Cache-Control"] = PRIVATE
                return response
            raise RequestError(
                "请求中没有 GraphQL 查询。GraphiQL 只对已登录后台的工作人员开放。",
                "BAD_REQUEST",
            )

        payload = parse_payload(request)
        resolved = persisted.resolve(
            payload.query,
            payload.extensions,
            allow_list_only=allow_list_only,
        )
        document = analyse(resolved.query, MAX_TOKENS)
        if document.error is not None:
            body = {"data": None, "errors": [localised(document.error).formatted]}
            return self._request_error_response(request, body)
        operation = document.operation_type(payload.operation_name)
        if operation is DocumentOperation.SUBSCRIPTION:
            raise RequestError("不支持订阅（subscription）。", "BAD_REQUEST")
        if request.method == "GET" and operation is not DocumentOperation.QUERY:
            raise RequestError(
                "GET 请求只能执行查询（query）；变更（mutation）请用 POST。",
                "METHOD_NOT_ALLOWED",
                status=405,
                headers={"Allow": "POST"},
            )

        # A session cookie is the one sign of a logged-in user readable without
        # touching the session; such requests, and previews, are never shared.
        private = (
            settings.SESSION_COOKIE_NAME in request.COOKIES or document.mentions_preview
        )
        is_query = operation is DocumentOperation.QUERY
        public = is_query and (request.method == "GET" or resolved.persisted)
        slot = None
        if is_query and not private:
            slot = cache.slot_for(
                cache.fingerprint(
                    document_digest=document.digest,
                    operation_name=payload.operation_name,
                    variables=payload.variables,
                    host=request.get_host(),
                )
            )
        if slot is not None and (hit := slot.get()) is not None:
            if resolved.remember_as:  # cached, so it ran without errors
                persisted.remember(resolved.remember_as, resolved.query)
            if request_slot is not None:
                _store_fast(request, request_slot, hit)
            return respond(request, hit, public=public, cache_status="HIT")
        return self._execute(
            request,
            payload,
            resolved,
            private=private,
            public=public,
            slot=slot,
            request_slot=request_slot,
        )

    def _execute(
        self,
        request: HttpRequest,
        payload: Payload,
        resolved: persisted.Resolved,
        *,
        private: bool,
        public: bool,
        slot: cache.Slot | None,
        request_slot: cache.Slot | None,
    ) -> HttpResponse:
        sub_response = TemporalHttpResponse()
        context = self.get_context(request, sub_response)
        result = self.schema.execute_sync(
            resolved.query,
            variable_values=payload.variables,
            context_value=context,
            operation_name=payload.operation_name,
            allowed_operation_types=(
                {OperationType.QUERY}
                if request.method == "GET"
                else {OperationType.QUERY, OperationType.MUTATION}
            ),
            operation_extensions=payload.extensions,
        )
        if resolved.remember_as and result.data is not None:
            # Like Apollo: only a query that validated is remembered for its hash.
            persisted.remember(resolved.remember_as, resolved.query)
        processed = self.process_result(request, result)
        if _is_request_error(result):
            return self._request_error_response(request, processed)
        body = self.encode_json(processed).encode()
        replays.run(context.replays)
        entry = cache.CachedResponse(body, cache.etag_for(body), tuple(context.replays))
        private = private or context.private or bool(sub_response.cookies)
        failed = bool(result.errors) or sub_response.status_code not in (None, 200)
        if private or failed:
            cache_control = PRIVATE if private else NO_STORE
            response = json_response(entry.body, cache_control=cache_control)
            response[CACHE_STATUS_HEADER] = "BYPASS"
        else:
            if slot is not None:
                slot.put(entry)
                if request_slot is not None:
                    _store_fast(request, request_slot, entry)
            response = respond(
                request,
                entry,
                public=public,
                cache_status="MISS" if slot is not None else "BYPASS",
            )
        return self._merge_sub_response(response, sub_response)

    def _request_error_response(
        self, request: HttpRequest, body: GraphQLHTTPResponse | dict
    ) -> HttpResponse:
        """A query refused before execution (parse, validation, variables).

        As application/json: 200 with ``data: null``, as it always was. As
        application/graphql-response+json (GraphQL over HTTP): 400 and no ``data``.
        """
        status = 200
        if response_media_type(request) == GRAPHQL_RESPONSE:
            body = {key: value for key, value in body.items() if key != "data"}
            status = 400
        response = json_response(
            self.encode_json(body).encode(), cache_control=NO_STORE, status=status
        )
        response[CACHE_STATUS_HEADER] = "BYPASS"
        return response

    @staticmethod
    def _merge_sub_response(
        response: HttpResponse, sub_response: TemporalHttpResponse
    ) -> HttpResponse:
        """Headers, cookies and status a resolver set through info.context.response."""
        for name, value in sub_response.items():
            if name.lower() not in ("content-type", "cache-control", "etag"):
                response[name] = value
        for name, morsel in sub_response.cookies.items():
            response.cookies[name] = morsel
        if sub_response.status_code and response.status_code != 304:
            response.status_code = sub_response.status_code
        return response


def respond(
    request: HttpRequest,
    entry: cache.CachedResponse,
    *,
    public: bool,
    cache_status: str,
) -> HttpResponse:
    """A stored answer as an HTTP response: ``public`` ones with their ETag and
    HTTP caching (304 to a matching ``If-None-Match``), the others ``no-store``."""
    if cache_status == "HIT":
        replays.run(entry.replays)
    if not public:
        response = json_response(entry.body, cache_control=NO_STORE)
    elif request.method == "GET" and matches_if_none_match(request, entry.etag):
        response = not_modified(cache_control=public_cache_control(), etag=entry.etag)
    else:
        response = json_response(
            entry.body, cache_control=public_cache_control(), etag=entry.etag
        )
    response[CACHE_STATUS_HEADER] = cache_status
    return response


def negotiated(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """The body is the same JSON either way; the media type follows ``Accept``."""
    add_vary(response, "Accept")
    if response.get("Content-Type", "").startswith(JSON) and (
        response_media_type(request) == GRAPHQL_RESPONSE
    ):
        response["Content-Type"] = GRAPHQL_RESPONSE
    return response


def answer_from_cache(
    request: HttpRequest, entry: cache.CachedResponse
) -> HttpResponse:
    """A public GET answered again from the fast path (api/middleware.py), exactly
    as the view answered it."""
    return negotiated(request, respond(request, entry, public=True, cache_status="HIT"))


def _store_fast(
    request: HttpRequest, slot: cache.Slot, entry: cache.CachedResponse
) -> None:
    slot.put(entry)
    cache.fast_paths.add(request.path)
