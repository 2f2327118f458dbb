"""Building admin POST data and uploading media the way an editor does in the admin."""

from __future__ import annotations

import io
import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail import blocks
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Revision
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
)

from tests.seed import current_site_tree


class AdminTestCase(WagtailPageTestCase):
    """A superuser logged into the admin of a freshly set-up installation."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = current_site_tree()
        cls.superuser = get_user_model().objects.create_superuser(
            username="admin", email="admin@example.com", password="pw-admin-123"
        )

    def setUp(self):
        self.client.force_login(self.superuser)

    # --- pages ------------------------------------------------------------------
    def add_url(self, model, parent: Page) -> str:
        meta = model._meta
        return reverse(
            "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]
        )

    def create_draft(self, parent: Page, model, data: dict):
        """Save a new page as a draft through the admin and return it from the database."""
        before = set(model.objects.values_list("pk", flat=True))
        self.assertCanCreate(parent, model, data, publish=False)
        (pk,) = set(model.objects.values_list("pk", flat=True)) - before
        return model.objects.get(pk=pk)

    def post_invalid(self, parent: Page, model, data: dict):
        """Post a page the admin must refuse; return the form page it re-renders."""
        pages_before = Page.objects.count()
        revisions_before = Revision.objects.count()
        response = self.client.post(self.add_url(model, parent), data)
        self.assertEqual(response.status_code, 200, "the admin accepted the page")
        self.assertTrue(response.context["form"].errors or _formset_errors(response))
        self.assertEqual(Page.objects.count(), pages_before, "nothing may be saved")
        self.assertEqual(Revision.objects.count(), revisions_before)
        return response

    def preview(self, page: Page, data: dict, mode: str = "") -> str:
        """The editor's preview of ``page`` with the form as posted, as HTML.

        ``mode`` "" is the site template; "web" and "miniprogram" the API's views.
        """
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = self.client.post(url, data)
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url, {"mode": mode})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def edit_form_data(self, page: Page, **changes) -> dict:
        """The edit form as the browser would post it back, with ``changes`` applied."""
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        # StreamFields are drawn by JavaScript, so their fields are not in the HTML.
        specific = page.specific_class.objects.get(
            pk=page.pk
        ).get_latest_revision_as_object()
        for field in specific._meta.get_fields():
            if isinstance(field, StreamField) and field.name not in changes:
                value = getattr(specific, field.name)
                changes[field.name] = block_form_data(field.stream_block, value)
        # The test client would post only the last of a multi-valued key's values.
        posted = dict(data.lists())
        posted.update(nested_form_data(changes))
        return posted

    # --- media ------------------------------------------------------------------
    def upload_document(self, title: str, filename: str, content: bytes) -> Document:
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": SimpleUploadedFile(filename, content),
                "collection": Collection.get_first_root_node().pk,
            },
        )
        self.assertEqual(response.status_code, 302, "document upload refused")
        return Document.objects.get(title=title)

    def upload_image(self, title: str, filename: str, content: bytes) -> Image:
        response = self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": title,
                "file": SimpleUploadedFile(filename, content, content_type="image/png"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
        self.assertEqual(response.status_code, 302, "image upload refused")
        return Image.objects.get(title=title)


def _formset_errors(response) -> bool:
    formsets = response.context["form"].formsets.values()
    return any(not formset.is_valid() for formset in formsets)


# --- what the editor sees -----------------------------------------------------------------
def field_errors(response) -> dict[str, list[str]]:
    """Error messages the re-rendered form shows, by field (content path)."""
    soup = WagtailPageTestCase.get_soup(response.content)
    return {
        field["data-contentpath"]: [
            message.get_text(strip=True) for message in field.select(".error-message")
        ]
        for field in soup.select("[data-field][data-contentpath]")
        if field.select(".error-message")
    }


def block_errors(response, field: str = "body") -> dict:
    """The errors a StreamField hands to its editor widget, as the browser receives them."""
    soup = WagtailPageTestCase.get_soup(response.content)
    widget = soup.find("div", id=field, attrs={"data-w-block-arguments-value": True})
    _value, errors = json.loads(widget["data-w-block-arguments-value"])
    return errors


# --- file contents -------------------------------------------------------------------
def pdf_bytes(text: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(72, 760, text)
    pdf.save()
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = PILImage.new("RGB", size, "#c8102e")
    ImageDraw.Draw(image).rectangle((8, 8, size[0] - 8, size[1] - 8), fill="#ffd700")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def vtt_bytes() -> bytes:
    return (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:04.000\n"
        "欢迎收看就业补贴政策解读。\n\n"
        "00:00:04.000 --> 00:00:09.000\n"
        "符合条件的用人单位可申请一次性吸纳就业补贴。\n"
    ).encode()


# --- form data -------------------------------------------------------------------------
def list_block(items: list) -> dict:
    """ListBlock form data, to use inside a StreamField value."""
    data: dict = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def table(rows: list[list[str]], caption: str = "") -> str:
    """TableBlock form data: the JSON the handsontable widget posts."""
    return json.dumps(
        {
            "data": rows,
            "cell": [],
            "mergeCells": [],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
        }
    )


def draftail(html: str, features: list[str] | None = None) -> str:
    return rich_text(html, features=features)


def empty_formsets(*names: str) -> dict:
    """Inline panels left empty still post their management forms."""
    return {name: inline_formset([]) for name in names}


def plain(value):
    """A stream value as plain Python: dicts, lists, HTML strings and model instances."""
    if isinstance(value, StreamValue):
        return [(child.block_type, plain(child.value)) for child in value]
    if isinstance(value, StructValue):
        return {name: plain(child) for name, child in value.items()}
    if isinstance(value, ListValue | list):
        return [plain(item) for item in value]
    if isinstance(value, RichText):
        return value.source
    return value


def block_form_data(block, value):
    """What the StreamField editor posts for ``value``: the browser's side, rebuilt."""
    if isinstance(block, blocks.BaseStreamBlock):
        data = {
            str(index): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "id": child.id,
                "deleted": "",
                "order": str(index),
            }
            for index, child in enumerate(value)
        }
        data["count"] = str(len(value))
        return data
    if isinstance(block, blocks.BaseStructBlock):
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        data = {
            str(index): {
                "value": block_form_data(block.child_block, child.value),
                "id": child.id,
                "deleted": "",
                "order": str(index),
            }
            for index, child in enumerate(value.bound_blocks)
        }
        data["count"] = str(len(value))
        return data
    # A FieldBlock: as Django renders a bound field (prepare_value, then the widget).
    field = block.field
    formatted = field.widget.format_value(
        field.prepare_value(block.value_for_form(value))
    )
    if isinstance(formatted, list):  # a Select's selected values
        (formatted,) = formatted or [""]
    return "" if formatted is None else formatted
