"""Where each page type may be created, as the admin enforces it."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page

from cms.consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    MajorDecisionCatalogPage,
)
from cms.events.models import EventIndexPage, OpenEventPage
from cms.home.models import HomePage
from cms.interpretations.models import InterpretationIndexPage, InterpretationPage
from cms.policies.models import PolicyIndexPage, PolicyPage
from cms.questions.models import QuestionIndexPage
from cms.releases.models import IntegratedReleasePage, ReleaseIndexPage

from .helpers import AdminTestCase

INDEX_PAGES = (
    PolicyIndexPage,
    InterpretationIndexPage,
    ReleaseIndexPage,
    EventIndexPage,
    ConsultationIndexPage,
    QuestionIndexPage,
)
CHILD_OF = {
    PolicyIndexPage: PolicyPage,
    InterpretationIndexPage: InterpretationPage,
    ReleaseIndexPage: IntegratedReleasePage,
    EventIndexPage: OpenEventPage,
}
ALL_PAGE_TYPES = (HomePage, *INDEX_PAGES, *CHILD_OF.values())


class PageTreeRulesTest(AdminTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, set(INDEX_PAGES))

    def test_each_section_sits_under_a_home_page_and_holds_its_own_pages(self):
        for index_page, child in CHILD_OF.items():
            with self.subTest(index_page=index_page.__name__):
                self.assertAllowedParentPageTypes(index_page, {HomePage})
                self.assertAllowedSubpageTypes(index_page, {child})
                self.assertAllowedParentPageTypes(child, {index_page})
                for other_index in INDEX_PAGES:
                    if other_index is not index_page:
                        self.assertCanNotCreateAt(other_index, child)
                self.assertCanNotCreateAt(HomePage, child)
                self.assertCanNotCreateAt(Page, child)
                self.assertCanNotCreateAt(index_page, index_page)

    def test_participation_sections_hold_their_own_pages(self):
        self.assertAllowedSubpageTypes(
            ConsultationIndexPage, {ConsultationPage, MajorDecisionCatalogPage}
        )
        self.assertAllowedSubpageTypes(QuestionIndexPage, set())
        for child in (ConsultationPage, MajorDecisionCatalogPage):
            self.assertCanNotCreateAt(HomePage, child)
            self.assertCanNotCreateAt(PolicyIndexPage, child)

    def test_content_pages_allow_no_subpages(self):
        for child in CHILD_OF.values():
            with self.subTest(page_type=child.__name__):
                self.assertAllowedSubpageTypes(child, set())
                for page_type in ALL_PAGE_TYPES:
                    self.assertCanNotCreateAt(child, page_type)

    def test_at_most_one_of_each_section_under_a_home_page(self):
        home = self.tree.home
        for index_page in INDEX_PAGES:
            with self.subTest(index_page=index_page.__name__):
                self.assertFalse(index_page.can_create_at(home))
                response = self.client.get(self.add_url(index_page, home))
                self.assertRedirects(response, reverse("wagtailadmin_home"))
        # With every section present, the admin has nothing to offer under the home page.
        response = self.client.get(
            reverse("wagtailadmin_pages:add_subpage", args=[home.pk])
        )
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    def test_a_removed_section_can_be_added_again_once(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
        home = self.tree.home
        response = self.client.post(
            reverse("wagtailadmin_pages:delete", args=[self.tree.events.pk])
        )
        self.assertRedirects(response, reverse("wagtailadmin_explore", args=[home.pk]))
        self.assertFalse(EventIndexPage.objects.exists())

        self.assertTrue(EventIndexPage.can_create_at(home))
        self.assertCanCreate(
            home,
            EventIndexPage,
            {"title": "政府开放", "slug": "kaifang", "intro": "政府开放月活动安排。"},
            publish=False,
        )
        self.assertFalse(EventIndexPage.can_create_at(home))
