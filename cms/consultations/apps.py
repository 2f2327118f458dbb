from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class ConsultationsConfig(AppConfig):
    name = "cms.consultations"
    label = "consultations"
    verbose_name = "征求意见与重大行政决策"

    site_section = SiteSection(
        key="consultations",
        model="consultations.ConsultationIndexPage",
        title="公众参与",
        slug="canyu",
        intro="政策文件和重大行政决策草案公开征求意见，公布意见采纳情况和重大行政决策事项目录。",
        review=Review.GENERAL,
        editors=Editors.DRAFTING,
    )

    def setup_cms(self, tree) -> None:
        from .setup import grant_consultation_permissions

        grant_consultation_permissions()

    def search_types(self):
        """Consultations and major decisions are found as other pages
        (search/registry.py)."""
        from search.registry import other_page

        from .models import (
            ConsultationPage,
            MajorDecisionCatalogPage,
            MajorDecisionPage,
        )

        return tuple(
            other_page(model)
            for model in (ConsultationPage, MajorDecisionCatalogPage, MajorDecisionPage)
        )
