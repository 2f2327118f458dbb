"""The admin speaks Chinese: its own interface and the labels of our page types."""

from __future__ import annotations

import json

from django.urls import reverse

from cms.taxonomy.models import Organization
from cms.taxonomy.seed import BUREAU_NAME
from tests.factories import PolicyPageFactory

from .helpers import AdminTestCase


class AdminLanguageTest(AdminTestCase):
    def test_dashboard_is_in_chinese(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        self.assertEqual(soup.html["lang"], "zh-hans")
        self.assertEqual(soup.title.get_text(strip=True), "控制面板 - Wagtail")
        sidebar = json.loads(soup.find(id="wagtail-sidebar-props").string)
        menu = [item["_args"][0]["label"] for item in sidebar["modules"][2]["_args"][0]]
        self.assertEqual(menu[0], "页面")
        self.assertLessEqual({"图片", "文档", "片段", "报告", "设置"}, set(menu))

    def test_add_page_chooser_lists_chinese_page_types(self):
        # Remove two sections so the home page offers them again, by their Chinese names.
        self.tree.releases.delete()
        self.tree.events.delete()
        response = self.client.get(
            reverse("wagtailadmin_pages:add_subpage", args=[self.tree.home.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [str(verbose_name) for verbose_name, *_ in response.context["page_types"]],
            ["政府开放栏目", "集成式发布栏目"],
        )
        self.assertContains(response, "集成式发布栏目")

    def test_policy_edit_form_is_in_chinese(self):
        bureau = Organization.objects.get(name=BUREAU_NAME)
        policy = PolicyPageFactory(parent=self.tree.policies, issuers=[bureau])

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk]))
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        labels = {
            field: soup.select_one(f'[id$="{field}-label"]').get_text(" ", strip=True)
            for field in (
                "index_number",
                "doc_number",
                "disclosure",
                "disclosure_basis",
                "department",
                "written_date",
            )
        }
        self.assertEqual(
            labels,
            {
                "index_number": "索引号",
                "doc_number": "发文字号",
                "disclosure": "公开属性 *",
                "disclosure_basis": "不公开的法律依据",
                "department": "责任科室",
                "written_date": "成文日期 *",
            },
        )
        # 设置 holds only scheduling and comments, which Wagtail shows in the side panel.
        tabs = [next(tab.stripped_strings) for tab in soup.select('[role="tab"]')]
        self.assertEqual(tabs, ["内容", "分类与关联", "公开属性", "推广"])
        choices = [
            option.get_text(strip=True)
            for option in soup.select("#id_disclosure option")
        ]
        self.assertEqual(choices, ["主动公开", "依申请公开", "不予公开"])


def test_strings_missing_from_wagtails_catalogue_are_translated():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Save changes") == "保存更改"
        assert (
            translation.gettext("The page could not be saved due to validation errors.")
            == "页面未能保存：存在校验错误。"
        )
