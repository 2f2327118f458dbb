"""The page tree every installation has: a home page and its sections."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, SiteSettings
from .sections import SiteSection, declared_sections


class SiteTree:
    """The home page and each declared section's index page, by section key."""

    def __init__(self, home: HomePage, sections: dict[str, tuple[SiteSection, Page]]):
        self.home = home
        self._sections = sections

    def __getattr__(self, key: str) -> Page:
        try:
            return self.__dict__["_sections"][key][1]
        except KeyError:
            raise AttributeError(key) from None

    def sections(self) -> list[tuple[SiteSection, Page]]:
        return list(self._sections.values())

    def pages_for(self, *, review: str | None = None, editors: str | None = None):
        return [
            page
            for section, page in self._sections.values()
            if (review is None or section.review == review)
            and (editors is None or section.editors == editors)
        ]


def _child(parent: Page, model, title: str, slug: str, intro: str):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_tree(*, hostname: str = "127.0.0.1", port: int = 8000) -> SiteTree:
    """Create the home page and sections once; later calls return what exists."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations leave a placeholder welcome page; it makes way for ours.
        for placeholder in root.get_children().filter(slug="home"):
            if (
                placeholder.specific_class is Page
                and not placeholder.get_children().exists()
            ):
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        root.refresh_from_db()
        home = HomePage(
            title="闵行区人力资源和社会保障局政务公开",
            slug="home",
            intro="依法、及时、准确公开人力资源和社会保障政府信息。",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if not Site.objects.filter(is_default_site=True).exists():
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="闵行区人力资源和社会保障局",
            )
    site = Site.objects.filter(root_page=home).first()
    if site is not None:
        SiteSettings.for_site(site)
    sections = {
        section.key: (
            section,
            _child(
                home, section.model_class, section.title, section.slug, section.intro
            ),
        )
        for section in declared_sections()
    }
    return SiteTree(home, sections)
