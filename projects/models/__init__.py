from .changes import APICacheGeneration, ChangeAction, ContentChange
from .inlines import (
    ProjectCoordinator,
    ProjectFunding,
    ProjectPartner,
    ProjectSourceNote,
    ReportGoal,
    ReportModerator,
    ReportOrganiser,
    ReportOutcome,
    ReportParticipant,
    ReportSourceNote,
    SourceNoteKind,
)
from .pages import (
    EventKind,
    EventReportIndexPage,
    EventReportPage,
    FundingProgramIndexPage,
    FundingProgramPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectStatus,
)
from .preview import PreviewDraft, PreviewTarget
from .search import SearchDocument
from .snapshots import PageAPISnapshot, PageAPISnapshotDependency
from .snippets import Office, Organisation, OrganisationKind, Person
from .translation_states import StoredTranslationState, TranslationState
from .webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription

__all__ = [
    "PreviewDraft",
    "PreviewTarget",
    "DeliveryStatus",
    "WebhookDelivery",
    "WebhookSubscription",
    "APICacheGeneration",
    "ChangeAction",
    "ContentChange",
    "EventKind",
    "EventReportIndexPage",
    "EventReportPage",
    "FundingProgramIndexPage",
    "FundingProgramPage",
    "Office",
    "Organisation",
    "OrganisationKind",
    "PageAPISnapshot",
    "PageAPISnapshotDependency",
    "Person",
    "ProjectCoordinator",
    "ProjectFunding",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectSourceNote",
    "ProjectStatus",
    "ReportGoal",
    "ReportModerator",
    "ReportOrganiser",
    "ReportOutcome",
    "ReportParticipant",
    "ReportSourceNote",
    "SearchDocument",
    "SourceNoteKind",
    "StoredTranslationState",
    "TranslationState",
]
