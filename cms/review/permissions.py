"""Department-scoped editing: an editor works only on pages of their own department."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from wagtail.models import PagePermissionTester

_CACHE_ATTR = "_cms_department_ids"


def user_department_ids(user) -> frozenset[int]:
    """Departments (Organization ids) whose editor groups the user belongs to."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from cms.taxonomy.models import Organization

        cached = frozenset(
            Organization.objects.filter(editor_groups__user=user)
            .values_list("pk", flat=True)
            .distinct()
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def user_can_work_on_department(user, department_id: int | None) -> bool:
    if user.is_superuser or department_id is None:
        return True
    return department_id in user_department_ids(user)


class DepartmentPagePermissionTester(PagePermissionTester):
    """Wagtail's tree permissions, narrowed to the page's 责任科室."""

    def _department_allows(self) -> bool:
        return user_can_work_on_department(
            self.user, getattr(self.page, "department_id", None)
        )

    def can_edit(self) -> bool:
        if self._department_allows():
            return super().can_edit()
        # Reviewers of the task the page is on may open it whatever its department.
        task = self.page.current_workflow_task
        return bool(
            self.user.is_active
            and task is not None
            and task.user_can_access_editor(self.page, self.user)
        )

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self._department_allows() and super().can_delete(ignore_bulk)

    def can_publish(self) -> bool:
        return self._department_allows() and super().can_publish()

    def can_unpublish(self) -> bool:
        return self._department_allows() and super().can_unpublish()

    def can_move(self) -> bool:
        return self._department_allows() and super().can_move()

    def can_copy(self) -> bool:
        return self._department_allows() and super().can_copy()

    def can_lock(self) -> bool:
        return self._department_allows() and super().can_lock()

    def can_submit_for_moderation(self) -> bool:
        return self._department_allows() and super().can_submit_for_moderation()
