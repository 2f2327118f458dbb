"""Every page type, created by a person through the Wagtail admin (HTTP, test client).

Each test saves a draft the way the editor's browser posts it, then reads the page back
from the database and compares whole values.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from cms.events.models import OpenEventPage, VenueType
from cms.interpretations.models import InterpretationPage, InterpreterRole
from cms.policies.models import Disclosure, PolicyPage
from cms.releases.models import IntegratedReleasePage

from .content import ContentTestCase
from .helpers import plain

SHANGHAI = ZoneInfo("Asia/Shanghai")


class PolicyCreationTest(ContentTestCase):
    def test_superuser_saves_a_jointly_issued_policy_as_draft(self):
        policy = self.create_draft(self.tree.policies, PolicyPage, self.policy_form())

        self.assertFalse(policy.live)
        self.assertEqual(policy.get_parent().pk, self.tree.policies.pk)
        self.assertEqual(
            policy.title, "关于做好2025年度一次性吸纳就业补贴申领工作的通知"
        )
        self.assertEqual(policy.slug, "jiuye-butie-2025")
        self.assertEqual(policy.doc_number, "闵财社〔2025〕7号")
        self.assertEqual(policy.doc_number_normalized, "闵财社〔2025〕7号")
        self.assertEqual(policy.department, self.employment)
        self.assertEqual(policy.ordered_issuers(), [self.finance, self.bureau])
        self.assertTrue(policy.is_normative)
        self.assertFalse(policy.interpretation_required)
        self.assertEqual(policy.written_date, datetime.date(2025, 6, 10))
        self.assertEqual(policy.publish_date, datetime.date(2025, 6, 17))
        self.assertEqual(policy.effective_date, datetime.date(2025, 7, 1))
        self.assertEqual(policy.expiry_date, datetime.date(2027, 6, 30))
        self.assertEqual(policy.validity_override, "")
        self.assertEqual(policy.disclosure, Disclosure.PUBLIC)
        self.assertEqual(
            policy.summary, "明确一次性吸纳就业补贴的对象、标准和申领程序。"
        )
        self.assertEqual(
            sorted(policy.topics.values_list("name", flat=True)),
            ["就业援助", "就业补贴"],
        )
        self.assertEqual(
            sorted(policy.audiences.values_list("name", flat=True)),
            ["失业人员", "用人单位"],
        )
        self.assertEqual(
            [(a.document, a.title) for a in policy.attachments.all()], [(self.pdf, "")]
        )
        self.assertEqual(
            plain(policy.body),
            [
                ("heading", {"text": "一、补贴对象", "level": "h2"}),
                (
                    "paragraph",
                    '<p data-block-key="p0001">本区用人单位吸纳<b>登记失业人员</b>就业，'
                    "并按规定缴纳社会保险费的，可申请一次性吸纳就业补贴。</p>",
                ),
                (
                    "table",
                    {
                        "data": [
                            ["补贴项目", "补贴标准"],
                            ["一次性吸纳就业补贴", "每人2000元"],
                        ],
                        "cell": [],
                        "mergeCells": [],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_header_choice": "row",
                        "table_caption": "补贴标准",
                    },
                ),
                (
                    "callout",
                    {
                        "style": "important",
                        "title": "申领截止",
                        "text": '<p data-block-key="c0001">请于<b>2025年12月31日</b>'
                        "前提交申请。</p>",
                    },
                ),
                (
                    "attachments",
                    {
                        "heading": "附件",
                        "items": [
                            {"document": self.pdf, "title": "申请表"},
                            {"document": self.xlsx, "title": ""},
                        ],
                    },
                ),
            ],
        )
        # The draft revision the editor reopens holds the same content.
        self.assertEqual(
            plain(policy.get_latest_revision_as_object().body), plain(policy.body)
        )
        self.assertEqual(self.pdf.file_extension, "pdf")
        self.assertTrue(self.pdf.file.read().startswith(b"%PDF-"))
        self.assertEqual(self.xlsx.file_extension, "xlsx")

    def test_index_number_is_generated_from_the_lead_issuer_and_shown_read_only(self):
        policy = self.create_draft(self.tree.policies, PolicyPage, self.policy_form())

        self.assertRegex(policy.index_number, r"^[0-9A-Z]{18}/\d{4}-\d{5}$")
        self.assertEqual(policy.index_number, f"{self.finance.credit_code}/2025-00001")

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk]))
        self.assertEqual(response.status_code, 200)
        soup = self.get_soup(response.content)
        output = soup.select_one(
            '[aria-labelledby$="index_number-label"].w-field__textoutput'
        )
        self.assertEqual(output.get_text(strip=True), policy.index_number)
        self.assertIsNone(soup.find("input", attrs={"name": "index_number"}))

        # The next policy of the same lead issuer and year takes the next serial.
        second = self.create_draft(
            self.tree.policies,
            PolicyPage,
            self.policy_form(
                title="关于调整2025年度就业补贴标准的通知",
                slug="jiuye-butie-tiaozheng",
                doc_number="闵财社〔2025〕8号",
            ),
        )
        self.assertEqual(second.index_number, f"{self.finance.credit_code}/2025-00002")


class InterpretationCreationTest(ContentTestCase):
    def setUp(self):
        super().setUp()
        self.interpreted_policies()

    def test_superuser_saves_a_question_and_answer_interpretation(self):
        page = self.create_draft(
            self.tree.interpretations, InterpretationPage, self.qa_interpretation_form()
        )

        self.assertFalse(page.live)
        self.assertEqual(page.title, "科长讲政策：一次性吸纳就业补贴怎么申请")
        self.assertEqual(page.policies(), [self.policy, self.other_policy])
        self.assertEqual(page.department, self.employment)
        self.assertEqual(page.role, InterpreterRole.SECTION_CHIEF)
        self.assertEqual(page.interpreter_name, "就业促进科科长 张某")
        self.assertEqual(page.publish_date, datetime.date(2025, 6, 18))
        self.assertEqual(page.summary, "就业促进科科长解读一次性吸纳就业补贴政策。")
        self.assertEqual(page.formats, ["qa"])
        self.assertEqual(
            plain(page.body),
            [
                (
                    "paragraph",
                    '<p data-block-key="i0001">为帮助用人单位用好政策，现解读如下。</p>',
                ),
                (
                    "qa",
                    {
                        "heading": "简明问答",
                        "items": [
                            {
                                "question": "哪些单位可以申请？",
                                "answer": '<p data-block-key="a0001">本区依法登记的'
                                "<b>用人单位</b>。</p>",
                            },
                            {
                                "question": "补贴标准是多少？",
                                "answer": '<p data-block-key="a0002">每吸纳一人补贴2000元。</p>',
                            },
                        ],
                    },
                ),
            ],
        )

    def test_superuser_saves_an_infographic_video_and_live_interpretation(self):
        page = self.create_draft(
            self.tree.interpretations,
            InterpretationPage,
            self.media_interpretation_form(),
        )

        self.assertEqual(page.formats, ["infographic", "video", "live"])
        self.assertEqual(page.policies(), [self.policy])
        self.assertEqual(
            plain(page.body),
            [
                (
                    "infographic",
                    {
                        "image": self.image,
                        "alt_text": "一次性吸纳就业补贴申领流程图",
                        "long_description": "第一步：网上申报；第二步：审核；第三步：拨付。",
                        "caption": "申领流程",
                    },
                ),
                (
                    "video",
                    {
                        "title": "三分钟看懂就业补贴",
                        "video_file": None,
                        "video_url": "https://video.example.gov.cn/jiuye-butie.mp4",
                        "poster": self.image,
                        "captions": self.captions,
                        "duration": 180,
                        "transcript": "欢迎收看就业补贴政策解读。",
                    },
                ),
                (
                    "live",
                    {
                        "title": "就业补贴政策直播答疑",
                        "start_time": datetime.datetime(
                            2025, 6, 20, 14, 30, tzinfo=SHANGHAI
                        ),
                        "status": "ended",
                        "stream_url": "",
                        "replay_url": "https://live.example.gov.cn/replay/0620",
                        "poster": None,
                        "description": "就业促进科在线解答企业提问。",
                    },
                ),
            ],
        )
        self.assertEqual(self.captions.file_extension, "vtt")
        self.assertEqual((self.image.width, self.image.height), (64, 48))


class ReleaseCreationTest(ContentTestCase):
    def test_superuser_saves_an_integrated_release(self):
        page = self.create_draft(
            self.tree.releases, IntegratedReleasePage, self.release_form()
        )

        self.assertFalse(page.live)
        self.assertEqual(page.theme, "稳就业")
        self.assertEqual(page.summary, "汇集本区稳就业相关政策、解读和办事入口。")
        self.assertEqual(list(page.topics.values_list("name", flat=True)), ["就业补贴"])
        self.assertEqual(
            list(page.audiences.values_list("name", flat=True)), ["用人单位"]
        )
        self.assertEqual(page.referenced_policy_ids(), [self.policy.pk])
        self.assertEqual(
            plain(page.body),
            [
                (
                    "section",
                    {
                        "title": "企业吸纳就业",
                        "intro": "用人单位吸纳就业可享受的补贴。",
                        "items": [
                            (
                                "policy",
                                {"policy": self.policy, "note": "补贴标准每人2000元"},
                            ),
                            ("interpretation", {"interpretation": self.interpretation}),
                            ("service_item", {"service_item": self.service_item}),
                            ("faq", {"faq": self.faq}),
                        ],
                    },
                )
            ],
        )


class EventCreationTest(ContentTestCase):
    def test_superuser_saves_an_open_event(self):
        page = self.create_draft(self.tree.events, OpenEventPage, self.event_form())

        self.assertFalse(page.live)
        self.assertEqual(
            {
                field: getattr(page, field)
                for field in (
                    "title",
                    "series",
                    "theme",
                    "organizer",
                    "venue_type",
                    "venue_name",
                    "address",
                    "start_at",
                    "end_at",
                    "capacity",
                    "max_people_per_registration",
                    "registration_opens_at",
                    "registration_closes_at",
                    "audience_note",
                    "summary",
                    "description",
                    "is_cancelled",
                )
            },
            {
                "title": "走进15分钟就业服务站",
                "series": "2025 政府开放月",
                "theme": "稳就业、促就业",
                "organizer": self.employment_center,
                "venue_type": VenueType.EMPLOYMENT_STATION,
                "venue_name": "莘庄镇15分钟就业服务站",
                "address": "上海市闵行区莘庄镇莘建路1号",
                "start_at": datetime.datetime(2025, 5, 20, 9, 30, tzinfo=SHANGHAI),
                "end_at": datetime.datetime(2025, 5, 20, 11, 30, tzinfo=SHANGHAI),
                "capacity": 30,
                "max_people_per_registration": 2,
                "registration_opens_at": datetime.datetime(
                    2025, 5, 6, 9, 0, tzinfo=SHANGHAI
                ),
                "registration_closes_at": datetime.datetime(
                    2025, 5, 18, 17, 0, tzinfo=SHANGHAI
                ),
                "audience_note": "企业人事负责人、市民群众",
                "summary": "实地体验家门口的就业服务。",
                "description": '<p data-block-key="e0001">参观站点，体验<b>岗位推荐</b>'
                "和职业指导服务。</p>",
                "is_cancelled": False,
            },
        )
        self.assertEqual(
            list(page.audiences.values_list("name", flat=True)), ["失业人员"]
        )
