"""Realistic content an editor of the bureau enters, as the admin forms post it."""

from __future__ import annotations

from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.events.models import VenueType
from cms.interpretations.models import InterpreterRole
from cms.policies.blocks import RICH_TEXT_FEATURES
from cms.policies.models import Disclosure
from cms.releases.models import FAQ
from cms.taxonomy.models import Audience, Organization, ServiceItem, Topic
from cms.taxonomy.seed import BUREAU_NAME
from tests.factories import InterpretationPageFactory, PolicyPageFactory

from .helpers import (
    AdminTestCase,
    draftail,
    empty_formsets,
    list_block,
    pdf_bytes,
    png_bytes,
    table,
    vtt_bytes,
    xlsx_bytes,
)

QA_FEATURES = ["bold", "ol", "ul", "link"]


def _pks(model, *slugs: str) -> list[int]:
    return [model.objects.get(slug=slug).pk for slug in slugs]


def _inline(rows: list[dict], *, min_num: int = 0) -> dict:
    """Inline panel rows as posted; a row may carry its own ORDER (drag and drop)."""
    data: dict = {
        str(index): {"ORDER": str(index), "DELETE": "", **row}
        for index, row in enumerate(rows)
    }
    data.update(
        TOTAL_FORMS=str(len(rows)),
        INITIAL_FORMS="0",
        MIN_NUM_FORMS=str(min_num),
        MAX_NUM_FORMS="1000",
    )
    return data


