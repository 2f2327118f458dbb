"""The admin's upload of a file to import: one form for every record type."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .sources import FORMATS, Source, read_bytes

UPLOAD_MAX_BYTES = 20 * 1024 * 1024


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class ImportUploadForm(forms.Form):
    """A file of rows (XLSX, CSV or JSONL) up to 20 MB; subclasses add options."""

    file = forms.FileField(
        label=_("文件"),
        help_text=_("Excel（.xlsx）、CSV（UTF-8 或 GBK）或 JSONL；第 1 行为表头。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if _extension(upload.name) not in FORMATS:
            raise ValidationError(_("只能导入 .xlsx、.csv 或 .jsonl 文件"))
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(_("文件不能超过 20 MB"))
        return upload

    def source(self) -> Source:
        """The uploaded rows (raises ImportFileError for an unreadable file)."""
        upload = self.cleaned_data["file"]
        return read_bytes(
            upload.read(), format=_extension(upload.name), name=upload.name
        )
