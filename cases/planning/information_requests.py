"""Information requests to the police and children's social care (DOMAIN.md §4):
raised, answered (by an officer or through the partner API), chased, escalated,
withdrawn."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from cases.deadlines import deadline_working_days
from cases.models import Agency, Allocation, Case, InformationRequest
from cases.notify import CaseNotice, case_notify, case_notify_many, spos_by_team, spos_for
from crc.domain import DomainError
from crc.history import save_as
from crc.workingdays import add_working_days


def _today() -> dt.date:
    return timezone.localdate()


# --- Information requests to the police and children's social care -----------------------


def information_request_required(case: Case) -> list[str]:
    """Agencies whose information the assessment needs and has not asked for: police for
    domestic abuse, children's social care for child concerns (DOMAIN.md §4)."""
    active = set(
        case.registrations.filter(ended_on__isnull=True).values_list("registration_type", flat=True)
    )
    asked = set(
        case.information_requests.exclude(status="withdrawn").values_list("agency", flat=True)
    )
    needed = []
    if "domestic_abuse" in active and Agency.POLICE not in asked:
        needed.append(Agency.POLICE)
    child_flags = {"child_concerns", "child_protection", "risk_to_children"}
    if active & child_flags and Agency.CHILDRENS_SOCIAL_CARE not in asked:
        needed.append(Agency.CHILDRENS_SOCIAL_CARE)
    return needed


def information_request_send_due(case: Case) -> dt.date | None:
    """When the requests the case needs are due: the policy's working days after the
    current allocation started (DeadlinePolicy "information-request-send"). None for an
    unallocated case, whose clock has not started."""
    allocation = (
        Allocation.objects.filter(case=case, ended_at__isnull=True).order_by("-started_at").first()
    )
    if allocation is None:
        return None
    return add_working_days(
        timezone.localtime(allocation.started_at).date(),
        deadline_working_days("information-request-send"),
    )


def information_request_deadlines() -> dict[str, int]:
    """The working days a request has before a chase and before it goes to the SPO."""
    return {
        "chase_days": deadline_working_days("information-request-chase"),
        "escalate_days": deadline_working_days("information-request-escalate"),
    }


@transaction.atomic
def information_request_raise(
    *, case: Case, by, agency: str, question: str, partner_organisation=None
) -> InformationRequest:
    if not question.strip():
        raise DomainError("Say what you need to know", field="question")
    if partner_organisation is not None and partner_organisation.partner_type != agency:
        raise DomainError(
            "That organisation is not of the agency type chosen", field="partner_organisation"
        )
    sent = _today()
    request = InformationRequest(
        case=case,
        agency=agency,
        partner_organisation=partner_organisation,
        question=question.strip(),
        sent_on=sent,
        chase_due_on=add_working_days(sent, deadline_working_days("information-request-chase")),
        escalate_due_on=add_working_days(
            sent, deadline_working_days("information-request-escalate")
        ),
        requested_by=by,
    )
    save_as(request, by, clean=True)
    return request


@transaction.atomic
def information_request_answer(
    *, request: InformationRequest, answer: str, by=None, partner_person: str = ""
) -> InformationRequest:
    """Record the answer (by staff who received it another way, or by the partner through
    the API), mark the request answered and tell the officer."""
    request = (
        InformationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    )
    if not request.is_open:
        raise DomainError(f"This request is already {request.get_status_display().lower()}")
    if not answer.strip():
        raise DomainError("Enter the answer", field="answer")
    request.answer = answer.strip()
    request.status = "answered"
    request.answered_at = timezone.now()
    request.answered_by_staff = by
    request.answered_by_partner = partner_person[:200]
    save_as(request, by)
    case = request.case
    who = str(by) if by else f"{request.partner_organisation or request.get_agency_display()}"
    case_notify(
        case=case,
        people=[case.responsible_officer],
        subject=f"Information request answered: {case.crn}",
        body=(
            f"{who} answered the {request.get_agency_display().lower()} information request "
            f"for {case.crn}."
        ),
        tab="assessment/",
        category="information_request",
        dedupe_key=f"information-request:{request.pk}:answered",
    )
    return request


