"""网上咨询: questions, the asker's own progress, and the published Q&As (选登)."""

from api.domain import Domain, Watch

from .mutations import QuestionMutations
from .queries import QuestionQueries
from .types import TYPES

DOMAIN = Domain(
    name="questions",
    queries=(QuestionQueries,),
    mutations=(QuestionMutations,),
    types=TYPES,
    # publishedQuestions shows a question once it is answered, consented and selected
    # (cms.questions.selectors.published_questions).
    watches=(
        Watch(
            "questions.Question",
            public_when={
                "is_published": frozenset({True}),
                "consent_to_publish": frozenset({True}),
                "status": frozenset({"answered"}),
            },
        ),
    ),
)
