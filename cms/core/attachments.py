"""Files attached to a page (附件): which files qualify, and the abstract row model
each domain's attachments are made of."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# 政府信息 is published in formats anyone can open: PDF, OFD (the national standard
# for fixed-layout documents, GB/T 33190), Word/WPS and Excel/ET.
ATTACHMENT_EXTENSIONS = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et")


def validate_attachment_document(document) -> None:
    if document is None:
        return
    extension = document.file_extension.lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("附件须为 PDF、OFD、Word 或 Excel 文件，当前为 .%(ext)s。")
            % {"ext": extension}
        )


class AbstractAttachment(Orderable):
    """A file attached to a page, in the editor's order.

    A concrete attachment adds ``page``: a ``ParentalKey`` to its page type with
    ``related_name="attachments"``, so the page's ``InlinePanel("attachments")`` and
    the API read every kind the same way.
    """

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            try:
                validate_attachment_document(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error}) from error

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
