"""The admin's 网站 and 小程序 preview modes show a draft as the API serializes it."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.rich_text import RichText

from cms.taxonomy.models import Organization
from cms.taxonomy.seed import BUREAU_NAME
from tests.admin.helpers import AdminTestCase
from tests.factories import PolicyPageFactory

LINKED_SLUG = "xianxing-banfa"
TITLE = "关于做好失业保险稳岗返还工作的通知"


def test_every_page_type_offers_the_channel_modes_first():
    for model in get_page_models()[1:]:
        modes = [name for name, _ in model.preview_modes]
        assert modes[:2] == ["web", "miniprogram"], model


class ChannelPreviewTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bureau = Organization.objects.get(name=BUREAU_NAME)
        linked = PolicyPageFactory(
            parent=cls.tree.policies,
            slug=LINKED_SLUG,
            title="现行办法",
            issuers=[bureau],
        )
        body = (
            f'<p>参照<a linktype="page" id="{linked.pk}">现行办法</a>执行。</p>'
            '<p><a href="javascript:alert(1)">坏链接</a></p>'
        )
        cls.policy = PolicyPageFactory(
            parent=cls.tree.policies,
            title=TITLE,
            doc_number="闵人社发〔2025〕19号",
            issuers=[bureau],
            body=[("paragraph", RichText(body))],
        )

    def channel_preview(self, mode: str, **changes) -> str:
        data = self.edit_form_data(self.policy, **changes)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.policy.pk])
        self.assertTrue(self.client.post(url, data).json()["is_valid"])
        response = self.client.get(url, {"mode": mode})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_web_preview_shows_unsaved_changes_as_the_api_serializes_them(self):
        html = self.channel_preview("web", title="（预览）稳岗返还通知")

        self.assertIn("网站预览", html)
        self.assertIn("<h1>（预览）稳岗返还通知</h1>", html)
        self.assertIn("<dt>发文字号</dt><dd>闵人社发〔2025〕19号</dd>", html)
        # The issuer, through the API's PolicyPage type.
        self.assertIn(BUREAU_NAME, html)
        # Rich text as the WEB channel gives it: frontend paths, nothing executable.
        self.assertIn(f'<a href="/zhengce/{LINKED_SLUG}/">现行办法</a>', html)
        self.assertIn("坏链接", html)
        self.assertNotIn("javascript:", html)
        # Nothing was saved.
        self.policy.refresh_from_db()
        self.assertEqual(self.policy.title, TITLE)

    def test_miniprogram_preview_uses_the_miniprogram_channel(self):
        html = self.channel_preview("miniprogram")

        self.assertIn("小程序预览", html)
        self.assertIn('class="mode-miniprogram"', html)
        self.assertIn(
            f'<a href="http://127.0.0.1:8000/zhengce/{LINKED_SLUG}/">现行办法</a>', html
        )

    def test_site_template_mode_stays_available(self):
        html = self.channel_preview("")
        self.assertIn(TITLE, html)
        self.assertNotIn("网站预览", html)


def test_the_generated_query_is_valid_for_every_page_type():
    from graphql import parse, validate

    from api.preview import preview_document, preview_schema

    schema = preview_schema._schema
    for model in get_page_models()[1:]:
        document = preview_document(model.__name__)
        assert f"... on {model.__name__} " in document, model
        assert validate(schema, parse(document)) == [], model


def test_every_page_type_serializes_without_errors(db, site_tree, bureau, rf):
    from api.preview import serialize_preview
    from cms.home.models import HomePage
    from tests.api.builders import live_block, qa_block, video_block
    from tests.factories import InterpretationPageFactory
    from tests.factories.pages import IntegratedReleasePageFactory, OpenEventPageFactory

    policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    pages = [
        HomePage.objects.get(pk=site_tree.home.pk),
        site_tree.policies.specific,
        policy,
        InterpretationPageFactory(
            parent=site_tree.interpretations,
            policies=[policy],
            body=[qa_block(), video_block(), live_block()],
        ),
        IntegratedReleasePageFactory(parent=site_tree.releases),
        OpenEventPageFactory(parent=site_tree.events),
    ]
    request = rf.get("/admin/", HTTP_HOST="127.0.0.1:8000")
    for page in pages:
        for channel in ("WEB", "MINIPROGRAM"):
            result = serialize_preview(request=request, page=page, channel=channel)
            assert result.errors == [], (page, channel)
            assert result.data["title"] == page.title
