"""Writes to the assessment and the sentence plan (DOMAIN.md §4).

Both are versioned records (cases.models.VersionedRecord): every write says which
version it was made against, is refused with StaleVersionError if someone saved in the
meantime (nothing is changed), and bumps the version. Version 0 means "there is no
record yet": the first save creates it at version 1, and two people creating it at the
same time cannot both win.

Information requests themselves are written by cases.planning.information_requests (the
partner API answers them too); this module only brings their answers into the assessment.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.models import (
    OPEN_INFORMATION_REQUEST_STATUSES,
    Agency,
    Assessment,
    AssessmentStatus,
    Case,
    InformationRequest,
    NeedArea,
    PlanAction,
    PlanObjective,
    SentencePlan,
)
from cases.planning.information_requests import information_request_required
from crc.domain import DomainError, StaleVersionError
from crc.history import save_as, save_new_once, save_new_version

ASSESSMENT_FIELDS = (
    "offending_analysis",
    "victims",
    "risk_of_harm_analysis",
    "diversity_and_circumstances",
    "readiness_and_motivation",
    "strengths",
    "own_view",
    "other_agencies",
)
PLAN_FIELDS = (
    "own_words",
    "person_took_part",
    "constructive_measures",
    "restrictive_measures",
    "contingency_plan",
    "agency_links",
)

STALE_ASSESSMENT = (
    "Someone else saved this assessment while you were editing it. Their version is shown "
    "below; your text is kept in the boxes. Check theirs, keep what you need and save again."
)
STALE_PLAN = (
    "Someone else saved this sentence plan while you were editing it. Their version is shown "
    "below; your text is kept in the boxes. Check theirs, keep what you need and save again."
)

ASK_FIRST = {
    Agency.POLICE: "Ask the police about domestic abuse call-outs first",
    Agency.CHILDRENS_SOCIAL_CARE: "Ask children's social care for a safeguarding check first",
}


def _locked(model, case: Case, version: int, stale_message: str):
    """The case's row locked for update, checked against the version the user read.
    None when there is no row yet and the user read "no row" (version 0)."""
    row = model.objects.select_for_update().filter(case=case).first()
    current = row.version if row else 0
    if version != current:
        raise StaleVersionError(stale_message)
    return row


def _create(model, case: Case, by, stale_message: str, **fields: Any):
    # The unique case key refuses a second creator: their form was opened on no record.
    return save_new_once(
        model(case=case, version=1, updated_by=by, **fields),
        by,
        refused=StaleVersionError(stale_message),
    )


# --- Assessment ------------------------------------------------------------------------


def _sections_save(model, case: Case, by, version: int, stale: str, cleaned: dict):
    """Write the given sections of the case's one assessment or plan: created at the
    first save, otherwise locked, checked against the version the page was read at,
    updated and its version moved on."""
    record = _locked(model, case, version, stale)
    if record is None:
        return _create(model, case, by, stale, **cleaned)
    for name, value in cleaned.items():
        setattr(record, name, value)
    return save_new_version(record, by)


@transaction.atomic
def assessment_save(*, case: Case, by, version: int, **fields: Any) -> Assessment:
    """Save the sections given; sections not given are left as they are."""
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not assessment sections: {', '.join(sorted(unknown))}")
    cleaned = {name: (value or "").strip() for name, value in fields.items()}
    return _sections_save(Assessment, case, by, version, STALE_ASSESSMENT, cleaned)


def open_requests(case: Case) -> list[InformationRequest]:
    return list(
        case.information_requests.filter(status__in=OPEN_INFORMATION_REQUEST_STATUSES)
        .select_related("partner_organisation")
        .order_by("sent_on", "id")
    )


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by, version: int) -> Assessment:
    """Mark the assessment complete.

    Refused without a risk of harm analysis, and while the police or children's social
    care have not been asked when the registrations say they must be (the inspectors
    found other agencies' information missing in half the cases). Requests that have
    been sent but not answered do not block completion: agencies can take weeks and the
    plan cannot wait. The view lists them, they stay on the tab, and the answer is
    brought in when it arrives.
    """
    case = assessment.case
    assessment = _locked(Assessment, case, version, STALE_ASSESSMENT)
    if assessment is None:
        raise StaleVersionError(STALE_ASSESSMENT)
    if assessment.status == AssessmentStatus.COMPLETE:
        raise DomainError("This assessment is already complete")
    if not assessment.risk_of_harm_analysis.strip():
        raise DomainError(
            "Write the risk of harm analysis before completing the assessment",
            field="risk_of_harm_analysis",
        )
    needed = information_request_required(case)
    if needed:
        raise DomainError("; ".join(ASK_FIRST[agency] for agency in needed))
    assessment.status = AssessmentStatus.COMPLETE
    assessment.completed_at = timezone.now()
    assessment.completed_by = by
    return save_new_version(assessment, by)


def answer_heading(request: InformationRequest) -> str:
    """The line that introduces an answer in the assessment; also how a second "bring in"
    recognises an answer that is already there."""
    who = request.get_agency_display()
    if request.partner_organisation_id:
        who = f"{who} ({request.partner_organisation.name})"
    answered = timezone.localtime(request.answered_at).date() if request.answered_at else None
    when = f"{answered:%d %B %Y}".lstrip("0") if answered else "date not recorded"
    return f"{who}, answered {when} (request {request.pk}):"


def answers_not_brought_in(case: Case, assessment: Assessment | None) -> list[InformationRequest]:
    text = assessment.other_agencies if assessment else ""
    answered = (
        case.information_requests.filter(status="answered")
        .select_related("partner_organisation")
        .order_by("answered_at", "id")
    )
    return [r for r in answered if answer_heading(r) not in text]


@transaction.atomic
def assessment_bring_in_answers(*, case: Case, by, version: int) -> Assessment:
    """Append answered requests (agency, date, answer) to "information from other
    agencies", each once, with the same version check as any other save."""
    current = Assessment.objects.select_for_update().filter(case=case).first()
    new = answers_not_brought_in(case, current)
    if not new:
        raise DomainError("There are no answers to bring in")
    blocks = [f"{answer_heading(r)}\n{r.answer}" for r in new]
    existing = current.other_agencies if current else ""
    text = "\n\n".join([existing, *blocks] if existing else blocks)
    return assessment_save(case=case, by=by, version=version, other_agencies=text)


# --- Sentence plan ------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, case: Case, by, version: int, **fields: Any) -> SentencePlan:
    """Save the plan-level fields: the person's own words and the risk management plan."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Not plan fields: {', '.join(sorted(unknown))}")
    cleaned = {
        name: value if name == "person_took_part" else (value or "").strip()
        for name, value in fields.items()
    }
    return _sections_save(SentencePlan, case, by, version, STALE_PLAN, cleaned)


def _plan_for_change(case: Case, by, version: int | None) -> SentencePlan:
    """The plan locked (created if there is none), its version bumped so that anyone
    editing the plan-level fields from an older page is told something changed.
    Adding to a plan is not an overwrite, so `version=None` skips the check."""
    if version is not None:
        plan = _locked(SentencePlan, case, version, STALE_PLAN)
    else:
        plan = SentencePlan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        return _create(SentencePlan, case, by, STALE_PLAN)
    return save_new_version(plan, by, update_fields=["version", "updated_by", "updated_at"])


@transaction.atomic
def plan_objective_add(
    *,
    case: Case,
    by,
    description: str,
    need: str = "",
    addresses_risk_of_harm: bool = False,
    version: int | None = None,
) -> PlanObjective:
    if not description.strip():
        raise DomainError("Describe the objective", field="description")
    if need and need not in NeedArea.values:
        raise DomainError("Choose a need from the list", field="need")
    if not need and not addresses_risk_of_harm:
        # An objective tied to nothing is the plan the inspectors could not follow.
        raise DomainError(
            "Say which need the objective addresses, or that it addresses risk of harm",
            field="need",
        )
    plan = _plan_for_change(case, by, version)
    position = plan.objectives.count() + 1
    objective = PlanObjective(
        plan=plan,
        description=description.strip(),
        need=need,
        addresses_risk_of_harm=addresses_risk_of_harm,
        position=position,
    )
    return save_as(objective, by)


@transaction.atomic
def plan_action_add(
    *,
    objective: PlanObjective,
    by,
    description: str,
    owner: str,
    due_on: dt.date | None = None,
    version: int | None = None,
) -> PlanAction:
    if not description.strip():
        raise DomainError("Describe the action", field="description")
    if not owner.strip():
        raise DomainError("Say who does it", field="owner")
    _plan_for_change(objective.plan.case, by, version)
    action = PlanAction(
        objective=objective, description=description.strip(), owner=owner.strip(), due_on=due_on
    )
    return save_as(action, by)


@transaction.atomic
def plan_action_complete(
    *, action: PlanAction, by, done_on: dt.date | None = None, version: int | None = None
) -> PlanAction:
    action = (
        PlanAction.objects.select_for_update()
        .select_related("objective__plan__case")
        .get(pk=action.pk)
    )
    if action.done_on is not None:
        raise DomainError("This action is already done")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise DomainError("The date it was done must be today or in the past", field="done_on")
    _plan_for_change(action.objective.plan.case, by, version)
    action.done_on = done_on
    return save_as(action, by, update_fields=["done_on"])
