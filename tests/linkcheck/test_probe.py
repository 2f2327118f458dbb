"""One check of one URL against the local server: every verdict and its Chinese text."""

from __future__ import annotations

import pytest

from cms.linkcheck.models import Outcome
from cms.linkcheck.probe import pool, probe

NOT_FOUND_FIX = "对方页面已删除或迁移：找到新地址后替换，找不到的删除该链接。"
SERVER_FIX = "对方网站故障；持续出现的，请联系对方网站或暂时删除链接。"
REDIRECT_FIX = "请改为最终页面的地址，减少跳转。"


@pytest.mark.parametrize(
    ("path", "outcome", "summary", "suggestion", "status", "redirects"),
    [
        ("/page", Outcome.OK, "", "", 200, 0),
        ("/missing", Outcome.FAILURE, "页面不存在（HTTP 404）", NOT_FOUND_FIX, 404, 0),
        ("/gone", Outcome.FAILURE, "页面不存在（HTTP 410）", NOT_FOUND_FIX, 410, 0),
        (
            "/teapot",
            Outcome.FAILURE,
            "请求被拒绝（HTTP 418）",
            "检查链接地址是否完整正确。",
            418,
            0,
        ),
        ("/error", Outcome.FAILURE, "对方服务器错误（HTTP 500）", SERVER_FIX, 500, 0),
        (
            "/login",
            Outcome.CAUTION,
            "需要登录或无权访问（HTTP 401）",
            "确认公众无需登录即可访问；需要登录的请改为公开的入口页面。",
            401,
            0,
        ),
        (
            "/forbidden",
            Outcome.CAUTION,
            "需要登录或无权访问（HTTP 403）",
            "确认公众无需登录即可访问；需要登录的请改为公开的入口页面。",
            403,
            0,
        ),
        ("/redirect/1", Outcome.OK, "", "", 200, 1),
        ("/redirect/2", Outcome.CAUTION, "经过 2 次重定向", REDIRECT_FIX, 200, 2),
        ("/redirect/7", Outcome.CAUTION, "经过 7 次重定向", REDIRECT_FIX, 200, 7),
        (
            "/redirect/8",
            Outcome.FAILURE,
            "重定向 8 次仍未到达页面",
            "请改为最终页面的地址。",
            302,
            8,
        ),
        (
            "/loop/a",
            Outcome.FAILURE,
            "重定向循环",
            "对方网站的跳转设置有误，请改为最终页面的地址或联系对方网站。",
            302,
            2,
        ),
    ],
)
def test_each_answer_gets_its_verdict(
    web, path, outcome, summary, suggestion, status, redirects
):
    result = probe(pool(2), web + path)
    assert (
        result.outcome,
        result.summary,
        result.suggestion,
        result.http_status,
        result.redirects,
    ) == (outcome, summary, suggestion, status, redirects)
    # GET, never HEAD: the server answers HEAD with 405.
    assert web.hits[path] == 1


def test_a_slow_answer_is_caution_and_a_hanging_one_a_failure(web):
    slow = probe(pool(2), web + "/slow")
    assert (slow.outcome, slow.http_status) == (Outcome.CAUTION, 200)
    assert slow.summary.startswith("响应较慢（") and slow.summary.endswith(" 秒）")
    assert slow.elapsed_ms >= 300

    hanging = probe(pool(2), web + "/hang")
    assert (hanging.outcome, hanging.summary, hanging.http_status) == (
        Outcome.FAILURE,
        "超过 0.8 秒无响应",
        None,
    )
    assert 700 <= hanging.elapsed_ms < 1400


def test_an_unreachable_server_is_a_failure(web):
    result = probe(pool(2), "http://127.0.0.1:9/nothing")
    assert (result.outcome, result.summary) == (Outcome.FAILURE, "无法连接：连接被拒绝")


def test_a_service_landing_page_must_still_show_its_item(web):
    expect = ("310112000001", "一次性吸纳就业补贴申领")
    assert probe(pool(2), web + "/item/ok", expect=expect).outcome == Outcome.OK
    assert probe(pool(2), web + "/item/gbk", expect=expect).outcome == Outcome.OK
    gone = probe(pool(2), web + "/item/gone", expect=expect)
    assert (gone.outcome, gone.summary, gone.suggestion) == (
        Outcome.FAILURE,
        "事项已下线/已更名：办理页面中找不到该事项（310112000001、一次性吸纳就业补贴申领）",
        "在“一网通办”中核对事项编码和名称，更新事项的网页办理地址。",
    )
