"""The policy list in the admin: each department's editors see and edit only their
own items; the listing flags expired policies and exports."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.policylist.models import PolicyListItem
from cms.taxonomy.models import Organization
from tests.factories import PolicyPageFactory

LIST_URL = "/admin/snippets/policylist/policylistitem/"


@pytest.fixture
def departments(site_tree):
    return {
        name: Organization.objects.get(name=name)
        for name in ("就业促进科", "社会保险科")
    }


@pytest.fixture
def editor(django_user_model, departments):
    user = django_user_model.objects.create_user(
        username="jiuye", password="pw-jiuye-123"
    )
    user.groups.add(Group.objects.get(name="编辑-就业促进科"))
    return user


def test_an_editor_sees_and_edits_only_their_departments_items(
    client, editor, departments, make_item
):
    own = make_item("一次性创业补贴", department=departments["就业促进科"])
    other = make_item("失业保险稳岗返还", department=departments["社会保险科"])
    client.force_login(editor)
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert "一次性创业补贴" in listing.text
    assert "失业保险稳岗返还" not in listing.text
    assert client.get(f"{LIST_URL}edit/{own.pk}/").status_code == 200
    assert client.get(f"{LIST_URL}edit/{other.pk}/").status_code in (302, 403)


def test_the_listing_flags_expired_policies_and_exports(
    client, superuser, site_tree, make_item
):
    make_item("一次性创业补贴", conditions=[("age", "lte", 35)])
    old = PolicyPageFactory(
        parent=site_tree.policies, expiry_date=datetime.date(2024, 1, 1)
    )
    make_item("旧补贴", policy=old)
    client.force_login(superuser)
    expired_only = client.get(LIST_URL, {"expired": "true"})
    assert "旧补贴" in expired_only.text
    assert "一次性创业补贴" not in expired_only.text
    assert "所依据政策已失效" in expired_only.text
    export = client.get(LIST_URL, {"export": "csv"})
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].split(",")[:5] == [
        "政策项目",
        "所依据政策",
        "对象范围",
        "申请条件",
        "条件",
    ]
    assert any(
        "一次性创业补贴" in row and "年龄 小于等于 35" in row for row in rows[1:]
    )
    assert any("旧补贴" in row and "所依据政策已失效" in row for row in rows[1:])


def test_the_listing_shows_when_the_list_last_changed_and_how_many_expired(
    client, superuser, site_tree, make_item
):
    client.force_login(superuser)
    assert "清单最近更新" not in client.get(LIST_URL).text
    item = make_item("一次性创业补贴")
    old = PolicyPageFactory(
        parent=site_tree.policies, expiry_date=datetime.date(2024, 1, 1)
    )
    make_item("旧补贴", policy=old)
    make_item("未发布的补贴", published=False)
    item.refresh_from_db()
    latest = max(
        PolicyListItem.objects.filter(published=True).values_list(
            "updated_at", flat=True
        )
    )
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert (
        f"对外公开的清单最近更新于 {timezone.localtime(latest):%Y-%m-%d %H:%M}"
        "；其中 1 项所依据政策已失效，请及时更新或下线"
    ) in listing.text
