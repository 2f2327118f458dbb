"""征求意见, 意见采纳情况 and 重大行政决策."""

from api.domain import Domain, Watch

from .decisions import TYPES as DECISION_TYPES
from .mutations import ConsultationMutations
from .queries import ConsultationQueries
from .types import TYPES

DOMAIN = Domain(
    name="consultations",
    queries=(ConsultationQueries,),
    mutations=(ConsultationMutations,),
    types=(*TYPES, *DECISION_TYPES),
    watches=(
        # A new comment waits for moderation and changes no response, so a busy
        # consultation does not empty the cache with every submission.
        Watch(
            "consultations.ConsultationComment",
            public_when={"moderation_status": frozenset({"approved"})},
        ),
        Watch("consultations.DecisionMeeting"),
        Watch("consultations.MeetingAttendee"),
        Watch("consultations.RepresentativeSuggestion"),
    ),
)
