"""The 热门搜索 and 无结果搜索 admin reports, through the real admin."""

from __future__ import annotations

import datetime
import json
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Site

from search.models import SearchQueryLog

HOT_URL = "/admin/search/hot-queries/"
ZERO_URL = "/admin/search/zero-results/"


def _log(query: str, results: int, *, days_ago: float = 1, times: int = 1) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    when = timezone.now() - datetime.timedelta(days=days_ago)
    for _ in range(times):
        row = SearchQueryLog.objects.create(
            query=query, normalized=query, result_count=results, site=site
        )
        SearchQueryLog.objects.filter(pk=row.pk).update(created_at=when)


@pytest.fixture
def logs(db):
    _log("失业金", 12, times=3)
    _log("失业金", 10, days_ago=2)
    _log("灵活就业", 5, times=2)
    _log("稳岗补贴怎么领", 0, times=2, days_ago=3)
    _log("稳岗补贴怎么领", 0, days_ago=0.5)
    _log("sybx", 0)
    _log("退休金", 0, days_ago=40)  # outside the default 30 days
    _log("退休金", 0, days_ago=41)


def _rows(response, *fields):
    return [
        tuple(row[field] for field in fields) for row in response.context["object_list"]
    ]


@pytest.mark.django_db
def test_hot_queries_over_the_default_30_days(client, superuser, logs):
    client.force_login(superuser)
    response = client.get(HOT_URL)
    assert response.status_code == 200
    assert _rows(response, "normalized", "count", "average_results") == [
        ("失业金", 4, 11.5),
        ("稳岗补贴怎么领", 3, 0),
        ("灵活就业", 2, 5),
        ("sybx", 1, 0),
    ]
    html = response.content.decode()
    assert "热门搜索" in html
    assert "11.5" in html
    # Each row offers the two actions, prefilled with its query.
    assert (
        f"/admin/snippets/cms_search/synonymgroup/add/?terms={quote('失业金')}" in html
    )
    assert (
        f"/admin/snippets/cms_search/dictionaryterm/add/?word={quote('失业金')}" in html
    )
    assert html.count("添加同义词") == 4 and html.count("加入词典") == 4
    assert "时间范围" in html and "最近 90 天" in html
    results = client.get(f"{HOT_URL}results/", {"period": "7"})
    assert results.status_code == 200
    assert "添加同义词" in results.content.decode()
    menu = _menu_labels(client)
    for label in ("搜索词典", "同义词", "热门搜索", "无结果搜索"):
        assert f'"label": "{label}"' in menu


@pytest.mark.django_db
def test_a_longer_period_reaches_older_searches(client, superuser, logs):
    client.force_login(superuser)
    response = client.get(HOT_URL, {"period": "90"})
    assert _rows(response, "normalized", "count") == [
        ("失业金", 4),
        ("稳岗补贴怎么领", 3),
        ("灵活就业", 2),
        ("退休金", 2),
        ("sybx", 1),
    ]
    response = client.get(HOT_URL, {"period": "7"})
    assert [row[0] for row in _rows(response, "normalized")] == [
        "失业金",
        "稳岗补贴怎么领",
        "灵活就业",
        "sybx",
    ]


@pytest.mark.django_db
def test_zero_result_queries_with_last_seen(client, superuser, logs):
    client.force_login(superuser)
    response = client.get(ZERO_URL)
    assert response.status_code == 200
    rows = _rows(response, "normalized", "count", "last_searched_at")
    assert [(query, count) for query, count, _ in rows] == [
        ("稳岗补贴怎么领", 3),
        ("sybx", 1),
    ]
    last_seen = rows[0][2]
    assert timezone.now() - last_seen < datetime.timedelta(days=0.6)
    html = response.content.decode()
    assert "无结果搜索" in html
    assert f"?word={quote('稳岗补贴怎么领')}" in html


