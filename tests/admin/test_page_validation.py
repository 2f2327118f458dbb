"""Mistakes an editor can make in the admin: refused in Chinese, and nothing is saved.

Each test posts an otherwise complete, realistic page with one mistake in it, and reads
the errors from the re-rendered form as the editor's browser receives them.
"""

from __future__ import annotations

from cms.events.models import OpenEventPage
from cms.interpretations.models import InterpretationPage
from cms.policies.blocks import RICH_TEXT_FEATURES
from cms.policies.models import Disclosure, PolicyPage
from tests.factories import PolicyPageFactory

from .content import ContentTestCase
from .helpers import block_errors, draftail, field_errors, png_bytes

NOT_AN_OFFICE_FILE = "附件须为 PDF、OFD、Word 或 Excel 文件，当前为 .txt。"
REQUIRED = "必需字段"


def struct_error(index: int, field: str, message: str) -> dict:
    """The error of one field of the StructBlock at ``index`` in a stream."""
    return {
        "blockErrors": {str(index): {"blockErrors": {field: {"messages": [message]}}}}
    }


class PolicyValidationTest(ContentTestCase):
    def post_policy(self, **fields):
        return self.post_invalid(
            self.tree.policies, PolicyPage, self.policy_form(**fields)
        )

    def test_on_application_disclosure_needs_a_legal_basis(self):
        response = self.post_policy(
            disclosure=Disclosure.ON_APPLICATION, disclosure_basis="  "
        )
        self.assertEqual(
            field_errors(response),
            {"disclosure_basis": ["公开属性不是主动公开时，须填写不公开的法律依据。"]},
        )

    def test_duplicate_doc_number_in_other_brackets_is_refused(self):
        PolicyPageFactory(
            parent=self.tree.policies,
            title="关于做好2024年度一次性吸纳就业补贴申领工作的通知",
            doc_number="闵人社发〔2025〕19号",
            issuers=[self.bureau],
        )
        response = self.post_policy(doc_number="闵人社发[2025]19号")
        self.assertEqual(
            field_errors(response),
            {
                "doc_number": [
                    "发文字号与已有政策《关于做好2024年度一次性吸纳就业补贴申领工作的通知》重复。"
                ]
            },
        )

    def test_attachment_must_be_an_office_document(self):
        notes = self.upload_document(
            "内部说明", "shuoming.txt", "仅供内部参考。".encode()
        )
        response = self.post_policy(**{"attachments-0-document": notes.pk})
        self.assertEqual(field_errors(response), {"document": [NOT_AN_OFFICE_FILE]})
        (attachment_form,) = response.context["form"].formsets["attachments"].forms
        self.assertEqual(attachment_form.errors, {"document": [NOT_AN_OFFICE_FILE]})

    def test_attachment_block_must_be_an_office_document(self):
        notes = self.upload_document(
            "内部说明", "shuoming.txt", "仅供内部参考。".encode()
        )
        # The body's attachment list is its fifth block; its second file is the .txt.
        response = self.post_policy(**{"body-4-value-items-1-value-document": notes.pk})
        items = struct_error(1, "document", NOT_AN_OFFICE_FILE)
        self.assertEqual(
            block_errors(response),
            {"blockErrors": {"4": {"blockErrors": {"items": items}}}},
        )


class InterpretationValidationTest(ContentTestCase):
    def setUp(self):
        super().setUp()
        self.interpreted_policies()

    def post_interpretation(self, body: list, **fields):
        return self.post_invalid(
            self.tree.interpretations,
            InterpretationPage,
            self.interpretation_form(body, **fields),
        )

    def infographic_without_alt_text(self) -> list:
        image = self.upload_image("一图读懂就业补贴", "yitu.png", png_bytes())
        infographic = {
            "image": image.pk,
            "alt_text": "",
            "long_description": "",
            "caption": "",
        }
        return [("infographic", infographic)]

    def test_an_interpretation_needs_at_least_one_format(self):
        paragraph = draftail(
            '<p data-block-key="x0001">解读正文。</p>', RICH_TEXT_FEATURES
        )
        response = self.post_interpretation([("paragraph", paragraph)])
        self.assertEqual(list(response.context["form"].errors), ["body"])
        self.assertEqual(
            block_errors(response),
            {
                "messages": [
                    "解读须至少包含一种形式：简明问答、图示图解、视频动画或直播。"
                ]
            },
        )

    def test_an_infographic_needs_alt_text_before_review(self):
        response = self.post_interpretation(
            self.infographic_without_alt_text(), **{"action-submit": "提交审查"}
        )
        self.assertEqual(block_errors(response), struct_error(0, "alt_text", REQUIRED))

    def test_an_infographic_needs_alt_text_before_publication(self):
        response = self.post_interpretation(
            self.infographic_without_alt_text(),
            publish_reason="紧急发布，经分管领导同意",
            **{"action-publish": "发布"},
        )
        self.assertEqual(block_errors(response), struct_error(0, "alt_text", REQUIRED))

    def test_a_draft_may_leave_alt_text_for_later(self):
        # Wagtail defers required fields while drafting; review and publication don't.
        form = self.interpretation_form(self.infographic_without_alt_text())
        page = self.create_draft(self.tree.interpretations, InterpretationPage, form)
        self.assertEqual(page.body[0].value["alt_text"], "")

    def test_a_video_needs_a_file_or_an_address(self):
        video = {
            "title": "三分钟看懂就业补贴",
            "video_file": "",
            "video_url": "",
            "poster": "",
            "captions": "",
            "duration": "",
            "transcript": "",
        }
        response = self.post_interpretation([("video", video)])
        self.assertEqual(
            block_errors(response),
            struct_error(0, "video_url", "请上传视频文件或填写视频地址。"),
        )

    def test_video_captions_must_be_webvtt(self):
        srt = self.upload_document(
            "字幕", "zimu.srt.txt", "1\n00:00:00,000 --> 00:00:04,000\n欢迎\n".encode()
        )
        video = {
            "title": "三分钟看懂就业补贴",
            "video_file": "",
            "video_url": "https://video.example.gov.cn/jiuye-butie.mp4",
            "poster": "",
            "captions": srt.pk,
            "duration": "",
            "transcript": "",
        }
        response = self.post_interpretation([("video", video)])
        self.assertEqual(
            block_errors(response),
            struct_error(0, "captions", "字幕文件须为 WebVTT（.vtt）格式。"),
        )


class EventValidationTest(ContentTestCase):
    def post_event(self, **fields):
        return self.post_invalid(
            self.tree.events, OpenEventPage, self.event_form(**fields)
        )

    def test_an_event_must_end_after_it_starts(self):
        response = self.post_event(end_at="2025-05-20 08:30")
        self.assertEqual(
            field_errors(response), {"end_at": ["结束时间须晚于开始时间。"]}
        )

    def test_registration_must_open_before_the_event_starts(self):
        response = self.post_event(
            registration_opens_at="2025-05-21 09:00", registration_closes_at=""
        )
        self.assertEqual(
            field_errors(response),
            {"registration_opens_at": ["报名开始须早于活动开始时间。"]},
        )
