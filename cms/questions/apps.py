from django.apps import AppConfig

from cms.home.sections import Editors, Review, SiteSection


class QuestionsConfig(AppConfig):
    name = "cms.questions"
    label = "questions"
    verbose_name = "网上咨询"

    site_section = SiteSection(
        key="questions",
        model="questions.QuestionIndexPage",
        title="网上咨询",
        slug="zixun",
        intro="就业创业、社会保险、劳动关系等人社业务咨询，工作人员在 5 个工作日内答复。",
        review=Review.NONE,
        editors=Editors.NONE,
    )

    def search_types(self):
        """The published Q&As (选登) are records in the public search, not pages
        (search/registry.py): found by their 选登 text and answer only."""
        from django.utils.translation import gettext_lazy as _

        from search.registry import SearchType

        from .models import Question
        from .selectors import published_question_paths, published_questions

        return (
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
                urls=published_question_paths,
                title_fields=frozenset({"published_title"}),
            ),
        )
