"""Unpaid work's tables, one module per subject; import them from here."""

from unpaidwork.models.orders import (
    INDUCTION_TRANSITIONS,
    OPEN_STATUSES,
    ORDER_TRANSITIONS,
    EteReferral,
    Extension,
    Induction,
    InductionStatus,
    KnownTension,
    Placement,
    UnpaidWorkOrder,
    UnpaidWorkPolicy,
    UnpaidWorkStatus,
)
from unpaidwork.models.projects import (
    NOMINATION_TRANSITIONS,
    Nomination,
    NominationStatus,
    PlacementKind,
    Project,
    ProjectStatus,
    ProjectType,
)
from unpaidwork.models.sessions import OUTCOME_TRANSITIONS, Attendance, Outcome, ProjectSession

__all__ = [
    "INDUCTION_TRANSITIONS",
    "NOMINATION_TRANSITIONS",
    "OPEN_STATUSES",
    "ORDER_TRANSITIONS",
    "OUTCOME_TRANSITIONS",
    "Attendance",
    "EteReferral",
    "Extension",
    "Induction",
    "InductionStatus",
    "KnownTension",
    "Nomination",
    "NominationStatus",
    "Outcome",
    "Placement",
    "PlacementKind",
    "Project",
    "ProjectSession",
    "ProjectStatus",
    "ProjectType",
    "UnpaidWorkOrder",
    "UnpaidWorkPolicy",
    "UnpaidWorkStatus",
]
