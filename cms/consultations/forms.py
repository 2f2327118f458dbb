"""Admin forms: staff moderate and decide a consultation's comments in one go."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .models import ConsultationComment

REVIEW_FIELDS = ["moderation_status", "summary", "decision", "decision_reason"]


class CommentReviewForm(forms.ModelForm):
    class Meta:
        model = ConsultationComment
        fields = REVIEW_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "decision_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def save(self, commit: bool = True):
        comment = super().save(commit=False)
        now = timezone.now()
        if "moderation_status" in self.changed_data:
            comment.moderated_at = now
        if "decision" in self.changed_data:
            comment.decided_at = now if comment.decision else None
        if commit:
            comment.save()
        return comment


CommentReviewFormSet = forms.modelformset_factory(
    ConsultationComment, form=CommentReviewForm, extra=0, can_delete=False
)
