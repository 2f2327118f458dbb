"""A domain declares itself; forgetting a declaration fails here, not silently."""

from __future__ import annotations

import ast
import pathlib

import pytest
from wagtail.models import Page, WorkflowPage, get_page_models

from cms.home.models import HomePage
from cms.home.sections import Review, declared_sections
from cms.review.setup import GENERAL_WORKFLOW, POLICY_WORKFLOW

ROOT = pathlib.Path(__file__).resolve().parents[2]
# What review may build on: itself, the site it sets up, and the organizations.
REVIEW_MAY_IMPORT = (
    "cms.review",
    "cms.home.sections",
    "cms.home.site_tree",
    "cms.taxonomy",
)


def test_every_column_under_home_is_a_declared_section():
    declared = {section.model_class for section in declared_sections()}
    columns = {
        model
        for model in get_page_models()
        if model is not HomePage
        and model is not Page
        and HomePage in model.allowed_parent_page_models()
        and HomePage.creatable_subpage_models().count(model)
    }
    assert columns, "no page type may be placed under the home page"
    assert columns <= declared, (
        "declare these columns in their app's AppConfig.site_section: "
        f"{sorted(m.__name__ for m in columns - declared)}"
    )


def test_review_imports_no_content_domain():
    offending = []
    for path in sorted((ROOT / "cms" / "review").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("cms.") and not name.startswith(REVIEW_MAY_IMPORT):
                    offending.append(f"{path.relative_to(ROOT)}: {name}")
    assert offending == []


@pytest.mark.django_db
def test_setup_follows_the_declarations_and_is_idempotent(site_tree):
    from cms.home.setup import setup_cms

    again = setup_cms()
    for section, page in site_tree.sections():
        assert getattr(again, section.key).pk == page.pk
        assert page.title == section.title and page.slug == section.slug
        workflow = (
            WorkflowPage.objects.filter(page=page)
            .values_list("workflow__name", flat=True)
            .first()
        )
        expected = {
            Review.POLICY: POLICY_WORKFLOW,
            Review.GENERAL: GENERAL_WORKFLOW,
            Review.NONE: None,
        }[section.review]
        assert workflow == expected, section.key
    assert Page.objects.child_of(site_tree.home).count() == len(declared_sections())
