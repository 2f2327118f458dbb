"""A local Elasticsearch stand-in: the HTTP API the search backend uses, in memory.

It speaks what the elasticsearch-py 9 client sends and expects (JSON bodies,
NDJSON ``_bulk``, the ``X-Elastic-Product`` header) for the calls the backend makes
on saves and searches: ``POST /{index}/_bulk``, ``PUT|DELETE /{index}/_doc/{id}``,
``POST /{indices}/_search`` (with ``ignore_unavailable``) and ``GET /``. A search
scores documents by the query words found in their ``_title_terms`` and
``_terms`` (jieba words, whitespace-separated, as the backend writes them), and
applies the ``_django_content_type`` filter: enough to see which documents a
request reaches, not Elasticsearch's relevance.

``failing = True`` answers every request with 503 and an Elasticsearch error
body, as a cluster without a master node does.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class ElasticsearchStandIn:
    def __init__(self) -> None:
        self.indices: dict[str, dict[str, dict]] = {}
        self.requests: list[tuple[str, str]] = []
        self.failing = False
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                url = urlparse(self.path)
                with standin._lock:
                    standin.requests.append((self.command, url.path))
                    if standin.failing:
                        return self._reply(
                            503,
                            {
                                "error": {
                                    "type": "master_not_discovered_exception",
                                    "reason": "stand-in is failing",
                                },
                                "status": 503,
                            },
                        )
                    status, body = standin.handle(
                        self.command, url.path, parse_qs(url.query), raw
                    )
                self._reply(status, body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ElasticsearchStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the API ---------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict, raw: bytes):
        parts = [part for part in path.split("/") if part]
        if not parts:
            return 200, {
                "name": "stand-in",
                "cluster_name": "zwgk",
                "version": {"number": "9.0.0", "build_flavor": "default"},
                "tagline": "You Know, for Search",
            }
        if parts[-1] == "_bulk":
            return self._bulk(parts[0] if len(parts) > 1 else None, raw)
        if len(parts) == 3 and parts[1] == "_doc" and method == "DELETE":
            return self._delete(parts[0], parts[2])
        if len(parts) == 3 and parts[1] == "_doc" and method in ("PUT", "POST"):
            created = parts[2] not in self.indices.get(parts[0], {})
            self.indices.setdefault(parts[0], {})[parts[2]] = json.loads(raw)
            return 201 if created else 200, {
                "_index": parts[0],
                "_id": parts[2],
                "result": "created" if created else "updated",
            }
        if parts[-1] == "_search":
            body = json.loads(raw or b"{}")
            names = parts[0].split(",") if len(parts) > 1 else list(self.indices)
            ignore = query.get("ignore_unavailable", ["false"])[0] == "true"
            return self._search(names, body, ignore_unavailable=ignore)
        if parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        return 400, {
            "error": {"type": "illegal_argument_exception", "reason": path},
            "status": 400,
        }

    def _bulk(self, default_index: str | None, raw: bytes):
        lines = [json.loads(line) for line in raw.decode().splitlines() if line]
        items = []
        for action, document in zip(lines[::2], lines[1::2], strict=True):
            kind, meta = next(iter(action.items()))
            index = meta.get("_index") or default_index
            self.indices.setdefault(index, {})[str(meta["_id"])] = document
            items.append({kind: {"_index": index, "_id": meta["_id"], "status": 200}})
        return 200, {"took": 1, "errors": False, "items": items}

    def _delete(self, index: str, doc_id: str):
        found = self.indices.get(index, {}).pop(doc_id, None)
        body = {"_index": index, "_id": doc_id}
        if found is None:
            return 404, {**body, "result": "not_found"}
        return 200, {**body, "result": "deleted"}

    def _search(self, names: list[str], body: dict, *, ignore_unavailable: bool):
        missing = [name for name in names if name not in self.indices]
        if missing and not ignore_unavailable:
            return 404, {
                "error": {"type": "index_not_found_exception", "index": missing[0]},
                "status": 404,
            }
        query = body.get("query", {}).get("bool", {})
        allowed: set[str] = set()
        for clause in query.get("filter", []):
            allowed.update(clause.get("terms", {}).get("_django_content_type", []))
        hits = []
        for name in names:
            for doc_id, document in self.indices.get(name, {}).items():
                types = document.get("_django_content_type", [])
                if allowed and not allowed & set(types):
                    continue
                score = _score(document, query.get("should", []))
                if score > 0:
                    hits.append(
                        {
                            "_index": name,
                            "_id": doc_id,
                            "_score": score,
                            "fields": {
                                "pk": [document["pk"]],
                                "_django_content_type": sorted(types),
                            },
                        }
                    )
        hits.sort(key=lambda hit: (-hit["_score"], hit["_index"], hit["_id"]))
        return 200, {
            "took": 1,
            "timed_out": False,
            "hits": {"max_score": None, "hits": hits[: body.get("size", 10)]},
        }


def _score(document: dict, should: list[dict]) -> float:
    title = document.get("_title_terms", "").split()
    terms = document.get("_terms", "").split()
    score = 0.0
    for clause in should:
        if "multi_match" in clause:
            for word in clause["multi_match"]["query"].split():
                score += 8.0 * title.count(word) + terms.count(word)
        elif "match_phrase" in clause:
            for field, spec in clause["match_phrase"].items():
                words = spec["query"].split()
                tokens = title if field == "_title_terms" else terms
                if any(tokens[i : i + len(words)] == words for i in range(len(tokens))):
                    score += 10.0
    return score
