"""Reads for interventions with their query shape: the directory for a case (with
eligibility), what a referral is pre-filled with, the provider's view of risk, RAR days
for a case. The dashboards' measures are in interventions/measures.py."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
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
    return rules.rar_position(
        ordered=requirement.length or 0,
        credited=credited,
        today=today or timezone.localdate(),
        order_ends=requirement.order.expected_end_date,
        days_per_week=policy.number("rar_days_per_week"),
    )
