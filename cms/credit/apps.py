from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "cms.credit"
    label = "credit"
    verbose_name = "双公示"

    def setup_cms(self, tree) -> None:
        from .setup import grant_credit_permissions

        grant_credit_permissions()

    def search_types(self):
        """Public 行政许可/行政处罚 decisions are records in the public search, found
        by their masked text only (search/registry.py)."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import CreditDecision
        from .selectors import public_decisions

        return (
            SearchType(
                key="credit_decision",
                label=_("双公示"),
                description=_("行政许可和行政处罚决定（自然人信息已脱敏）"),
                model=CreditDecision,
                public=lambda site: public_decisions(),
                dates=("decision_date",),
                title=lambda decision: (
                    f"{decision.get_kind_display()}决定 {decision.document_number}"
                    f" {decision.public_party_name}"
                ),
                text=lambda decision: (
                    f"{decision.public_content} {decision.public_decision_content}"
                ),
                # No column of the site lists them (yet): a hit has no path.
                urls=lambda decisions, site: {d.pk: None for d in decisions},
                title_fields=frozenset({"public_party_name", "document_number"}),
            ),
        )
