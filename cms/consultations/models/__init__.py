"""Models of consultations (征求意见) and major administrative decisions (重大行政决策)."""

from .choices import (
    CommenterType,
    ConsultationStatus,
    Decision,
    DecisionStage,
    DraftKind,
    EnterpriseSize,
    FollowUpStatus,
    Industry,
    MeetingKind,
    ModerationStatus,
    RepresentativeCategory,
)
from .comments import ConsultationComment
from .consultations import (
    ConsultationAttachment,
    ConsultationIndexPage,
    ConsultationPage,
)
from .decisions import (
    DecisionMeeting,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
    MeetingAttendee,
    RepresentativeSuggestion,
)

__all__ = [
    "CommenterType",
    "ConsultationAttachment",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "Decision",
    "DecisionMeeting",
    "DecisionStage",
    "DraftKind",
    "EnterpriseSize",
    "FollowUpStatus",
    "Industry",
    "MajorDecisionCatalogPage",
    "MajorDecisionPage",
    "MeetingAttendee",
    "MeetingKind",
    "ModerationStatus",
    "RepresentativeCategory",
    "RepresentativeSuggestion",
]
