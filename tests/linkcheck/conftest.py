"""A local web server standing in for the sites published content links to."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ITEM_PAGE = (
    "<html><head><meta charset='utf-8'><title>一网通办</title></head><body>"
    "<h1>一次性吸纳就业补贴申领</h1><p>事项编码：310112000001</p></body></html>"
)
OTHER_PAGE = (
    "<html><head><meta charset='utf-8'></head><body><h1>事项列表</h1>"
    "<p>您访问的事项不存在或已调整。</p></body></html>"
)


class Site(BaseHTTPRequestHandler):
    """200, 404, 410, 418, 500, slow, hanging, redirect chains, a loop, 401/403 and
    service landing pages with and without their item."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes; without this each keep-alive
    # response waits for the client's delayed ACK (40 ms).
    disable_nagle_algorithm = True
    hits: Counter = Counter()
    slow_seconds = 0.3
    hang_seconds = 1.5

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        # Sites that refuse HEAD: the checker must GET.
        self._send(405, "")

    def do_GET(self):
        path = self.path.split("?")[0]
        Site.hits[path] += 1
        if path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            if left:
                return self._redirect(f"/redirect/{left - 1}")
            return self._send(200, "<p>终点</p>")
        if path == "/loop/a":
            return self._redirect("/loop/b")
        if path == "/loop/b":
            return self._redirect("http://{}/loop/a".format(self.headers["Host"]))
        if path == "/slow":
            time.sleep(self.slow_seconds)
            return self._send(200, "<p>慢</p>")
        if path == "/hang":
            time.sleep(self.hang_seconds)
            return self._send(200, "<p>太慢</p>")
        if path.startswith("/item/ok"):
            return self._send(200, ITEM_PAGE)
        if path.startswith("/item/gone"):
            return self._send(200, OTHER_PAGE)
        if path.startswith("/item/gbk"):
            return self._send(200, ITEM_PAGE, charset="gbk")
        codes = {
            "/missing": 404,
            "/gone": 410,
            "/teapot": 418,
            "/error": 500,
            "/login": 401,
            "/forbidden": 403,
        }
        self._send(codes.get(path, 200), "<p>页面</p>")

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, html: str, charset: str = "utf-8"):
        body = html.encode(charset)
        self.send_response(status)
        self.send_header("Content-Type", f"text/html; charset={charset}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture
def web():
    """The base URL of a threaded local server (``web.hits`` counts requests)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.hits.clear()

    class Web(str):
        hits = Site.hits

    yield Web(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _short_thresholds(settings):
    """Seconds instead of 15 s / 5 s, so no test waits for the real limits."""
    settings.LINKCHECK_TIMEOUT = 0.8
    settings.LINKCHECK_SLOW_SECONDS = 0.15
    settings.LINKCHECK_CONCURRENCY = 4
