"""What policy pages carry for subscriptions: the editor's major-change mark and the
"将推送给 N 人/家企业" panel on the edit view.

Major is a mark on the revision: the two fields are page fields, so each revision
stores its own value and the published revision's value decides; the edit form
starts them unticked and empty once the mark has been published (``ChangeNoteForm``)
so a major mark never carries over to the next, minor, edit. A field beats a
side table of revision flags here because it travels with the revision through
review, scheduling and 三同步 without any extra bookkeeping.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class MajorChangeMixin(models.Model):
    major_change = models.BooleanField(
        _("重大变更，推送给订阅者"),
        default=False,
        help_text=_(
            "首次发布、失效或废止总会推送；此后的修改只有勾选并填写变更说明才推送。"
        ),
    )
    change_note = models.CharField(
        _("变更说明"),
        max_length=200,
        blank=True,
        help_text=_("推送给订阅者的一句话，如“补贴标准由每人 3000 元提高到 5000 元”。"),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.major_change and not self.change_note.strip():
            from django.core.exceptions import ValidationError

            raise ValidationError({"change_note": _("重大变更须填写变更说明。")})


class RecipientsPanel(Panel):
    """How many subscribers the next notifying publication reaches."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "subscriptions/recipients_panel.html"

        def get_context_data(self, parent_context=None):
            from .matching import Target, count_recipients

            context = super().get_context_data(parent_context)
            counts = (
                count_recipients(Target.of_policy(self.instance))
                if self.instance.pk
                else {}
            )
            context["persons"] = counts.get("person", 0)
            context["enterprises"] = counts.get("enterprise", 0)
            return context
