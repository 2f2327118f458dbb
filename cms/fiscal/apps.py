from django.apps import AppConfig

EDITOR_PERMISSIONS = (
    "add_fiscaldisclosure",
    "change_fiscaldisclosure",
    "delete_fiscaldisclosure",
    "view_fiscaldisclosure",
)


class FiscalConfig(AppConfig):
    name = "cms.fiscal"
    label = "fiscal"
    verbose_name = "财政信息"
    default_auto_field = "django.db.models.BigAutoField"

    def setup_cms(self, tree) -> None:
        """Each department's editors keep the fiscal disclosures of their department."""
        from cms.review.records import grant_to_editors

        grant_to_editors(self.label, EDITOR_PERMISSIONS)

    def search_types(self):
        """Public disclosures are records in the public search, found by their
        title, kind, department and the names of their key figures
        (search/registry.py)."""
        from django.db.models import Prefetch
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import FiscalDisclosure, FiscalFigure
        from .selectors import public_disclosures

        def public(site):
            return (
                public_disclosures()
                .select_related("department")
                .prefetch_related(
                    Prefetch(
                        "figures",
                        queryset=FiscalFigure.objects.order_by("sort_order", "pk"),
                    )
                )
            )

        return (
            SearchType(
                key="fiscal_disclosure",
                label=_("财政信息"),
                description=_("部门预算、部门决算、绩效自评和重点项目绩效评价"),
                model=FiscalDisclosure,
                public=public,
                organizations=("department",),
                dates=("disclosed_on",),
                title=lambda disclosure: disclosure.title,
                text=lambda disclosure: (
                    f"{disclosure.year}年度{disclosure.kind_label()}"
                    f" 批复日期 {disclosure.approval_date:%Y-%m-%d}"
                    f" {disclosure.figures_text()}"
                ),
                # No column of the site lists them (yet): a hit has no path.
                urls=lambda disclosures, site: {d.pk: None for d in disclosures},
                title_fields=frozenset({"title"}),
            ),
        )
