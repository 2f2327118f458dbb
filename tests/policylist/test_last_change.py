"""The list's last change (及时更新) moves when the public list loses or gains items
whose own 更新时间 does not show it: an item deleted or hidden, its policy
unpublished, published, moved out of the site or restricted. Through the GraphQL
endpoint, response cache included, over the real database."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.cleanup.services import advance_validity
from cms.policylist.models import PolicyListChange, PolicyListItem
from cms.policylist.selectors import list_freshness, list_updated_at
from tests.factories import PolicyPageFactory

QUERY = """
query { policyListUpdatedAt policyListItems { edges { node { title } } } }
"""
LONG_AGO = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)


def _parse(value: str | None) -> datetime.datetime | None:
    return None if value is None else datetime.datetime.fromisoformat(value)


@pytest.fixture
def read(graphql):
    def run() -> tuple[datetime.datetime | None, list[str]]:
        result = graphql(QUERY, method="get")  # GETs are cached
        assert "errors" not in result, result
        data = result["data"]
        titles = [edge["node"]["title"] for edge in data["policyListItems"]["edges"]]
        return _parse(data["policyListUpdatedAt"]), titles

    return run


@pytest.fixture
def listed(make_item):
    """Two public items, last edited long ago; the API has answered (and cached)."""
    kept = make_item("一次性创业补贴")
    removed = make_item("创业场地房租补贴")
    PolicyListItem.objects.update(updated_at=LONG_AGO)
    return kept, removed


def test_deleting_an_item_moves_the_last_change_forward(read, listed):
    kept, removed = listed
    assert read() == (LONG_AGO, ["一次性创业补贴", "创业场地房租补贴"])
    # A write that sends no signal leaves the cached response: the cache is on.
    PolicyListItem.objects.filter(pk=kept.pk).update(updated_at=LONG_AGO.replace(day=6))
    assert read()[0] == LONG_AGO
    start = timezone.now()
    removed.delete()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start
    assert updated_at == PolicyListChange.objects.get().changed_at


def test_hiding_an_item_moves_the_last_change_forward(read, listed):
    _kept, removed = listed
    assert read()[0] == LONG_AGO
    start = timezone.now()
    removed.published = False
    removed.save()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start


def test_moving_an_item_to_a_policy_that_is_not_public_moves_it_forward(
    read, listed, site_tree
):
    _kept, removed = listed
    assert read()[0] == LONG_AGO
    draft = PolicyPageFactory(parent=site_tree.policies, live=False)
    start = timezone.now()
    removed.policy = draft
    removed.save()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start


def test_unpublishing_the_policy_moves_the_last_change_forward(
    read, listed, site_tree, make_item
):
    other_policy = PolicyPageFactory(parent=site_tree.policies)
    other = make_item("失业保险稳岗返还", policy=other_policy)
    PolicyListItem.objects.filter(pk=other.pk).update(updated_at=LONG_AGO)
    assert read() == (
        LONG_AGO,
        ["一次性创业补贴", "创业场地房租补贴", "失业保险稳岗返还"],
    )
    start = timezone.now()
    other_policy.unpublish()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴", "创业场地房租补贴"]
    assert updated_at >= start


def test_a_policy_past_its_offline_time_left_the_list_at_that_time(
    read, listed, policy
):
    assert read()[0] == LONG_AGO
    offline_at = timezone.now() - datetime.timedelta(hours=2)
    type(policy).objects.filter(pk=policy.pk).update(expire_at=offline_at)
    # Gone from the public list at once; the scheduler unpublishes it each minute.
    assert list_updated_at() is None
    call_command("publish_scheduled", stdout=io.StringIO())
    policy.refresh_from_db()
    assert (policy.live, policy.expired) == (False, True)
    assert PolicyListChange.objects.get().changed_at == offline_at


def test_moving_the_policy_out_of_the_site_moves_it_forward(
    read, listed, site_tree, make_item
):
    elsewhere = PolicyPageFactory(parent=site_tree.policies)
    make_item("失业保险稳岗返还", policy=elsewhere)
    PolicyListItem.objects.update(updated_at=LONG_AGO)
    assert read()[0] == LONG_AGO
    start = timezone.now()
    elsewhere.move(Page.get_first_root_node(), pos="last-child")
    updated_at, titles = read()
    assert titles == ["一次性创业补贴", "创业场地房租补贴"]
    assert updated_at >= start


def test_restricting_the_policies_section_moves_it_forward(read, listed, site_tree):
    assert read()[0] == LONG_AGO
    start = timezone.now()
    restriction = PageViewRestriction.objects.create(
        page=site_tree.policies,
        restriction_type=PageViewRestriction.PASSWORD,
        password="pw-inside-123",
    )
    assert read() == (None, [])  # an empty list has no last change
    after_restricting = PolicyListChange.objects.get().changed_at
    assert after_restricting >= start
    restriction.delete()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴", "创业场地房租补贴"]
    assert updated_at > after_restricting


def test_adding_an_item_moves_it_forward(read, listed, make_item):
    assert read()[0] == LONG_AGO
    added = make_item("创业带动就业补贴")
    updated_at, titles = read()
    assert titles == ["一次性创业补贴", "创业场地房租补贴", "创业带动就业补贴"]
    assert updated_at == added.updated_at
    assert not PolicyListChange.objects.exists()


def test_publishing_a_policy_that_carries_items_moves_it_forward(
    read, listed, site_tree, make_item
):
    draft = PolicyPageFactory(parent=site_tree.policies, live=False)
    make_item("失业保险稳岗返还", policy=draft)
    PolicyListItem.objects.update(updated_at=LONG_AGO)
    assert read() == (LONG_AGO, ["一次性创业补贴", "创业场地房租补贴"])
    start = timezone.now()
    draft.save_revision().publish()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴", "创业场地房租补贴", "失业保险稳岗返还"]
    assert updated_at >= start


def test_a_policy_expiring_on_its_date_moves_it_forward(read, listed, policy):
    """The 有效性 job saves the live policy on its 失效日期: its items are flagged."""
    today = timezone.localdate()
    type(policy).objects.filter(pk=policy.pk).update(expiry_date=today)
    advance_validity(today=today - datetime.timedelta(days=1))  # seen valid
    assert read()[0] == LONG_AGO
    start = timezone.now()
    advance_validity(today=today)
    updated_at, titles = read()
    assert titles == []  # expired items are left out unless asked for
    assert updated_at >= start


def test_changes_outside_the_public_list_leave_it_alone(
    read, listed, site_tree, make_item
):
    hidden = make_item("未发布的项", published=False)
    draft_policy = PolicyPageFactory(parent=site_tree.policies, live=False)
    draft_item = make_item("未发布政策的清单项", policy=draft_policy)
    bare_policy = PolicyPageFactory(parent=site_tree.policies)
    PolicyListItem.objects.update(updated_at=LONG_AGO)
    expected = (LONG_AGO, ["一次性创业补贴", "创业场地房租补贴"])
    assert read() == expected

    hidden.phone = "021-64120000"
    hidden.save()
    hidden.delete()
    draft_item.published = False
    draft_item.save()
    draft_item.delete()
    bare_policy.unpublish()  # carries no items
    bare_policy.save_revision().publish()
    kept, _removed = listed
    kept.published = True  # saved, still public: its own 更新时间 moves
    kept.save()
    PolicyListItem.objects.filter(pk=kept.pk).update(updated_at=LONG_AGO)

    assert read() == expected
    assert not PolicyListChange.objects.exists()


def test_a_rolled_back_removal_records_nothing(read, listed):
    _kept, removed = listed
    with pytest.raises(RuntimeError), transaction.atomic():
        removed.delete()
        raise RuntimeError
    assert not PolicyListChange.objects.exists()
    assert read() == (LONG_AGO, ["一次性创业补贴", "创业场地房租补贴"])


def test_the_last_change_never_moves_backwards(listed):
    later = timezone.now()
    PolicyListChange.record(later)
    PolicyListChange.record(later - datetime.timedelta(days=1))
    assert PolicyListChange.objects.get().changed_at == later
    assert list_updated_at() == later


def test_a_policy_that_carries_items_cannot_be_deleted(listed, policy):
    with pytest.raises(ProtectedError):
        policy.delete()
    assert list_updated_at() == LONG_AGO


def test_a_queryset_delete_moves_it_forward(read, listed):
    assert read()[0] == LONG_AGO
    start = timezone.now()
    PolicyListItem.objects.filter(title="创业场地房租补贴").delete()
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start


def test_the_admin_bulk_delete_moves_it_forward(client, superuser, read, listed):
    _kept, removed = listed
    assert read()[0] == LONG_AGO
    client.force_login(superuser)
    start = timezone.now()
    url = f"/admin/bulk/policylist/policylistitem/delete/?id={removed.pk}"
    response = client.post(url)
    assert response.status_code == 302
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start


def test_an_import_that_unpublishes_an_item_moves_it_forward(tmp_path, read, listed):
    path = tmp_path / "list.csv"
    path.write_text(
        "政策项目,所依据政策,发布\n创业场地房租补贴,闵人社规〔2025〕2号,否\n",
        encoding="utf-8",
    )
    assert read()[0] == LONG_AGO
    start = timezone.now()
    call_command("import_policy_list", str(path), stdout=io.StringIO())
    updated_at, titles = read()
    assert titles == ["一次性创业补贴"]
    assert updated_at >= start


def test_the_last_change_and_the_expired_count_are_one_query(
    listed, django_assert_num_queries
):
    PolicyListChange.record(LONG_AGO + datetime.timedelta(days=1))
    list_updated_at()  # reads the view restrictions, remembered per generation
    with django_assert_num_queries(1):
        assert list_freshness() == (LONG_AGO + datetime.timedelta(days=1), 0)
    with django_assert_num_queries(1):
        assert list_updated_at() == LONG_AGO + datetime.timedelta(days=1)
