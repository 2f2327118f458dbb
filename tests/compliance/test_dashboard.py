"""The admin home panel, the report with its chart, the snapshot and the digest."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group

from cms.compliance.models import ColumnKind, DailySnapshot
from cms.compliance.registry import Measurement, Row, indicators, measure_all
from cms.compliance.services import DIGEST_KIND, daily_round, take_snapshot
from cms.compliance.tasks import compliance_daily_round
from cms.participation.models import Notification
from cms.scheduling.schedule import PERIODIC_TASKS
from cms.taxonomy.models import Organization

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale_site(make_column):
    employment = Organization.objects.get(name="就业促进科")
    make_column(ColumnKind.NEWS, TODAY - datetime.timedelta(days=20))
    make_column(ColumnKind.POLICY, datetime.date(2026, 1, 5), department=employment)
    make_column(ColumnKind.OTHER)
    return employment


def test_the_daily_round_is_scheduled():
    entry = next(e for e in PERIODIC_TASKS if e.task is compliance_daily_round)
    assert entry.cron == "30 7 * * *"


def test_a_snapshot_per_day_replaced_when_taken_again(stale_site):
    take_snapshot(today=TODAY)
    snapshot = take_snapshot(today=TODAY)
    assert DailySnapshot.objects.count() == 1
    assert snapshot.values["home_not_updated"] == {"value": 20, "state": "fail"}
    assert snapshot.values["key_columns_not_updated"] == {"value": 2, "state": "warn"}
    assert snapshot.values["blank_columns"] == {"value": 1, "state": "ok"}
    assert set(snapshot.values) == {indicator.key for indicator in indicators()}


def test_the_digest_goes_to_each_responsible_department(
    stale_site, django_user_model, superuser
):
    editor = django_user_model.objects.create_user(
        username="employment", email="jiuye@example.com", password="x"
    )
    editor.groups.add(Group.objects.get(name="编辑-就业促进科"))
    result = daily_round(today=TODAY)
    assert result == {"indicators": len(indicators()), "notifications": 2}
    digests = {n.reference: n for n in Notification.objects.filter(kind=DIGEST_KIND)}
    assert set(digests) == {
        "compliance:2026-12-03:办公室",
        "compliance:2026-12-03:就业促进科",
    }
    employment = digests["compliance:2026-12-03:就业促进科"]
    assert employment.recipients == ["jiuye@example.com", "root@example.com"]
    assert employment.subject == "网站检查指标日报（就业促进科）：0 项不达标，1 项预警"
    assert (
        "【预警】动态要闻（2 周）、通知公告和政策文件（6 个月）栏目未更新：2 个"
        in employment.body
    )
    assert (
        "依据：《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决指标“栏目不更新”"
        in employment.body
    )
    assert "测试栏目1（就业促进科）：最近更新 2026-01-05" in employment.body
    office = digests["compliance:2026-12-03:办公室"]
    assert office.recipients == ["root@example.com"]
    assert "【不达标】首页栏目信息更新：20 天未更新" in office.body


def test_the_report_shows_every_indicator_with_its_chart(client, superuser, stale_site):
    for offset, day in enumerate(range(5)):
        take_snapshot(today=TODAY - datetime.timedelta(days=day + offset))
    client.force_login(superuser)
    response = client.get("/admin/compliance/")
    assert response.status_code == 200
    body = response.content.decode()
    for indicator in indicators():
        assert f'data-indicator="{indicator.key}"' in body
    assert "<svg" in body and 'data-series="fail"' in body
    assert "单项否决指标“网站不更新”" in body
    # The chart is inline SVG: no script and nothing from another site.
    report = body.split('class="compliance-chart"', 1)[1].split("</svg>", 1)[0]
    assert "<script" not in report and "http" not in report


def test_the_admin_home_has_the_panel(client, superuser, make_column):
    make_column(ColumnKind.OTHER)
    client.force_login(superuser)
    body = client.get("/admin/").content.decode()
    assert "网站检查指标（" in body
    assert 'data-indicator="blank_columns" data-state="ok"' in body
    assert "/admin/compliance/" in body


def test_a_broken_indicator_is_shown_as_an_error_row(monkeypatch, quiet_site):
    from cms.compliance import registry

    class Broken(registry.Indicator):
        key = "broken"
        title = "坏的指标"

        def measure(self, today):
            raise RuntimeError("数据源不可用")

    monkeypatch.setattr(registry, "indicators", lambda: (*indicators(), Broken()))
    rows = measure_all(TODAY)
    assert rows[-1].state == "error"
    assert rows[-1].measurement.display == "计算出错：数据源不可用"
    assert all(
        isinstance(row, Row) and isinstance(row.measurement, Measurement)
        for row in rows
    )


def test_the_report_is_titled_in_its_breadcrumbs(client, superuser, quiet_site):
    client.force_login(superuser)
    body = client.get("/admin/compliance/").content.decode()
    start = body.index('data-controller="w-breadcrumbs"')
    crumbs = re.sub(r"<[^>]+>|\s+", " ", body[start : body.index("</nav>", start)])
    assert crumbs.split()[-2:] == ["首页", "网站检查指标"]
