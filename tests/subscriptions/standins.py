"""Local stand-ins speaking the services' real protocols: an HTTP server whose
replies a test scripts (Aliyun SendSms, WeChat's token and subscribe/send, webhook
receivers), checking what the real service checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self.body.decode()))


@dataclass
class StandIn:
    """Replies with ``respond(received) -> (status, dict)``; keeps every request."""

    respond: Callable[[Received], tuple[int, dict]]
    requests: list[Received] = field(default_factory=list)

    def __enter__(self) -> StandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                received = Received(
                    method=self.command,
                    path=url.path,
                    query=dict(urllib.parse.parse_qsl(url.query)),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length),
                )
                standin.requests.append(received)
                status, reply = standin.respond(received)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def aliyun_signature_ok(form: dict[str, str], secret: str) -> bool:
    """Aliyun RPC signature v1.0, as its documentation specifies it."""
    params = {k: v for k, v in form.items() if k != "Signature"}

    def enc(text: str) -> str:
        return (
            urllib.parse.quote(text, safe="")
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~")
        )

    canonical = "&".join(f"{enc(k)}={enc(params[k])}" for k in sorted(params))
    to_sign = "POST&%2F&" + enc(canonical)
    expected = base64.b64encode(
        hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    ).decode()
    return hmac.compare_digest(expected, form.get("Signature", ""))


def webhook_signature_ok(received: Received, secret: str) -> bool:
    timestamp = received.headers.get("x-zwgk-timestamp", "")
    mac = hmac.new(
        secret.encode(), timestamp.encode() + b"." + received.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(
        f"sha256={mac}", received.headers.get("x-zwgk-signature", "")
    )


@dataclass
class WeChatLogin:
    """``GET /sns/jscode2session`` as WeChat answers it: each code issued by
    ``issue`` works once for its openid; a wrong appid or secret, an unknown or used
    code get WeChat's error codes. ``errors`` scripts a reply for a code."""

    appid: str
    secret: str
    codes: dict[str, str] = field(default_factory=dict)
    errors: dict[str, tuple[int, str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    answers: list[dict] = field(default_factory=list)

    def issue(self, code: str, openid: str) -> str:
        self.codes[code] = openid
        return code

    def __call__(self, received: Received) -> tuple[int, dict]:
        if received.path != "/sns/jscode2session" or received.method != "GET":
            return 404, {"errcode": 404, "errmsg": "not found"}
        query = received.query
        if query.get("grant_type") != "authorization_code":
            return 200, {"errcode": 40002, "errmsg": "invalid grant_type"}
        if query.get("appid") != self.appid:
            return 200, {"errcode": 40013, "errmsg": "invalid appid"}
        if query.get("secret") != self.secret:
            return 200, {"errcode": 40125, "errmsg": "invalid appsecret"}
        code = query.get("js_code", "")
        if code in self.errors:
            errcode, errmsg = self.errors[code]
            return 200, {"errcode": errcode, "errmsg": errmsg}
        if code in self.used:
            return 200, {"errcode": 40163, "errmsg": "code been used"}
        if code not in self.codes:
            return 200, {"errcode": 40029, "errmsg": "invalid code"}
        self.used.add(code)
        session_key = base64.b64encode(hashlib.sha256(code.encode()).digest()[:16])
        answer = {
            "openid": self.codes[code],
            "session_key": session_key.decode(),
            "unionid": "u" + self.codes[code],
        }
        self.answers.append(answer)
        return 200, answer
