"""Reads for interventions with their query shape: the directory for a case (with
eligibility), what a referral is pre-filled with, the provider's view of risk, RAR days
for a case; and the MEASURES the dashboards read (crc.dashboards reads them here only):
referrals by service and outcome, starts, completions, time to start, delivery against
the Grid's suggestions, each a fixed number of queries over a period of sending."""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from cases.models import (
    Case,
    CriminogenicNeed,
    OrderStatus,
    PlanObjective,
    Requirement,
    RequirementType,
)
from cases.selectors import case_risk
from crc.access import interventions as access_interventions
from interventions import policy, rules
from interventions.models import (
    ActionPlan,
    AppointmentKind,
    InterventionService,
    RarCredit,
    Referral,
)


def person_facts(case: Case) -> rules.PersonFacts:
    needs = CriminogenicNeed.objects.filter(case=case).exclude(severity="none")
    office = case.team.office.name if case.team_id else ""
    return rules.PersonFacts(
        sex=case.sex,
        rosh=case.rosh_overall,
        needs=frozenset(needs.values_list("need", flat=True)),
        borough=office,
    )


def grid_suggestions(case: Case) -> list[str]:
    """The Grid's intervention suggestions for the case (cases.selectors.case_risk)."""
    return [s.intervention for s in case_risk(case).suggestions]


@dataclass(frozen=True)
class DirectoryEntry:
    service: InterventionService
    reasons: list[str]  # why it does not fit; empty: eligible
    suggested: bool  # the Grid suggests it for this case
    open_referrals: int

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def full(self) -> bool:
        return self.service.capacity is not None and self.open_referrals >= self.service.capacity


def directory_for_case(case: Case, *, query: str = "", kind: str = "") -> list[DirectoryEntry]:
    """The directory searched by name or kind, each service with its eligibility for
    the case and whether the Grid suggests it; suggested and eligible first."""
    services = InterventionService.objects.select_related("provider").annotate(
        open_count=Count("referrals", filter=~Q(referrals__status__in=rules.CONCLUDED))
    )
    if query:
        services = services.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if kind:
        services = services.filter(kind=kind)
    facts = person_facts(case)
    suggestions = grid_suggestions(case)
    entries = [
        DirectoryEntry(
            service=s,
            reasons=rules.eligibility(s.terms, facts),
            suggested=rules.matches_suggestion(s.name, s.grid_names, suggestions),
            open_referrals=s.open_count,
        )
        for s in services
    ]
    return sorted(entries, key=lambda e: (not e.suggested, not e.eligible, e.service.name))


def open_referrals(service: InterventionService) -> int:
    return service.referrals.exclude(status__in=rules.CONCLUDED).count()


def referral_prefill(case: Case, service: InterventionService) -> dict:
    """What the referral form starts with: the assessment's analysis as the reason and
    one desired outcome per plan objective on a need the service addresses."""
    assessment = getattr(case, "assessment", None)
    objectives = PlanObjective.objects.filter(plan__case=case)
    if service.needs:
        objectives = objectives.filter(Q(need__in=service.needs) | Q(addresses_risk_of_harm=True))
    return {
        "reason": assessment.offending_analysis if assessment else "",
        "desired_outcomes": [
            {"description": o.description, "objective": o} for o in objectives.order_by("position")
        ],
        "suggested": rules.matches_suggestion(
            service.name, service.grid_names, grid_suggestions(case)
        ),
    }


def provider_risk_view(case: Case, *, full: bool) -> str:
    """What a provider is told about risk. Redacted: the RoSH levels and the risk to
    staff only; full: the assessment's risk of harm analysis as well."""
    levels = [
        ("Overall", case.rosh_overall),
        ("Children", case.rosh_children),
        ("Public", case.rosh_public),
        ("Known adult", case.rosh_known_adult),
        ("Staff", case.rosh_staff),
    ]
    lines = [f"RoSH {who}: {(level or 'not assessed').replace('_', ' ')}" for who, level in levels]
    if full:
        assessment = getattr(case, "assessment", None)
        if assessment is not None and assessment.risk_of_harm_analysis:
            lines += ["", assessment.risk_of_harm_analysis]
    return "\n".join(lines)


