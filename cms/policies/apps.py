from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class PoliciesConfig(AppConfig):
    name = "cms.policies"
    label = "policies"
    verbose_name = "政策文件"

    site_section = SiteSection(
        key="policies",
        model="policies.PolicyIndexPage",
        title="政策文件库",
        slug="zhengce",
        intro="本局及上级机关发布的政策文件，按主题、机构、有效性查阅。",
        review=Review.POLICY,
        editors=Editors.DRAFTING,
    )
