"""Forms of the review process: the page form's publish gate, and the approval form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .checklist import CHECKLIST


class ReviewApprovalForm(forms.Form):
    """Approving a review task: an opinion, and all six checks confirmed."""

    opinion = forms.CharField(
        label=_("审查意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写审查意见。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[key] = forms.BooleanField(
                label=label,
                required=True,
                error_messages={
                    "required": _("须确认%(label)s后才能通过。") % {"label": label}
                },
            )


class ReviewedPageForm(WagtailAdminPageForm):
    """Page form that refuses a direct publication breaking a publishing rule."""

    publish_reason = forms.CharField(
        label=_("直接发布理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("未经审查流程直接发布时必填，将记录在案并列入直接发布报告。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        department = self.fields.get("department")
        user = self.for_user
        if department is not None and user is not None and not user.is_superuser:
            from cms.taxonomy.models import Organization

            from .permissions import user_department_ids

            ids = user_department_ids(user)
            department.queryset = Organization.objects.filter(pk__in=ids)
            department.required = True
            if not self.instance.department_id and len(ids) == 1:
                self.initial.setdefault("department", next(iter(ids)))

    @property
    def is_publishing(self) -> bool:
        return "action-publish" in self.data

    def clean(self):
        cleaned = super().clean()
        if self.is_publishing:
            from .services import form_publication_problems

            for field, message in form_publication_problems(self, cleaned):
                self.add_error(field if field in self.fields else None, message)
        return cleaned
