"""The policy page form: the major-change mark starts afresh after it was published."""

from __future__ import annotations

from cms.review.forms import ReviewedPageForm


class ChangeNoteForm(ReviewedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and page.live and not page.has_unpublished_changes:
            # The mark in the form belongs to the revision already live.
            self.initial["major_change"] = False
            self.initial["change_note"] = ""
