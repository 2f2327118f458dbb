"""What every reviewed page type (policies, interpretations) shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import DepartmentPagePermissionTester


class PublishRefused(Exception):
    """Publishing would break a rule of 先审查、后公开 or 三同步."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        self.problems = problems
        super().__init__("；".join(message for _field, message in problems))


class ReviewedPageMixin(models.Model):
    """A page that goes live only through review, owned by one department."""

    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("起草并负责该页面的科室；只有该科室的编辑可以修改。"),
    )

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return DepartmentPagePermissionTester(user, self)

    def publish(self, revision, *args, **kwargs):
        # The one gate every programmatic publication passes (workflow, import,
        # scheduled publishing). The admin's own publish button is gated by the
        # before_publish_page hook, which uses the same rules.
        from .services import publication_problems

        problems = publication_problems(revision.as_object())
        if problems:
            raise PublishRefused(problems)
        return super().publish(revision, *args, **kwargs)
