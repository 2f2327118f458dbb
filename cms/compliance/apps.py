from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "cms.compliance"
    label = "compliance"
    verbose_name = "网站检查指标"

    def compliance_indicators(self):
        """The inspection indicators this app measures itself (indicators.py);
        other apps declare theirs the same way (see registry.py)."""
        from .indicators import BUILTIN_INDICATORS

        return BUILTIN_INDICATORS
