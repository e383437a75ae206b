"""factory-boy factories for every model, one module per part of the project.

`from tests.factories import CaseFactory` works for all of them. Models are imported
through each app's `models` module only, so moving a model between files inside an
app changes nothing here.
"""

from tests.factories.organisation import (
    PASSWORD,
    AreaFactory,
    OfficeFactory,
    PartnerOrganisationFactory,
    StaffFactory,
    TeamFactory,
)
from tests.factories.platform import (
    AccessLogFactory,
    ApplicationFactory,
    IdempotencyRecordFactory,
    NotificationFactory,
    OutboxMessageFactory,
    PartnerApplicationFactory,
)
from tests.factories.record import (
    AllocationFactory,
    CaseAccessEntryFactory,
    CaseFactory,
    ContactLevelDecisionFactory,
    CriminogenicNeedFactory,
    DeadlinePolicyFactory,
    EscalationFactory,
    GridRuleFactory,
    InterventionSuggestionFactory,
    LicenceConditionFactory,
    OrderFactory,
    RegistrationFactory,
    RegistrationPolicyFactory,
    RequirementFactory,
    ServiceCentreTaskFactory,
)
from tests.factories.supervision import (
    AppointmentFactory,
    AssessmentFactory,
    ContactFactory,
    EnforcementActionFactory,
    InformationRequestFactory,
    OversightEntryFactory,
    PlanActionFactory,
    PlanObjectiveFactory,
    ReviewFactory,
    SentencePlanFactory,
    SignificantChangeFactory,
)

__all__ = [
    "PASSWORD",
    "AccessLogFactory",
    "AllocationFactory",
    "ApplicationFactory",
    "AppointmentFactory",
    "AreaFactory",
    "AssessmentFactory",
    "CaseAccessEntryFactory",
    "CaseFactory",
    "ContactFactory",
    "ContactLevelDecisionFactory",
    "CriminogenicNeedFactory",
    "DeadlinePolicyFactory",
    "EnforcementActionFactory",
    "EscalationFactory",
    "GridRuleFactory",
    "IdempotencyRecordFactory",
    "InformationRequestFactory",
    "InterventionSuggestionFactory",
    "LicenceConditionFactory",
    "NotificationFactory",
    "OfficeFactory",
    "OrderFactory",
    "OutboxMessageFactory",
    "OversightEntryFactory",
    "PartnerApplicationFactory",
    "PartnerOrganisationFactory",
    "PlanActionFactory",
    "PlanObjectiveFactory",
    "RegistrationFactory",
    "RegistrationPolicyFactory",
    "RequirementFactory",
    "ReviewFactory",
    "SentencePlanFactory",
    "ServiceCentreTaskFactory",
    "SignificantChangeFactory",
    "StaffFactory",
    "TeamFactory",
]
