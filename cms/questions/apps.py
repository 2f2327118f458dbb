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