def approved_plan(referral: Referral) -> ActionPlan | None:
    return referral.action_plans.filter(approved_at__isnull=False).order_by("-approved_at").first()


def sessions_delivered(referral: Referral) -> int:
    return referral.appointments.filter(
        kind=AppointmentKind.SESSION, attendance__in=rules.ATTENDED
    ).count()


def referral_detail(referral_id: int) -> Referral:
    return (
        Referral.objects.select_related("case", "service__provider", "caseworker", "referred_by")
        .prefetch_related("outcomes__objective", "action_plans", "appointments")
        .get(pk=referral_id)
    )


def referrals_for_case(case: Case) -> list[Referral]:
    return list(
        Referral.objects.filter(case=case)
        .select_related("service__provider", "caseworker")
        .order_by("-sent_at")
    )


# --- RAR days --------------------------------------------------------------------------


def rar_requirement(case: Case) -> Requirement | None:
    """The RAR requirement of the case's current order, if it has one."""
    return (
        Requirement.objects.filter(
            order__case=case,
            order__status=OrderStatus.ACTIVE,
            requirement_type=RequirementType.RAR,
        )
        .select_related("order")
        .order_by("-order__start_date")
        .first()
    )


def within_order(requirement: Requirement, day: dt.date) -> bool:
    order = requirement.order
    return order.status == OrderStatus.ACTIVE and order.start_date <= day <= order.expected_end_date


def rar_for_case(case: Case, *, today: dt.date | None = None) -> rules.RarPosition | None:
    requirement = rar_requirement(case)
    if requirement is None or requirement.length is None:
        return None
    return rar_for_requirement(
        requirement, RarCredit.objects.filter(requirement=requirement).count(), today
    )


def rar_for_requirement(requirement: Requirement, credited: int, today: dt.date | None = None):
    return rar_position(
        length=requirement.length,
        credited=credited,
        order_ends=requirement.order.expected_end_date,
        today=today,
    )


def rar_position(
    *, length: int | None, credited: int, order_ends: dt.date, today: dt.date | None = None
):
    """rar_for_requirement from the values alone (the nightly job reads values)."""
    return rules.rar_position(
        ordered=length or 0,
        credited=credited,
        today=today or timezone.localdate(),
        order_ends=order_ends,
        days_per_week=policy.number("rar_days_per_week"),
    )


# --- Measures for the dashboards ----------------------------------------------------------

S = rules.ReferralStatus


def _sent_between(start: dt.date, end: dt.date):
    return Referral.objects.filter(sent_at__date__gte=start, sent_at__date__lte=end)


def referrals_by_service_and_outcome(*, start: dt.date, end: dt.date) -> list[dict]:
    """One row per service and status: {"service", "status", "count"}."""
    rows = (
        _sent_between(start, end)
        .values("service__name", "status")
        .annotate(count=Count("id"))
        .order_by("service__name", "status")
    )
    return [
        {"service": r["service__name"], "status": r["status"], "count": r["count"]} for r in rows
    ]


def _first_sessions(start: dt.date, end: dt.date):
    return _sent_between(start, end).annotate(
        started=Min(
            "appointments__starts_at",
            filter=Q(
                appointments__kind=AppointmentKind.SESSION,
                appointments__attendance__in=rules.ATTENDED,
            ),
        )
    )


def starts(*, start: dt.date, end: dt.date) -> int:
    """Referrals sent in the period whose person attended at least one session."""
    return _first_sessions(start, end).filter(started__isnull=False).count()


