"""Demo interventions: the directory (interventions.directory) and referrals across
the services and every state, made through the services (so each is a state the
application can reach) and then dated back, handled by the caseworkers the organisation
seeder made. Deterministic from ctx.rng; a second run changes nothing."""

import datetime as dt

from django.utils import timezone

from cases.models import Case, CaseStatus
from crc.organisation.demo import DemoContext
from crc.organisation.models import Role, Staff
from interventions import selectors, services
from interventions.directory import directory_seed
from interventions.models import Referral

# The states each seeded referral is taken to, in turn.
JOURNEYS = [
    "sent",
    "assigned",
    "assessment_booked",
    "plan_submitted",
    "in_delivery",
    "concern",
    "no_show",
    "withdrawn_early",
    "withdrawn_in_delivery",
    "completed",
    "ended_early",
]
CASES_SMALL, CASES_LONDON = 44, 440  # national: London's in proportion (ctx.per_london)


def _caseworkers() -> dict[int, Staff]:
    """The first caseworker of each provider (the organisation seeder makes them)."""
    workers = {}
    for worker in Staff.objects.filter(
        role=Role.PROVIDER_CASEWORKER, partner_organisation__isnull=False, is_active=True
    ).order_by("-pk"):
        workers[worker.partner_organisation_id] = worker
    return workers


def seed_interventions(ctx: DemoContext) -> None:
    directory_seed()
    if Referral.objects.exists():
        return
    workers = _caseworkers()
    cases = list(
        Case.objects.filter(status=CaseStatus.ACTIVE, responsible_officer__isnull=False)
        .select_related("responsible_officer", "team__office")
        .order_by("pk")[: ctx.per_london(CASES_LONDON) if ctx.large else CASES_SMALL]
    )
    made = 0
    progress = ctx.progress("interventions", len(cases), "referrals")
    for n, case in enumerate(cases):
        progress.advance()
        entries = [e for e in selectors.directory_for_case(case) if e.eligible and not e.full]
        if not entries:
            continue
        # Suggested services first, as an officer would; otherwise any that fits.
        entry = entries[0] if ctx.rng.random() < 0.6 else ctx.rng.choice(entries)
        journey = JOURNEYS[n % len(JOURNEYS)]
        worker = workers.get(entry.service.provider_id)
        if worker is None and journey not in ("sent", "withdrawn_early"):
            journey = "sent"  # nobody at the provider to take it further
        _journey(case, entry.service, worker, journey, ctx)
        made += 1
    progress.finish()
    ctx.log(f"interventions: {made} referrals")


def _journey(case, service, worker, journey: str, ctx: DemoContext) -> None:
    officer = case.responsible_officer
    now = timezone.now()
    prefill = selectors.referral_prefill(case, service)
    outcomes = prefill["desired_outcomes"][:2] or [
        {"description": f"Take part in {service.name} and apply what is learnt"}
    ]
    referral = services.referral_create(
        case=case,
        service=service,
        by=officer,
        desired_outcomes=outcomes,
        reason=prefill["reason"] or "Referred at the sentence plan meeting.",
        share_full_risk=ctx.rng.random() < 0.2,
    )
    if journey == "sent":
        return _date_back(referral, days=ctx.rng.randint(1, 10))
    if journey == "withdrawn_early":
        services.referral_withdraw(referral=referral, by=officer, reason="Moved out of the area.")
        return _date_back(referral, days=30)
    services.referral_assign(referral=referral, caseworker=worker, by=worker)
    if journey == "assigned":
        return _date_back(referral, days=5)
    start = now - dt.timedelta(days=60)
    services.appointment_record(referral=referral, by=worker, starts_at=start, location="Hub")
    if journey == "assessment_booked":
        return _date_back(referral, days=10)
    sessions = min(service.sessions, 6)
    plan = services.action_plan_submit(
        referral=referral,
        by=worker,
        activities=[f"{service.name}: core modules", "Relapse prevention and review"],
        number_of_sessions=sessions,
    )
    if journey == "plan_submitted":
        return _date_back(referral, days=8)
    services.action_plan_approve(plan=plan, by=officer, version=plan.version)
    delivered = {"completed": sessions, "ended_early": max(1, sessions // 2)}.get(journey, 2)
    for number in range(delivered):
        services.session_record(
            referral=referral,
            by=worker,
            starts_at=start + dt.timedelta(days=7 * (number + 1)),
            attendance="late" if number == 1 else "yes",
            summary="Worked through the session's exercises.",
            response="Engaged and asked questions.",
            behaviour="Appropriate.",
            concerns="Mentioned contact with a former partner." if journey == "concern" else "",
        )
    if journey == "no_show":
        services.session_record(
            referral=referral,
            by=worker,
            starts_at=start + dt.timedelta(days=7 * (delivered + 1)),
            attendance="no",
        )
    if journey == "withdrawn_in_delivery":
        services.referral_withdraw(referral=referral, by=officer, reason="Returned to custody.")
    if journey in ("completed", "ended_early"):
        if journey == "ended_early":
            services.referral_withdraw(referral=referral, by=officer, reason="Order revoked.")
        services.end_of_service_report_submit(
            referral=referral,
            by=worker,
            achievements={
                o.pk: ("achieved" if journey == "completed" else "partly", "")
                for o in referral.outcomes.all()
            },
            further_information="Summary of the work done with the person.",
        )
    _date_back(referral, days=65)


def _date_back(referral: Referral, *, days: int) -> None:
    # The services stamp "now"; demo referrals were sent before their first appointment.
    then = timezone.now() - dt.timedelta(days=days)
    Referral.objects.filter(pk=referral.pk).update(sent_at=then)
    Referral.objects.filter(pk=referral.pk, assigned_at__isnull=False).update(
        assigned_at=then + dt.timedelta(days=min(3, days))
    )
