"""Before publication and in the admin: what blocks, what warns, each page's report
with 重新检查, the broken-link report."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.rich_text import RichText

from cms.core.choices import Disclosure
from cms.linkcheck.checks import publication_warnings
from cms.linkcheck.models import Link, LinkStatus, PageLink, link_key
from cms.review.mixins import PublishRefused
from cms.review.services import publication_problems
from cms.review.setup import editor_group_name
from cms.taxonomy.models import Organization
from tests.factories import PolicyPageFactory


@pytest.fixture
def employment(site_tree):
    return Organization.objects.get(name="就业促进科")


def draft_policy(site_tree, bureau, html, **kwargs):
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        live=False,
        body=[("paragraph", RichText(html))],
        **kwargs,
    )
    policy.save_revision()
    return policy


def test_a_link_to_withheld_or_deleted_content_blocks_publication(site_tree, bureau):
    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        title="内部文件",
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    policy = draft_policy(
        site_tree,
        bureau,
        f'<p><a linktype="page" id="{withheld.pk}">内部文件</a>'
        '<a linktype="document" id="424242">旧附件</a></p>',
    )
    assert publication_problems(policy.get_latest_revision_as_object()) == [
        (
            None,
            "正文中的链接“内部文件”：链接的本站页面《内部文件》不是主动公开，"
            "公众无法访问，改为链接到已发布的公开页面，或删除该链接。",
        ),
        (
            None,
            "正文中的链接“旧附件”：链接的文件已删除，"
            "重新上传文件并更新链接，或删除该链接。",
        ),
    ]
    with pytest.raises(PublishRefused):
        policy.get_latest_revision().publish()
    policy.refresh_from_db()
    assert not policy.live


def test_a_link_to_a_draft_or_a_broken_site_only_warns(
    site_tree, bureau, web, django_capture_on_commit_callbacks
):
    draft = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], title="配套解读", live=False
    )
    Link.objects.create(
        key=link_key("external", web + "/missing"),
        kind="external",
        url=web + "/missing",
        status=LinkStatus.BROKEN,
        summary="页面不存在（HTTP 404）",
    )
    policy = draft_policy(
        site_tree,
        bureau,
        f'<p><a linktype="page" id="{draft.pk}">配套解读</a>'
        f'<a href="{web}/missing">旧通知</a><a href="{web}/page">新通知</a></p>',
    )
    revision_object = policy.get_latest_revision_as_object()
    assert publication_problems(revision_object) == []
    assert publication_warnings(revision_object) == [
        "正文“配套解读”：链接的本站页面《配套解读》未发布（草稿或已撤下）",
        "正文“旧通知”（断链）：页面不存在（HTTP 404）",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        policy.get_latest_revision().publish()
    # Published: the links are recorded, our own checked at once; other sites wait
    # for the worker (in-process tasks: the nightly run or 重新检查).
    assert sorted(
        PageLink.objects.filter(page=policy).values_list("link__url", "link__status")
    ) == sorted(
        [
            (f"page:{draft.pk}", LinkStatus.BROKEN),
            (web + "/missing", LinkStatus.BROKEN),
            (web + "/page", LinkStatus.UNCHECKED),
        ]
    )
    assert web.hits["/page"] == 0


@pytest.fixture
def editor(django_user_model, site_tree):
    user = django_user_model.objects.create_user(
        username="jiuye", email="jiuye@example.gov.cn", password="pw-123456"
    )
    user.groups.add(Group.objects.get(name=editor_group_name("就业促进科")))
    return user


def test_the_edit_view_shows_the_report_and_rechecks(
    client, site_tree, bureau, employment, editor, web
):
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        department=employment,
        body=[
            (
                "paragraph",
                RichText(
                    f'<p><a href="{web}/page">通知</a><a href="{web}/redirect/2">指南</a>'
                    "</p>"
                ),
            )
        ],
    )
    policy.save_revision()
    client.force_login(editor)

    report_url = f"/admin/linkcheck/pages/{policy.pk}/"
    response = client.get(f"/admin/pages/{policy.pk}/edit/")
    assert response.status_code == 200
    assert report_url in response.content.decode()  # the header's 链接检查 button

    # 重新检查 records the published links and checks them now.
    response = client.post(report_url)
    assert response.status_code == 302
    assert (web.hits["/page"], web.hits["/redirect/2"]) == (1, 1)
    response = client.get(report_url)
    html = response.content.decode()
    assert "共 2 个已发布链接：断链 0，需关注 1，正常 1，未检查 0。" in html
    assert "经过 2 次重定向" in html and "请改为最终页面的地址，减少跳转。" in html
    assert "重新检查" in html

    # The edit view now opens with the warning and a link to the report.
    response = client.get(f"/admin/pages/{policy.pk}/edit/")
    messages = [str(m).split("<span")[0].strip() for m in response.context["messages"]]
    assert len(messages) == 1
    assert messages[0].startswith("链接检查（最近检查 ")
    assert messages[0].endswith("）：正文“指南”（需关注）：经过 2 次重定向")
    assert f'<a href="{report_url}" class="button' in response.content.decode()

    # Pressing it again fetches again (a forced check ignores the 4-hour reuse).
    client.post(report_url)
    assert web.hits["/page"] == 2


def test_the_report_is_for_those_who_may_edit_the_page(
    client, site_tree, bureau, editor, django_user_model
):
    labour = Organization.objects.get(name="劳动关系科")
    policy = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], department=labour
    )
    client.force_login(editor)
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    for url in (f"/admin/linkcheck/pages/{policy.pk}/", "/admin/linkcheck/broken/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(f"/admin/linkcheck/pages/{policy.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not PageLink.objects.exists()


def test_the_broken_link_report_lists_pages_and_departments(
    client, site_tree, bureau, employment, superuser, web
):
    from cms.linkcheck.services import record_page_links

    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        department=employment,
        title="关于失业保险金标准的通知",
        body=[("paragraph", RichText(f'<p><a href="{web}/gone">旧标准</a></p>'))],
    )
    link = record_page_links(policy)[0]
    Link.objects.filter(pk=link.pk).update(
        status=LinkStatus.BROKEN,
        summary="页面不存在（HTTP 410）",
        suggestion="对方页面已删除或迁移",
    )
    client.force_login(superuser)
    html = client.get("/admin/linkcheck/broken/").content.decode()
    assert "关于失业保险金标准的通知" in html
    assert "就业促进科" in html and "页面不存在（HTTP 410）" in html
    assert web + "/gone" in html
