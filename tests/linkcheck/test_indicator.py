"""The 断链 row of the compliance dashboard, from link inspection's results."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cms.compliance.registry import FAIL, OK, WARN, indicators, measure_all
from cms.linkcheck.models import Link, LinkStatus, PageLink, link_key
from cms.taxonomy.models import Organization
from tests.factories import PolicyPageFactory

TODAY = datetime.date(2026, 12, 3)


def broken_row():
    [row] = [r for r in measure_all(TODAY) if r.indicator.key == "broken_links"]
    return row


def use(page, url, status, department=None, summary=""):
    link = Link.objects.create(
        key=link_key("external", url),
        kind="external",
        url=url,
        status=status,
        summary=summary,
    )
    return PageLink.objects.create(
        page=page, link=link, department=department, source="正文", text="链接"
    )


def test_the_indicator_is_declared_by_link_inspection():
    assert "broken_links" in [indicator.key for indicator in indicators()]


@pytest.mark.django_db
def test_no_broken_link_is_ok_a_caution_warns_one_broken_link_fails(
    site_tree, bureau, django_assert_max_num_queries
):
    employment = Organization.objects.get(name="就业促进科")
    policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    use(policy, "https://ok.example.cn/", LinkStatus.OK)
    assert broken_row().state == OK

    use(policy, "https://slow.example.cn/", LinkStatus.CAUTION, employment)
    row = broken_row()
    assert (row.state, row.measurement.value) == (WARN, 0)
    assert row.measurement.predictions == [
        "另有 1 个链接需关注（疑似断链、多次跳转、较慢或需登录）"
    ]

    use(
        policy, "https://gone.example.cn/a", LinkStatus.BROKEN, employment, "页面不存在"
    )
    # The same broken address used twice on the page is one broken link.
    second = PageLink.objects.create(
        page=policy,
        link=Link.objects.get(url="https://gone.example.cn/a"),
        department=employment,
        source="附件",
        text="附件",
    )
    assert second.pk
    with django_assert_max_num_queries(4):
        row = broken_row_only()
    assert (row.state, row.value, row.display) == (FAIL, 1, "1 个断链")
    [evidence] = row.evidence
    assert evidence.url == reverse("linkcheck_page_report", args=[policy.pk])
    assert evidence.detail == "页面不存在"
    assert row.departments == ["就业促进科"]
    assert "链接可用性" in str(broken_row().indicator.rule)


def broken_row_only():
    [indicator] = [i for i in indicators() if i.key == "broken_links"]
    return indicator.measure(TODAY)


@pytest.mark.django_db
def test_every_department_with_a_broken_link_is_named_beyond_the_evidence(
    site_tree, bureau
):
    employment = Organization.objects.get(name="就业促进科")
    others = Organization.objects.exclude(pk=employment.pk).filter(name__endswith="科")[
        0
    ]
    policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    for n in range(110):  # more than the evidence rows read
        use(policy, f"https://gone.example.cn/{n}", LinkStatus.BROKEN, employment)
    use(policy, "https://gone.example.cn/last", LinkStatus.BROKEN, others)
    row = broken_row_only()
    assert row.value == 111 and len(row.evidence) == 20
    assert row.departments == sorted([employment.name, others.name])
