"""Reopening a saved page in the admin: saving it again, and previewing it."""

from __future__ import annotations

from django.urls import reverse

from cms.events.models import OpenEventPage
from cms.interpretations.models import InterpretationPage
from cms.policies.models import PolicyPage
from cms.releases.models import IntegratedReleasePage

from .content import ContentTestCase
from .helpers import plain


class ResaveTest(ContentTestCase):
    """The edit form posts back exactly what was saved: nothing lost, nothing doubled."""

    def resave(self, page, **changes):
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(edit_url, self.edit_form_data(page, **changes))
        self.assertRedirects(response, edit_url)
        return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()

    def assertSameBody(self, saved, page):
        self.assertEqual(plain(saved.body), plain(page.body))
        self.assertEqual([block.id for block in saved.body], [b.id for b in page.body])

    def test_policy_keeps_its_record(self):
        policy = self.create_draft(self.tree.policies, PolicyPage, self.policy_form())

        saved = self.resave(policy, title="关于做好2025年度吸纳就业补贴申领工作的通知")

        self.assertEqual(saved.title, "关于做好2025年度吸纳就业补贴申领工作的通知")
        self.assertEqual(saved.index_number, policy.index_number)
        self.assertEqual(saved.ordered_issuers(), [self.finance, self.bureau])
        self.assertEqual(
            [(a.document, a.title) for a in saved.attachments.all()], [(self.pdf, "")]
        )
        self.assertEqual(list(saved.topics.all()), list(policy.topics.all()))
        self.assertSameBody(saved, policy)

    def test_interpretations_keep_their_formats(self):
        self.interpreted_policies()
        for form in (self.qa_interpretation_form(), self.media_interpretation_form()):
            page = self.create_draft(
                self.tree.interpretations, InterpretationPage, form
            )
            with self.subTest(page=page.title):
                saved = self.resave(page)
                self.assertEqual(saved.policies(), page.policies())
                self.assertSameBody(saved, page)

    def test_release_keeps_its_references(self):
        page = self.create_draft(
            self.tree.releases, IntegratedReleasePage, self.release_form()
        )
        saved = self.resave(page)
        self.assertSameBody(saved, page)

    def test_event_keeps_its_times(self):
        page = self.create_draft(self.tree.events, OpenEventPage, self.event_form())
        saved = self.resave(page)
        for field in ("start_at", "end_at", "registration_opens_at", "description"):
            self.assertEqual(getattr(saved, field), getattr(page, field), field)


class PreviewTest(ContentTestCase):
    """The editor's preview renders the page as the site would show it."""

    def test_policy_preview_shows_the_record(self):
        policy = self.create_draft(self.tree.policies, PolicyPage, self.policy_form())

        soup = self.get_soup(self.preview(policy, self.edit_form_data(policy)))

        record = {
            th.get_text(strip=True): th.find_next_sibling("td").get_text(strip=True)
            for th in soup.select("table.meta th")
        }
        self.assertEqual(
            record,
            {
                "索引号": policy.index_number,
                "发文字号": "闵财社〔2025〕7号",
                "发文机关": "闵行区财政局、闵行区人力资源和社会保障局",
                "主题分类": "就业创业 / 就业补贴；就业创业 / 就业援助",
                "公开属性": "主动公开",
                "成文日期": "2025-06-10",
                "发布日期": "2025-06-17",
                "施行日期": "2025-07-01",
                "失效日期": "2027-06-30",
                "有效性": "有效",
            },
        )
        self.assertEqual(soup.select_one("main h2").get_text(), "一、补贴对象")
        self.assertEqual(soup.select_one("main table caption").get_text(), "补贴标准")
        links = [
            (link.get_text(), link["href"])
            for link in soup.select("main a[href^='/documents/']")
        ]
        self.assertEqual(
            links,
            [
                ("申请表", self.pdf.url),
                ("补贴对象花名册", self.xlsx.url),
                ("一次性吸纳就业补贴申请表", self.pdf.url),
            ],
        )

    def test_qa_interpretation_preview(self):
        self.interpreted_policies()
        page = self.create_draft(
            self.tree.interpretations, InterpretationPage, self.qa_interpretation_form()
        )

        soup = self.get_soup(self.preview(page, self.edit_form_data(page)))

        questions = [dt.get_text(strip=True) for dt in soup.select("main dt")]
        self.assertEqual(questions, ["问：哪些单位可以申请？", "问：补贴标准是多少？"])

    def test_media_interpretation_preview(self):
        self.interpreted_policies()
        form = self.media_interpretation_form()
        page = self.create_draft(self.tree.interpretations, InterpretationPage, form)

        soup = self.get_soup(self.preview(page, self.edit_form_data(page)))

        rendition = self.image.get_rendition("width-800")
        self.assertEqual(
            soup.select_one("main figure img")["alt"], "一次性吸纳就业补贴申领流程图"
        )
        self.assertEqual(soup.select_one("main video")["poster"], rendition.url)
        self.assertEqual(
            soup.select_one("main video source")["src"],
            "https://video.example.gov.cn/jiuye-butie.mp4",
        )
        self.assertEqual(soup.select_one("main track")["src"], self.captions.url)
        self.assertEqual(
            soup.find("a", string="观看回放")["href"],
            "https://live.example.gov.cn/replay/0620",
        )

    def test_release_preview_lists_the_references(self):
        page = self.create_draft(
            self.tree.releases, IntegratedReleasePage, self.release_form()
        )

        soup = self.get_soup(self.preview(page, self.edit_form_data(page)))

        items = [li.get_text(" ", strip=True) for li in soup.select("main li")]
        self.assertEqual(
            items,
            [
                "📄 关于做好2025年度一次性吸纳就业补贴申领工作的通知 有效 补贴标准每人2000元",
                "💡 一图读懂：一次性吸纳就业补贴",
                "🏛 一次性吸纳就业补贴申领 （一网通办）",
                "❓ 补贴多久能到账？ 审核通过后15个工作日内拨付。",
            ],
        )

    def test_event_preview(self):
        page = self.create_draft(self.tree.events, OpenEventPage, self.event_form())

        soup = self.get_soup(self.preview(page, self.edit_form_data(page)))

        details = {
            th.get_text(strip=True): th.find_next_sibling("td").get_text(
                " ", strip=True
            )
            for th in soup.select("table.meta th")
        }
        self.assertEqual(
            details,
            {
                "时间": "2025-05-20 09:30 至 2025-05-20 11:30",
                "地点": "15分钟就业服务站点 · 莘庄镇15分钟就业服务站 "
                "上海市闵行区莘庄镇莘建路1号",
                "名额": "30 人（每次报名最多 2 人）",
                "报名时间": "2025-05-06 09:00 至 2025-05-18 17:00",
                "面向对象": "企业人事负责人、市民群众",
            },
        )
