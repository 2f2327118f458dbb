"""网上咨询 in the public search: the published Q&As (选登) are records, not pages
(registry: search/registry.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.home.selectors import public_pages
from search.registry import SearchType, other_page, register

from .models import Question, QuestionIndexPage
from .selectors import published_questions


def question_urls(questions: Sequence[Question], site: Site) -> dict[int, str | None]:
    """The 网上咨询 column of ``site`` with the Q&A's anchor (#question-12); None
    when the site has no public column."""
    column = public_pages(site, model=QuestionIndexPage).first()
    parts = column.get_url_parts() if column is not None else None
    if not parts or parts[2] is None:
        return {question.pk: None for question in questions}
    return {question.pk: f"{parts[2]}#question-{question.pk}" for question in questions}


register(
    SearchType(
        key="question",
        label=_("网上咨询"),
        description=_("选登的网上咨询及答复"),
        model=Question,
        public=lambda site: published_questions(),
        topics=("topic",),
        organizations=("department",),
        dates=("published_at", "answered_at"),
        title=lambda question: question.published_title,
        text=lambda question: f"{question.published_content} {question.answer}",
        urls=question_urls,
        title_fields=frozenset({"published_title"}),
    )
)
register(other_page(QuestionIndexPage))
