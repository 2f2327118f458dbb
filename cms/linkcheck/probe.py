"""One HTTP check of one URL, and the verdict on it (no database here: threads run it).

A GET, not a HEAD: many government sites answer HEAD with 405 or a different page.
Redirects are followed by hand, so a loop and the number of hops are seen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3

from . import conf
from .models import Outcome

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Probe:
    outcome: str
    summary: str = ""
    suggestion: str = ""
    http_status: int | None = None
    redirects: int = 0
    elapsed_ms: int | None = None
    final_url: str = ""
    # An internal link the page may not go live with (see publication_problems).
    blocking: bool = False


def pool(concurrency: int) -> urllib3.PoolManager:
    return urllib3.PoolManager(
        num_pools=max(concurrency * 2, 10),
        maxsize=concurrency,
        retries=False,
        headers={
            "User-Agent": conf.value("LINKCHECK_USER_AGENT"),
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        },
    )


def probe(
    http: urllib3.PoolManager, url: str, *, expect: tuple[str, ...] = ()
) -> Probe:
    """Fetch ``url`` and judge it; ``expect``: text the landing page must show."""
    limit = conf.timeout()
    max_redirects = int(conf.value("LINKCHECK_MAX_REDIRECTS"))
    started = time.monotonic()
    seen = {url}
    current = url
    hops = 0

    def elapsed() -> float:
        return time.monotonic() - started

    def result(outcome, summary, suggestion, status=None) -> Probe:
        return Probe(
            outcome=outcome,
            summary=summary,
            suggestion=suggestion,
            http_status=status,
            redirects=hops,
            elapsed_ms=int(elapsed() * 1000),
            final_url=current,
        )

    while True:
        remaining = limit - elapsed()
        if remaining <= 0:
            return result(
                Outcome.FAILURE,
                f"超过 {limit:g} 秒无响应",
                "确认对方网站是否可以访问；长期无法访问的，请更换链接或删除。",
            )
        try:
            response = http.request(
                "GET",
                current,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(total=remaining),
            )
        except urllib3.exceptions.NewConnectionError as error:
            # Before TimeoutError: urllib3 derives it from ConnectTimeoutError.
            return result(
                Outcome.FAILURE,
                f"无法连接：{_reason(error)}",
                "确认域名和地址是否正确、对方网站是否已迁移；无法访问的请更换或删除。",
            )
        except urllib3.exceptions.TimeoutError:
            return result(
                Outcome.FAILURE,
                f"超过 {limit:g} 秒无响应",
                "确认对方网站是否可以访问；长期无法访问的，请更换链接或删除。",
            )
        except urllib3.exceptions.LocationValueError:
            return result(Outcome.FAILURE, "链接地址格式错误", "检查并改正链接地址。")
        except urllib3.exceptions.HTTPError as error:
            return result(
                Outcome.FAILURE,
                f"无法连接：{_reason(error)}",
                "确认域名和地址是否正确、对方网站是否已迁移；无法访问的请更换或删除。",
            )
        status = response.status
        if status in REDIRECT_CODES and response.headers.get("Location"):
            response.drain_conn()
            response.release_conn()
            target = urljoin(current, response.headers["Location"])
            hops += 1
            if target in seen:
                current = target
                return result(
                    Outcome.FAILURE,
                    "重定向循环",
                    "对方网站的跳转设置有误，请改为最终页面的地址或联系对方网站。",
                    status,
                )
            seen.add(target)
            current = target
            if hops >= max_redirects:
                return result(
                    Outcome.FAILURE,
                    f"重定向 {hops} 次仍未到达页面",
                    "请改为最终页面的地址。",
                    status,
                )
            continue
        body = b""
        try:
            if expect and status == 200:
                body = _read(response, limit, started)
            else:
                response.drain_conn()
        except urllib3.exceptions.HTTPError:
            return result(
                Outcome.FAILURE,
                f"超过 {limit:g} 秒未读完页面",
                "确认对方网站是否可以访问。",
                status,
            )
        finally:
            response.release_conn()
        return _verdict(result, status, hops, elapsed(), expect, body, response)


def _read(response, limit: float, started: float) -> bytes:
    cap = int(conf.value("LINKCHECK_MAX_BODY_BYTES"))
    chunks, size = [], 0
    for chunk in response.stream(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size >= cap or time.monotonic() - started > limit:
            break
    return b"".join(chunks)


def _verdict(result, status, hops, seconds, expect, body, response) -> Probe:
    if status in (404, 410):
        return result(
            Outcome.FAILURE,
            f"页面不存在（HTTP {status}）",
            "对方页面已删除或迁移：找到新地址后替换，找不到的删除该链接。",
            status,
        )
    if status in (401, 403):
        return result(
            Outcome.CAUTION,
            f"需要登录或无权访问（HTTP {status}）",
            "确认公众无需登录即可访问；需要登录的请改为公开的入口页面。",
            status,
        )
    if 400 <= status < 500:
        return result(
            Outcome.FAILURE,
            f"请求被拒绝（HTTP {status}）",
            "检查链接地址是否完整正确。",
            status,
        )
    if status >= 500:
        return result(
            Outcome.FAILURE,
            f"对方服务器错误（HTTP {status}）",
            "对方网站故障；持续出现的，请联系对方网站或暂时删除链接。",
            status,
        )
    if expect and status == 200:
        text = _decode(body, response)
        if not any(value and value in text for value in expect):
            return result(
                Outcome.FAILURE,
                "事项已下线/已更名：办理页面中找不到该事项（"
                + "、".join(expect)
                + "）",
                "在“一网通办”中核对事项编码和名称，更新事项的网页办理地址。",
                status,
            )
    if hops >= int(conf.value("LINKCHECK_CAUTION_REDIRECTS")):
        return result(
            Outcome.CAUTION,
            f"经过 {hops} 次重定向",
            "请改为最终页面的地址，减少跳转。",
            status,
        )
    if seconds > float(conf.value("LINKCHECK_SLOW_SECONDS")):
        return result(
            Outcome.CAUTION,
            f"响应较慢（{seconds:.1f} 秒）",
            "对方网站响应慢；持续如此的，请联系对方网站。",
            status,
        )
    return result(Outcome.OK, "", "", status)


def _decode(body: bytes, response) -> str:
    content_type = response.headers.get("Content-Type", "")
    charset = ""
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip()
    for encoding in (charset, "utf-8", "gb18030"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    text = str(reason)
    if isinstance(error, urllib3.exceptions.NameResolutionError) or (
        "Name or service not known" in text
    ):
        return "域名无法解析"
    if "Connection refused" in text:
        return "连接被拒绝"
    return type(reason).__name__
