"""Department-scoped editing of records (snippets) that carry a 责任科室 (``department``):
an editor sees and changes only the records of their own departments, as with pages."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from .permissions import user_can_work_on_department, user_department_ids


class DepartmentPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) and user_can_work_on_department(
            user, getattr(instance, "department_id", None)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return queryset
        return queryset.filter(
            Q(department__isnull=True) | Q(department__in=user_department_ids(user))
        )


class DepartmentRecordForm(WagtailAdminModelForm):
    """A department's editor can file a record only under their own departments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        department = self.fields.get("department")
        user = getattr(self, "for_user", None)
        if department is not None and user is not None and not user.is_superuser:
            from cms.taxonomy.models import Organization

            ids = user_department_ids(user)
            department.queryset = Organization.objects.filter(pk__in=ids)
            department.required = True
            if not self.instance.department_id and len(ids) == 1:
                self.initial.setdefault("department", next(iter(ids)))


def grant_to_editors(app_label: str, codenames: tuple[str, ...]) -> None:
    """Give every drafting department's editor group these model permissions."""
    from cms.taxonomy.seed import DRAFTING_DEPARTMENTS

    from .setup import editor_group_name

    permissions = list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    for department in DRAFTING_DEPARTMENTS:
        group = Group.objects.filter(name=editor_group_name(department)).first()
        if group is not None:
            group.permissions.add(*permissions)


class InstancePermissionMixin:
    """Wagtail's edit and delete views check the model permission only: check the
    record's department too (``DepartmentPermissionPolicy``)."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not DepartmentPermissionPolicy(
            obj.__class__
        ).user_has_permission_for_instance(
            self.request.user, self.instance_action, obj
        ):
            raise PermissionDenied
        return obj