def completions(*, start: dt.date, end: dt.date) -> dict[str, int]:
    """Concluded referrals sent in the period, by how they concluded."""
    rows = (
        _sent_between(start, end)
        .filter(status__in=rules.CONCLUDED)
        .values("status")
        .annotate(count=Count("id"))
    )
    counts = {status: 0 for status in (S.COMPLETED, S.ENDED_EARLY, S.CANCELLED)}
    counts.update({r["status"]: r["count"] for r in rows})
    return counts


@dataclass(frozen=True)
class TimeToStart:
    started: int
    median_days: float | None
    longest_days: int | None


def time_to_start(*, start: dt.date, end: dt.date) -> TimeToStart:
    """Days from sending to the first attended session, over referrals that started."""
    days = [
        (started - sent).days
        for sent, started in _first_sessions(start, end)
        .filter(started__isnull=False)
        .values_list("sent_at", "started")
    ]
    return TimeToStart(
        started=len(days),
        median_days=statistics.median(days) if days else None,
        longest_days=max(days) if days else None,
    )


@dataclass(frozen=True)
class SuggestionDelivery:
    referrals: int
    from_suggestion: int
    from_suggestion_started: int

    @property
    def share(self) -> float | None:
        return self.from_suggestion / self.referrals if self.referrals else None


def delivery_against_suggestions(*, start: dt.date, end: dt.date) -> SuggestionDelivery:
    """How many referrals were for a service the Grid suggested, and how many of those
    started: the inspectors' "a good range of services not consistently delivered"."""
    rows = list(_first_sessions(start, end).values_list("from_grid_suggestion", "started"))
    suggested = [started for from_grid, started in rows if from_grid]
    return SuggestionDelivery(
        referrals=len(rows),
        from_suggestion=len(suggested),
        from_suggestion_started=sum(1 for started in suggested if started is not None),
    )


# --- The provider caseworker's lists (scoped by crc.access.interventions) ------------------


def _provider_referrals(user):
    scoped = access_interventions.provider_referrals(user, Referral.objects.all())
    return scoped.select_related("case", "service", "caseworker").order_by("sent_at", "id")


def provider_my_cases(user) -> list[Referral]:
    """Open referrals assigned to this caseworker, oldest first."""
    return [r for r in _provider_referrals(user).filter(caseworker_id=user.pk) if r.is_open]


def provider_unassigned(user) -> list[Referral]:
    """Referrals made to the caseworker's organisation that nobody has picked up."""
    return list(
        _provider_referrals(user).filter(caseworker__isnull=True, status=rules.ReferralStatus.SENT)
    )


def provider_referral(user, referral_id: int) -> Referral | None:
    """One referral, if made to the caseworker's organisation; None otherwise."""
    return (
        access_interventions.provider_referrals(user, Referral.objects.all())
        .select_related("case", "service__provider", "caseworker")
        .prefetch_related("outcomes", "action_plans", "appointments")
        .filter(pk=referral_id)
        .first()
    )


# --- What the edit forms edit, for their version tokens (crc.stale) ------------------------


def referral_state(referral: Referral) -> dict:
    """What the officer read before withdrawing: a move by the provider meanwhile is news."""
    return {
        "status": referral.status,
        "caseworker": referral.caseworker_id,
        "withdrawal_reason": referral.withdrawal_reason,
    }


def pending_assessment(referral: Referral):
    """The initial assessment booked and not yet attended, if any."""
    return (
        referral.appointments.filter(kind=AppointmentKind.INITIAL_ASSESSMENT, attendance="")
        .order_by("-id")
        .first()
    )


def appointment_state(appointment) -> dict:
    return {
        "date": timezone.localtime(appointment.starts_at).date() if appointment.starts_at else None,
        "time": timezone.localtime(appointment.starts_at).strftime("%H:%M")
        if appointment.starts_at
        else "",
        "location": appointment.location,
        "attendance": appointment.attendance,
    }


def action_plan_state(plan: ActionPlan) -> dict:
    return {
        "activities": "\n".join(plan.activities),
        "number_of_sessions": plan.number_of_sessions,
    }
