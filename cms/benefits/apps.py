from django.apps import AppConfig

EDITOR_PERMISSIONS = (
    "add_benefitstandard",
    "change_benefitstandard",
    "delete_benefitstandard",
    "view_benefitstandard",
)


class BenefitsConfig(AppConfig):
    name = "cms.benefits"
    label = "benefits"
    verbose_name = "待遇标准调整"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from cms.policies.models import PolicyPage
        from cms.workdays.models import CalendarOverride, CalendarYear

        from . import signals

        page_published.connect(
            signals.policy_published,
            sender=PolicyPage,
            dispatch_uid="benefits-policy-published",
        )
        page_unpublished.connect(
            signals.policy_unpublished,
            sender=PolicyPage,
            dispatch_uid="benefits-policy-unpublished",
        )
        # A holiday entered in the admin moves the 公开期限 of the standards.
        for model in (CalendarOverride, CalendarYear):
            uid = f"benefits-due-{model.__name__}"
            post_save.connect(
                signals.calendar_changed, sender=model, dispatch_uid=f"{uid}-s"
            )
            post_delete.connect(
                signals.calendar_changed, sender=model, dispatch_uid=f"{uid}-d"
            )

    def setup_cms(self, tree) -> None:
        """Each department's editors keep the benefit standards of their department."""
        from cms.review.records import grant_to_editors

        grant_to_editors(self.label, EDITOR_PERMISSIONS)

    def search_types(self):
        """Public benefit standards are records in the public search, found by their
        待遇项目, 类别 and basis policy; a hit links to the basis policy's page."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import BenefitStandard
        from .selectors import public_standards, standard_paths

        return (
            SearchType(
                key="benefit_standard",
                label=_("待遇标准调整"),
                description=_("征地养老、失业保险金、工伤保险待遇、最低工资等待遇标准"),
                model=BenefitStandard,
                public=lambda site: public_standards(site),
                organizations=("department",),
                dates=("effective_from",),
                title=lambda standard: standard.search_title,
                text=lambda standard: standard.search_text,
                urls=standard_paths,
                title_fields=frozenset({"category", "scheme_label"}),
            ),
        )
