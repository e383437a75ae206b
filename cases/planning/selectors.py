"""Reads for the "Assessment and plan" tab, in a fixed number of queries however many
requests, objectives and actions the case has."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from cases.models import (
    OPEN_INFORMATION_REQUEST_STATUSES,
    Agency,
    Assessment,
    Case,
    InformationRequest,
    PlanAction,
    PlanObjective,
    RoshLevel,
    SentencePlan,
)
from cases.planning.information_requests import (
    information_request_required,
    information_request_send_due,
)
from cases.planning.services import answer_heading
from crc.organisation.models import PartnerOrganisation

# What the prompt asks each agency, and the question the new-request form starts with.
PROMPTS = {
    Agency.POLICE: (
        "Domestic abuse is registered: ask the police about call-outs and intelligence",
        "Please share any domestic abuse call-outs to the address or involving this person "
        "in the last 2 years, and any current intelligence relevant to risk of harm.",
    ),
    Agency.CHILDRENS_SOCIAL_CARE: (
        "A child concern is registered: ask children's social care for a safeguarding check",
        "Please tell us whether this person, or any child in their household, is known to "
        "children's social care, and about any current plans or concerns.",
    ),
}

RISK_PLAN_PARTS = {
    "constructive_measures": "constructive measures",
    "restrictive_measures": "restrictive measures",
    "contingency_plan": "a contingency plan",
    "agency_links": "links with other agencies",
}


@dataclass
class RequestRow:
    request: InformationRequest
    chase_overdue: bool
    escalate_overdue: bool


@dataclass
class AssessmentPage:
    assessment: Assessment | None
    requests: list[RequestRow]
    required: list[dict]
    answers_to_bring_in: int
    plan: SentencePlan | None
    objectives: list[PlanObjective]
    plan_warnings: list[str] = field(default_factory=list)


def request_tag(request: InformationRequest, today: dt.date) -> tuple[str, str]:
    """Status text and GOV.UK tag colour."""
    if request.status in OPEN_INFORMATION_REQUEST_STATUSES:
        if request.status != "escalated" and today > request.escalate_due_on:
            return "Overdue: escalate", "red"
        if request.status == "sent" and today > request.chase_due_on:
            return "Overdue: chase", "orange"
    colour = {
        "sent": "blue",
        "chased": "yellow",
        "escalated": "red",
        "answered": "green",
        "withdrawn": "grey",
    }[request.status]
    return request.get_status_display(), colour


def _needs_risk_focus(case: Case) -> bool:
    risky = {RoshLevel.MEDIUM, RoshLevel.HIGH, RoshLevel.VERY_HIGH}
    registrations = getattr(case, "active_registrations", None)
    if registrations is None:
        registrations = list(case.registrations.filter(ended_on__isnull=True))
    return case.rosh_overall in risky or bool(registrations)


def plan_warnings(case: Case, plan: SentencePlan | None, objectives: list) -> list[str]:
    """What the plan lacks when the case has risk of harm to manage (medium RoSH or
    above, or any registration): the inspectors found planning to keep people safe
    missing in half the cases."""
    if not _needs_risk_focus(case):
        return []
    warnings = []
    if not any(o.addresses_risk_of_harm for o in objectives):
        warnings.append("The plan has no objective that addresses risk of harm.")
    missing = [text for name, text in RISK_PLAN_PARTS.items() if not getattr(plan, name, "")]
    if len(missing) == len(RISK_PLAN_PARTS):
        warnings.append("The risk management plan is empty.")
    elif missing:
        warnings.append(f"The risk management plan has no {', no '.join(missing)}.")
    return warnings


def assessment_page(case: Case) -> AssessmentPage:
    today = timezone.localdate()
    assessment = (
        Assessment.objects.filter(case=case).select_related("updated_by", "completed_by").first()
    )
    requests = list(
        case.information_requests.select_related(
            "partner_organisation", "requested_by", "answered_by_staff"
        )
    )
    plan = SentencePlan.objects.filter(case=case).select_related("updated_by").first()
    objectives = []
    if plan is not None:
        objectives = list(
            plan.objectives.prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.order_by("due_on", "id"))
            )
        )
    text = assessment.other_agencies if assessment else ""
    answers_to_bring_in = sum(
        1 for r in requests if r.status == "answered" and answer_heading(r) not in text
    )
    rows = []
    for request in requests:
        request.tag_text, request.tag_colour = request_tag(request, today)
        rows.append(
            RequestRow(
                request=request,
                chase_overdue=request.status == "sent" and today > request.chase_due_on,
                escalate_overdue=request.is_open
                and request.status != "escalated"
                and today > request.escalate_due_on,
            )
        )
    needed = information_request_required(case)
    send_by = information_request_send_due(case) if needed else None
    required = [
        {
            "agency": agency,
            "text": PROMPTS[agency][0],
            "label": Agency(agency).label,
            "send_by": send_by,
            "overdue": send_by is not None and today > send_by,
        }
        for agency in needed
    ]
    return AssessmentPage(
        assessment=assessment,
        requests=rows,
        required=required,
        answers_to_bring_in=answers_to_bring_in,
        plan=plan,
        objectives=objectives,
        plan_warnings=plan_warnings(case, plan, objectives),
    )


def partners_for(agency: str):
    """Active partner organisations of the agency's type, for the request form."""
    return PartnerOrganisation.objects.filter(partner_type=agency, active=True).order_by("name")