@pytest.mark.django_db
def test_csv_export(client, superuser, logs):
    client.force_login(superuser)
    response = client.get(ZERO_URL, {"export": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "搜索词,搜索次数,最近搜索时间"
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["稳岗补贴怎么领", "3"],
        ["sybx", "1"],
    ]
    response = client.get(HOT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_actions_open_prefilled_forms_that_save(client, superuser):
    from search.models import DictionaryTerm, SynonymGroup

    client.force_login(superuser)
    response = client.get(
        "/admin/snippets/cms_search/synonymgroup/add/", {"terms": "失业金"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["terms"] == "失业金"
    assert ">\n失业金</textarea>" in response.content.decode()

    response = client.get(
        "/admin/snippets/cms_search/dictionaryterm/add/", {"word": "稳岗返还"}
    )
    assert response.status_code == 200
    assert 'value="稳岗返还"' in response.content.decode()

    response = client.post(
        "/admin/snippets/cms_search/synonymgroup/add/",
        {"terms": "稳岗补贴，稳岗返还", "is_active": "on", "note": ""},
    )
    assert response.status_code == 302
    created = SynonymGroup.objects.latest("pk")
    assert (created.terms, created.is_active) == ("稳岗补贴，稳岗返还", True)
    response = client.post(
        "/admin/snippets/cms_search/dictionaryterm/add/",
        {"word": "稳岗补贴怎么领", "frequency": "", "part_of_speech": "", "note": ""},
    )
    assert response.status_code == 302
    assert DictionaryTerm.objects.filter(word="稳岗补贴怎么领").count() == 1


def _menu_labels(client) -> str:
    """The admin sidebar's menu as the browser gets it (JSON inside the page)."""
    html = client.get("/admin/").content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.dumps(json.loads(props), ensure_ascii=False)


def _editor(django_user_model, *, may_read_log: bool):
    user = django_user_model.objects.create_user(username="editor", password="pw-1")
    group = Group.objects.create(name="报表测试")
    permissions = [Permission.objects.get(codename="access_admin")]
    if may_read_log:
        permissions.append(Permission.objects.get(codename="view_searchquerylog"))
    group.permissions.set(permissions)
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_editors_without_the_permission_are_refused(client, django_user_model, logs):
    client.force_login(_editor(django_user_model, may_read_log=False))
    for url in (HOT_URL, ZERO_URL, f"{ZERO_URL}?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert not response["Location"].startswith(url)
    menu = _menu_labels(client)
    assert "热门搜索" not in menu and "无结果搜索" not in menu


@pytest.mark.django_db
def test_editors_with_the_permission_see_menu_and_reports(
    client, django_user_model, logs
):
    client.force_login(_editor(django_user_model, may_read_log=True))
    assert client.get(HOT_URL).status_code == 200
    assert client.get(ZERO_URL).status_code == 200
    menu = _menu_labels(client)
    assert "热门搜索" in menu and "无结果搜索" in menu


@pytest.mark.django_db
def test_anonymous_visitors_go_to_the_login(client, logs):
    response = client.get(HOT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_the_site_filter_appears_with_a_second_site(client, superuser, logs):
    from wagtail.models import Page

    other = Site.objects.create(
        hostname="b.example.gov.cn", root_page=Page.get_first_root_node()
    )
    SearchQueryLog.objects.create(
        query="征地养老", normalized="征地养老", result_count=2, site=other
    )
    client.force_login(superuser)
    response = client.get(HOT_URL, {"site": other.pk})
    assert _rows(response, "normalized", "count") == [("征地养老", 1)]
    response = client.get(HOT_URL)
    assert ("征地养老", 1) in _rows(response, "normalized", "count")


@pytest.mark.django_db
def test_dictionary_and_synonym_listings(client, superuser):
    from search.models import DictionaryTerm, SynonymGroup

    DictionaryTerm.objects.get_or_create(word="一次性吸纳就业补贴")
    SynonymGroup.objects.create(terms="退休金，养老金", note="测试")
    client.force_login(superuser)
    response = client.get("/admin/snippets/cms_search/dictionaryterm/")
    assert response.status_code == 200
    assert "一次性吸纳就业补贴" in response.content.decode()
    response = client.get("/admin/snippets/cms_search/synonymgroup/", {"q": "退休金"})
    assert response.status_code == 200
    assert "退休金，养老金" in response.content.decode()


@pytest.mark.django_db
def test_demo_log_fills_both_reports_once(client, superuser):
    from cms.demo.search_logs import load_search_log_demo

    added = load_search_log_demo()
    assert added == SearchQueryLog.objects.count() > 200
    assert load_search_log_demo() == 0
    client.force_login(superuser)
    hot = _rows(client.get(HOT_URL), "normalized", "count")
    assert hot[:3] == [
        ("失业金怎么领", 46),
        ("灵活就业 社保补贴", 31),
        ("稳岗返还", 27),
    ]
    zero = _rows(client.get(ZERO_URL), "normalized", "count")
    assert zero == [
        ("公积金提取", 12),
        ("居住证积分", 9),
        ("失业金多久到账", 5),
        ("人才公寓申请", 4),
        ("社保卡补办", 3),
    ]
    # Spread over the month, not all stamped with the time of loading.
    oldest = SearchQueryLog.objects.order_by("created_at").first().created_at
    assert timezone.now() - oldest > datetime.timedelta(days=20)
