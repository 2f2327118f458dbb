"""The comment figures shown on a consultation's edit view (企业意见占比 and warning)."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class CommentSummaryPanel(Panel):
    """Counts, the enterprise share of a 惠企 draft, and links to moderation."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/panels/comment_summary.html"

        def get_context_data(self, parent_context=None):
            from django.urls import reverse

            from .selectors import ENTERPRISE_SHARE_TARGET, comment_stats
            from .services import report_problems

            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = bool(page.pk)
            if page.pk:
                context["stats"] = comment_stats(page)
                context["target_percent"] = int(ENTERPRISE_SHARE_TARGET * 100)
                context["is_enterprise_related"] = page.is_enterprise_related
                context["comments_url"] = reverse(
                    "consultations_comments", args=[page.pk]
                )
                context["report_problems"] = report_problems(page)
            return context


class WindowPanel(Panel):
    """The window as the public gets it: from the actual publication date, or, for a
    draft, from publishing today; warns when it is below the general minimum."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/panels/window.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["known"] = bool(page.open_date and page.close_date)
            if context["known"] and page.close_date >= page.open_date:
                window = page.window
                context.update(
                    window=window,
                    published_on=page.published_on,
                    minimum=window.rule.describe(),
                    shortfall=window.shortfall(),
                    reason=page.short_window_reason.strip(),
                )
            return context