@transaction.atomic
def information_request_chase(*, request: InformationRequest, by=None) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != "sent":
        raise DomainError("Only a request that has been sent and not chased can be chased")
    request.status = "chased"
    request.chased_on = _today()
    return save_as(request, by, update_fields=["status", "chased_on", "updated_at"])


@transaction.atomic
def information_request_escalate(*, request: InformationRequest, by=None) -> InformationRequest:
    request = (
        InformationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    )
    if request.status not in ("sent", "chased"):
        raise DomainError("Only an unanswered request can be escalated")
    request.status = "escalated"
    request.escalated_on = _today()
    save_as(request, by, update_fields=["status", "escalated_on", "updated_at"])
    case = request.case
    case_notify(
        case=case,
        people=spos_for(case),
        subject=f"Information request unanswered: {case.crn}",
        body=(
            f"The {request.get_agency_display().lower()} information request for {case.crn} "
            f"sent on {request.sent_on:%d %B %Y} has no answer after "
            f"{deadline_working_days('information-request-escalate')} working days."
        ),
        tab="assessment/",
        category="information_request",
        dedupe_key=f"information-request:{request.pk}:escalated",
    )
    return request


def _move_all(requests: list[InformationRequest], *, status: str, dated: str) -> None:
    """Move the (locked) requests to ``status`` today, stamping the ``dated`` field: one
    UPDATE with bulk history rows, not a save per request."""
    now = timezone.now()
    for request in requests:
        request.status = status
        setattr(request, dated, _today())
        request.updated_at = now
    bulk_update_with_history(
        requests, InformationRequest, ["status", dated, "updated_at"], batch_size=1000
    )


@transaction.atomic
def information_requests_chase_due(*, today: dt.date) -> list[InformationRequest]:
    """The nightly chase: every sent request whose chase date has come, marked chased in
    one UPDATE with one bulk insert of their history rows (not a save per request).
    Rows are locked first, so a request answered meanwhile is not chased."""
    requests = list(
        InformationRequest.objects.select_for_update(of=("self",))
        .filter(status="sent", chase_due_on__lte=today)
        .select_related("case__responsible_officer")
    )
    _move_all(requests, status="chased", dated="chased_on")
    return requests


@transaction.atomic
def information_requests_escalate_due(*, today: dt.date) -> int:
    """The nightly escalation: every unanswered request whose escalation date has come,
    escalated together (one UPDATE, bulk history) and each SPO told once per request
    (case_notify_many); what information_request_escalate does for one."""
    requests = list(
        InformationRequest.objects.select_for_update(of=("self",))
        .filter(status__in=["sent", "chased"], escalate_due_on__lte=today)
        .select_related("case")
    )
    _move_all(requests, status="escalated", dated="escalated_on")
    days = deadline_working_days("information-request-escalate")
    spos = spos_by_team(r.case.team_id for r in requests)
    case_notify_many(
        notices=[
            CaseNotice(
                case=r.case,
                people=spos.get(r.case.team_id, []),
                subject=f"Information request unanswered: {r.case.crn}",
                body=(
                    f"The {r.get_agency_display().lower()} information request for {r.case.crn} "
                    f"sent on {r.sent_on:%d %B %Y} has no answer after {days} working days."
                ),
                tab="assessment/",
                dedupe_key=f"information-request:{r.pk}:escalated",
            )
            for r in requests
        ],
        category="information_request",
    )
    return len(requests)


@transaction.atomic
def information_request_withdraw(
    *, request: InformationRequest, by, reason: str
) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise DomainError("Only an open request can be withdrawn")
    if not reason.strip():
        raise DomainError("Say why the request is withdrawn", field="reason")
    request.status = "withdrawn"
    request.withdrawal_reason = reason.strip()
    return save_as(request, by, update_fields=["status", "withdrawal_reason", "updated_at"])