class ContentTestCase(AdminTestCase):
    """An admin session with the bureau's organizations at hand."""

    def setUp(self):
        super().setUp()
        self.bureau = Organization.objects.get(name=BUREAU_NAME)
        self.finance = Organization.objects.get(name="闵行区财政局")
        self.employment = Organization.objects.get(name="就业促进科")
        self.employment_center = Organization.objects.get(name="闵行区就业促进中心")

    # --- 政策文件 -------------------------------------------------------------------
    def upload_policy_files(self) -> None:
        self.pdf = self.upload_document(
            "一次性吸纳就业补贴申请表",
            "shenqingbiao.pdf",
            pdf_bytes("一次性吸纳就业补贴申请表"),
        )
        self.xlsx = self.upload_document(
            "补贴对象花名册",
            "huamingce.xlsx",
            xlsx_bytes(
                [["姓名", "身份证号", "补贴金额"], ["张三", "310112199001011234", 2000]]
            ),
        )

    def policy_form(self, **overrides) -> dict:
        """A jointly issued policy; 区财政局 was dragged to the top of the issuers."""
        if not hasattr(self, "pdf"):
            self.upload_policy_files()
        body = [
            ("heading", {"text": "一、补贴对象", "level": "h2"}),
            (
                "paragraph",
                draftail(
                    '<p data-block-key="p0001">本区用人单位吸纳<b>登记失业人员</b>'
                    "就业，并按规定缴纳社会保险费的，可申请一次性吸纳就业补贴。</p>",
                    RICH_TEXT_FEATURES,
                ),
            ),
            (
                "table",
                table(
                    [["补贴项目", "补贴标准"], ["一次性吸纳就业补贴", "每人2000元"]],
                    caption="补贴标准",
                ),
            ),
            (
                "callout",
                {
                    "style": "important",
                    "title": "申领截止",
                    "text": draftail(
                        '<p data-block-key="c0001">请于<b>2025年12月31日</b>'
                        "前提交申请。</p>",
                        ["bold", "italic", "link"],
                    ),
                },
            ),
            (
                "attachments",
                {
                    "heading": "附件",
                    "items": list_block(
                        [
                            {"document": self.pdf.pk, "title": "申请表"},
                            {"document": self.xlsx.pk, "title": ""},
                        ]
                    ),
                },
            ),
        ]
        data = nested_form_data(
            {
                "title": "关于做好2025年度一次性吸纳就业补贴申领工作的通知",
                "slug": "jiuye-butie-2025",
                "doc_number": "闵财社〔2025〕7号",
                "department": self.employment.pk,
                "issuers": _inline(
                    [
                        {"organization": self.bureau.pk, "ORDER": "1"},
                        {"organization": self.finance.pk, "ORDER": "0"},
                    ],
                    min_num=1,
                ),
                "is_normative": "on",
                "written_date": "2025-06-10",
                "publish_date": "2025-06-17",
                "effective_date": "2025-07-01",
                "expiry_date": "2027-06-30",
                "validity_override": "",
                "summary": "明确一次性吸纳就业补贴的对象、标准和申领程序。",
                "body": streamfield(body),
                "attachments": _inline([{"document": self.pdf.pk, "title": ""}]),
                **empty_formsets("service_item_links", "relations"),
                "disclosure": Disclosure.PUBLIC,
                "disclosure_basis": "",
                "publish_reason": "",
            }
        )
        data["topics"] = _pks(Topic, "jiuye-butie", "jiuye-yuanzhu")
        data["audiences"] = _pks(Audience, "yongren-danwei", "shiye-renyuan")
        data.update(overrides)
        return data

    # --- 政策解读 -------------------------------------------------------------------
    def interpreted_policies(self) -> None:
        self.policy = PolicyPageFactory(
            parent=self.tree.policies,
            title="关于做好2025年度一次性吸纳就业补贴申领工作的通知",
            doc_number="闵人社发〔2025〕19号",
            issuers=[self.bureau],
        )
        self.other_policy = PolicyPageFactory(
            parent=self.tree.policies,
            title="关于延续实施失业保险稳岗返还政策的通知",
            doc_number="闵人社发〔2025〕21号",
            issuers=[self.bureau],
        )

    def interpretation_form(
        self,
        body: list,
        *,
        policies=None,
        title: str = "一图读懂：一次性吸纳就业补贴",
        slug: str = "yitu-jiuye-butie",
        **overrides,
    ) -> dict:
        """An interpretation by 就业促进科's section chief with the given body blocks."""
        data = {
            "title": title,
            "slug": slug,
            "interpreted_policies": _inline(
                [{"policy": policy.pk} for policy in policies or [self.policy]],
                min_num=1,
            ),
            "department": self.employment.pk,
            "role": InterpreterRole.SECTION_CHIEF,
            "interpreter_name": "就业促进科科长 张某",
            "publish_date": "2025-06-18",
            "summary": "就业促进科科长解读一次性吸纳就业补贴政策。",
            "body": streamfield(body),
            "publish_reason": "",
        }
        data.update(overrides)
        return nested_form_data(data)

    def qa_interpretation_form(self) -> dict:
        """科长讲政策 on two policies: a paragraph and a Q&A."""
        qa = {
            "heading": "简明问答",
            "items": list_block(
                [
                    {
                        "question": "哪些单位可以申请？",
                        "answer": draftail(
                            '<p data-block-key="a0001">本区依法登记的'
                            "<b>用人单位</b>。</p>",
                            QA_FEATURES,
                        ),
                    },
                    {
                        "question": "补贴标准是多少？",
                        "answer": draftail(
                            '<p data-block-key="a0002">每吸纳一人补贴2000元。</p>',
                            QA_FEATURES,
                        ),
                    },
                ]
            ),
        }
        paragraph = draftail(
            '<p data-block-key="i0001">为帮助用人单位用好政策，现解读如下。</p>',
            RICH_TEXT_FEATURES,
        )
        return self.interpretation_form(
            [("paragraph", paragraph), ("qa", qa)],
            policies=[self.policy, self.other_policy],
            title="科长讲政策：一次性吸纳就业补贴怎么申请",
            slug="kezhang-jiuye-butie",
        )

    def media_interpretation_form(self) -> dict:
        """一图读懂 with a video (poster, captions) and a finished live Q&A."""
        self.image = self.upload_image("一图读懂就业补贴", "yitu.png", png_bytes())
        self.captions = self.upload_document(
            "就业补贴解读视频字幕", "zimu.vtt", vtt_bytes()
        )
        infographic = {
            "image": self.image.pk,
            "alt_text": "一次性吸纳就业补贴申领流程图",
            "long_description": "第一步：网上申报；第二步：审核；第三步：拨付。",
            "caption": "申领流程",
        }
        video = {
            "title": "三分钟看懂就业补贴",
            "video_file": "",
            "video_url": "https://video.example.gov.cn/jiuye-butie.mp4",
            "poster": self.image.pk,
            "captions": self.captions.pk,
            "duration": "180",
            "transcript": "欢迎收看就业补贴政策解读。",
        }
        live = {
            "title": "就业补贴政策直播答疑",
            "start_time": "2025-06-20 14:30",
            "status": "ended",
            "stream_url": "",
            "replay_url": "https://live.example.gov.cn/replay/0620",
            "poster": "",
            "description": "就业促进科在线解答企业提问。",
        }
        return self.interpretation_form(
            [("infographic", infographic), ("video", video), ("live", live)]
        )

    # --- 集成式发布 -----------------------------------------------------------------
    def release_form(self) -> dict:
        """One section bundling a policy, its interpretation, a service item and a FAQ."""
        self.policy = PolicyPageFactory(
            parent=self.tree.policies,
            title="关于做好2025年度一次性吸纳就业补贴申领工作的通知",
            issuers=[self.bureau],
        )
        self.interpretation = InterpretationPageFactory(
            parent=self.tree.interpretations,
            title="一图读懂：一次性吸纳就业补贴",
            policies=[self.policy],
        )
        self.service_item = ServiceItem.objects.create(
            name="一次性吸纳就业补贴申领",
            code="310112000000000001",
            web_url="https://zwdt.sh.gov.cn/govPortals/item/310112000000000001",
        )
        self.faq = FAQ.objects.create(
            question="补贴多久能到账？", answer="<p>审核通过后15个工作日内拨付。</p>"
        )
        items = [
            ("policy", {"policy": self.policy.pk, "note": "补贴标准每人2000元"}),
            ("interpretation", {"interpretation": self.interpretation.pk}),
            ("service_item", {"service_item": self.service_item.pk}),
            ("faq", {"faq": self.faq.pk}),
        ]
        section = {
            "title": "企业吸纳就业",
            "intro": "用人单位吸纳就业可享受的补贴。",
            "items": streamfield(items),
        }
        data = nested_form_data(
            {
                "title": "稳就业政策集成发布",
                "slug": "wen-jiuye",
                "theme": "稳就业",
                "summary": "汇集本区稳就业相关政策、解读和办事入口。",
                "body": streamfield([("section", section)]),
            }
        )
        data["topics"] = _pks(Topic, "jiuye-butie")
        data["audiences"] = _pks(Audience, "yongren-danwei")
        return data

    # --- 政府开放活动 ---------------------------------------------------------------
    def event_form(self, **overrides) -> dict:
        """A 政府开放月 visit with registration."""
        data = {
            "title": "走进15分钟就业服务站",
            "slug": "zoujin-jiuye-fuwuzhan",
            "series": "2025 政府开放月",
            "theme": "稳就业、促就业",
            "organizer": self.employment_center.pk,
            "venue_type": VenueType.EMPLOYMENT_STATION,
            "venue_name": "莘庄镇15分钟就业服务站",
            "address": "上海市闵行区莘庄镇莘建路1号",
            "start_at": "2025-05-20 09:30",
            "end_at": "2025-05-20 11:30",
            "capacity": "30",
            "max_people_per_registration": "2",
            "registration_opens_at": "2025-05-06 09:00",
            "registration_closes_at": "2025-05-18 17:00",
            "audiences": _pks(Audience, "shiye-renyuan"),
            "audience_note": "企业人事负责人、市民群众",
            "summary": "实地体验家门口的就业服务。",
            "description": draftail(
                '<p data-block-key="e0001">参观站点，体验<b>岗位推荐</b>'
                "和职业指导服务。</p>",
                RICH_TEXT_FEATURES,
            ),
        }
        data.update(overrides)
        return data
