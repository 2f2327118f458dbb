"""How a domain declares its column in the site tree and how setup_cms prepares it.

A domain's AppConfig names its section and, if it needs one, a setup step::

    class PoliciesConfig(AppConfig):
        site_section = SiteSection(key="policies", model="policies.PolicyIndexPage", ...)

        def setup_cms(self, tree): ...   # groups, permissions, seed rows

``setup_cms`` (the command, the demo loader and the tests) creates the home page and
every declared section, then runs each app's step in INSTALLED_APPS order. Nothing
else lists the domains.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps


class Review:
    """Which review workflow a section's pages go through (see cms.review.setup)."""

    POLICY = "policy"  # 保密审查 → 公开属性审查 → 合法性审核 (规范性文件)
    GENERAL = "general"  # 保密审查 → 公开属性审查
    NONE = ""  # not a reviewed column (e.g. 网上咨询 answers are moderated, not pages)


class Editors:
    """Which departments' editors may draft in a section."""

    DRAFTING = "drafting"  # every drafting department, each its own pages
    OFFICE = "office"  # 办公室 only
    NONE = ""


@dataclass(frozen=True)
class SiteSection:
    key: str
    model: str  # "app_label.ModelName" of the section's index page
    title: str
    slug: str
    intro: str
    review: str = Review.NONE
    editors: str = Editors.NONE

    @property
    def model_class(self):
        return apps.get_model(self.model)


def declared_sections() -> list[SiteSection]:
    """Every section the installed domains declare, in INSTALLED_APPS order."""
    sections = [
        config.site_section
        for config in apps.get_app_configs()
        if getattr(config, "site_section", None) is not None
    ]
    keys = [section.key for section in sections]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"site sections declared twice: {sorted(duplicates)}")
    return sections


def setup_steps():
    """Each installed app's ``setup_cms(tree)`` step, in INSTALLED_APPS order."""
    return [
        config.setup_cms
        for config in apps.get_app_configs()
        if callable(getattr(config, "setup_cms", None))
    ]
