"""Demo custody: about 38% of the caseload in custody (the inspection report's share),
spread over the 14 resettlement prisons (women in the women's prisons), in every state:
just received and not yet screened, screening overdue, screened late, plans with and
without the risk-of-harm section, release close with and without pre-release contact
(only a third had enough), release within days with accommodation unconfirmed,
released with and without a kept first appointment, release dates moved, closed.

Written in bulk (seed_demo then gives each row its "+" history row), deterministic from ctx.rng and
idempotent: who is in custody follows from the CRN, and cases that already have a
custody episode are left alone.
"""

import datetime as dt
import zlib

from django.utils import timezone

from cases.models import (
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Case,
    CaseStatus,
    Contact,
    ContactType,
)
from crc.organisation.demo import DemoContext
from crc.organisation.models import PartnerOrganisation, PartnerType, Role, Staff
from crc.workingdays import add_working_days
from resettlement import rules
from resettlement.models import (
    ActionOwner,
    ActionStatus,
    ContactMethod,
    CustodyEpisode,
    EpisodeStatus,
    Pathway,
    PathwayScreening,
    PathwayStatus,
    PlanAction,
    PlanStatus,
    PreReleaseContact,
    PreReleaseReview,
    Prison,
    PrisonKind,
    ReleaseChecklist,
    ReleaseDateChange,
    ReleaseKind,
    ResettlementPlan,
    Screening,
)
from resettlement.release import CONTACT_TYPE_FOR_METHOD

IN_CUSTODY_PERCENT = 38
BATCH = 2000
RISK_TO_WHOM = ["Former partner", "Children in the household", "Known adult (victim)", "The public"]
RISK_PLAN = [
    "Exclusion zone and no-contact condition requested; MARAC informed.",
    "Children's social care consulted; contact with children supervised.",
    "Victim liaison informed of the release date; non-contact condition.",
]
ACTIONS = {
    Pathway.ACCOMMODATION: "Referral to the housing provider for move-on accommodation",
    Pathway.ATTITUDES: "Thinking skills work with the prison programmes team",
    Pathway.FAMILY: "Family visits arranged through the family support worker",
    Pathway.DRUGS_ALCOHOL: "Referral to the community drug service for release",
    Pathway.ETE: "CV and job search with the prison's careers adviser",
    Pathway.FINANCE: "Bank account and birth certificate applied for",
    Pathway.HEALTH: "GP registration arranged for release",
}


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed_resettlement(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    prisons = list(Prison.objects.filter(active=True).select_related("partner"))
    if not prisons:
        return
    women_prisons = [p for p in prisons if p.kind == PrisonKind.WOMEN] or prisons
    other_prisons = [p for p in prisons if p.kind != PrisonKind.WOMEN] or prisons
    workers: dict[int, list[int]] = {}
    for pk, partner_id in Staff.objects.filter(
        role=Role.RESETTLEMENT_WORKER, is_active=True
    ).values_list("pk", "partner_organisation_id"):
        workers.setdefault(partner_id, []).append(pk)
    providers = list(
        PartnerOrganisation.objects.filter(partner_type=PartnerType.RESETTLEMENT_PROVIDER)
    )
    taken = set(CustodyEpisode.objects.values_list("case_id", flat=True))
    # Who is in custody is a property of the case (its CRN), not of the run, so a second
    # run picks the same people and, finding them done, adds nothing.
    chosen = [
        (pk, sex, officer_id)
        for pk, crn, sex, officer_id in Case.objects.filter(
            status=CaseStatus.ACTIVE, responsible_officer__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "crn", "sex", "responsible_officer_id")
        if pk not in taken and zlib.crc32(crn.encode()) % 100 < IN_CUSTODY_PERCENT
    ]
    progress = ctx.progress("resettlement", len(chosen), "people")
    for start in range(0, len(chosen), BATCH):
        progress.advance(len(chosen[start : start + BATCH]))
        seed_batch(
            rng,
            today,
            chosen[start : start + BATCH],
            women_prisons,
            other_prisons,
            workers,
            providers,
        )
    progress.finish()
    ctx.log(f"resettlement: {len(chosen)} people in custody across {len(prisons)} prisons")


def seed_batch(rng, today, rows, women_prisons, other_prisons, workers, providers) -> None:
    episodes = []
    for case_id, sex, officer_id in rows:
        prison = rng.choice(women_prisons if sex == "female" else other_prisons)
        worker_ids = workers.get(prison.partner_id, [])
        roll = rng.random()
        if roll < 0.15:
            status, released_on = (
                EpisodeStatus.RELEASED,
                today - dt.timedelta(days=rng.randint(1, 60)),
            )
            release = released_on
        elif roll < 0.17:
            status, released_on = EpisodeStatus.CLOSED, None
            release = today + dt.timedelta(days=rng.randint(20, 200))
        else:
            status, released_on = EpisodeStatus.IN_CUSTODY, None
            # Weighted towards the run-up to release, where the alerts live.
            release = today + dt.timedelta(days=rng.choice([1, 2, 3, 9, 20, 40, 70, 100, 200, 300]))
        reception = min(today, release) - dt.timedelta(days=rng.choice([1, 3, 6, 30, 90, 180, 400]))
        episodes.append(
            CustodyEpisode(
                case_id=case_id,
                prison=prison,
                reception_date=reception,
                expected_release_date=release,
                release_kind=ReleaseKind.PSS if rng.random() < 0.2 else ReleaseKind.LICENCE,
                resettlement_provider=rng.choice(providers) if providers else None,
                resettlement_worker_id=rng.choice(worker_ids) if worker_ids else None,
                status=status,
                released_on=released_on,
                closed_reason="Transferred out of the area"
                if status == EpisodeStatus.CLOSED
                else "",
                opened_by_id=officer_id,
            )
        )
    CustodyEpisode.objects.bulk_create(episodes, batch_size=BATCH)
    officers = {case_id: officer_id for case_id, _, officer_id in rows}
    seed_screening_and_plans(rng, today, episodes)
    seed_pre_release(rng, today, episodes, officers)


def seed_screening_and_plans(rng, today, episodes) -> None:
    screenings, pathway_rows, plans = [], [], []
    for episode in episodes:
        due = rules.screening_due(episode.reception_date)
        roll = rng.random()
        if due >= today:
            completed = None  # just received: not due yet
        elif roll < 0.08 and episode.status == EpisodeStatus.IN_CUSTODY:
            completed = None  # overdue
        else:
            late = roll < 0.2
            completed = at(
                add_working_days(
                    episode.reception_date, rng.randint(6, 10) if late else rng.randint(1, 5)
                ),
                11,
            )
        risk = completed is not None or rng.random() < 0.3
        screening = Screening(
            episode=episode,
            due_on=due,
            completed_at=completed,
            completed_by_id=episode.resettlement_worker_id if completed else None,
            risk_to_whom=rng.choice(RISK_TO_WHOM) if risk and completed else "",
            risk_plan=rng.choice(RISK_PLAN) if risk and completed else "",
        )
        screenings.append(screening)
        needing = []
        for pathway in Pathway.values:
            if completed is None:
                status = rng.choice([PathwayStatus.NOT_STARTED, PathwayStatus.IN_PROGRESS])
            else:
                status = rng.choices(
                    [
                        PathwayStatus.SUPPORT_REQUIRED,
                        PathwayStatus.SUPPORT_NOT_REQUIRED,
                        PathwayStatus.SUPPORT_DECLINED,
                        PathwayStatus.DONE,
                    ],
                    weights=[45, 35, 8, 12],
                )[0]
            if status == PathwayStatus.SUPPORT_REQUIRED:
                needing.append(pathway)
            pathway_rows.append(
                PathwayScreening(
                    screening=screening,
                    pathway=pathway,
                    status=status,
                    own_view="Says this matters to them most."
                    if status == PathwayStatus.SUPPORT_REQUIRED
                    else "",
                )
            )
        # The inspectors' weak spot: risk of harm missing from about a third of plans.
        plan_has_risk = completed is not None and rng.random() < 0.66
        plan = ResettlementPlan(
            episode=episode,
            risk_to_whom=screening.risk_to_whom if plan_has_risk else "",
            risk_plan=screening.risk_plan if plan_has_risk else "",
            prison_delivers="Education classes, healthcare and the substance misuse service.",
        )
        if plan_has_risk and rng.random() < 0.8:
            plan.status, plan.completed_at = PlanStatus.COMPLETE, completed + dt.timedelta(days=7)
            plan.completed_by_id = episode.resettlement_worker_id
        plans.append((plan, needing))
    Screening.objects.bulk_create(screenings, batch_size=BATCH)
    PathwayScreening.objects.bulk_create(pathway_rows, batch_size=BATCH)
    ResettlementPlan.objects.bulk_create([plan for plan, _ in plans], batch_size=BATCH)
    actions = [
        PlanAction(
            plan=plan,
            pathway=pathway,
            description=ACTIONS[pathway],
            owner=rng.choice(ActionOwner.values),
            due_on=min(
                plan.episode.expected_release_date, today + dt.timedelta(days=rng.randint(-10, 60))
            ),
            status=rng.choice(
                [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
            ),
        )
        for plan, needing in plans
        for pathway in needing
    ]
    PlanAction.objects.bulk_create(actions, batch_size=BATCH)


def seed_pre_release(rng, today, episodes, officers) -> None:
    checklists, reviews, changes, contacts, links, appointments = [], [], [], [], [], []
    for episode in episodes:
        release = episode.expected_release_date
        weeks_left = (release - today).days / 7
        checklist = ReleaseChecklist(episode=episode)
        checklists.append(checklist)
        if episode.status == EpisodeStatus.CLOSED or weeks_left > 12:
            continue
        officer_id = officers[episode.case_id]
        if rng.random() < 0.6:
            reviews.append(
                PreReleaseReview(
                    episode=episode,
                    due_on=rules.pre_release_review_due(release),
                    held_on=min(
                        today, max(episode.reception_date, rules.pre_release_review_due(release))
                    ),
                    held_by_id=episode.resettlement_worker_id or officer_id,
                    notes="Plan reviewed with the person; housing referral chased.",
                )
            )
        if rng.random() < 0.1:
            changes.append(
                ReleaseDateChange(
                    episode=episode,
                    old_date=release - dt.timedelta(days=14),
                    new_date=release,
                    source="prison_api",
                    reason="Home detention curfew refused",
                    key=f"{episode.pk}:demo",
                )
            )
        # Only about a third had enough contact from their community officer.
        if rng.random() < 0.34:
            method = rng.choice(ContactMethod.values)
            happened = at(
                max(
                    episode.reception_date,
                    min(today, release) - dt.timedelta(days=rng.randint(1, 20)),
                ),
                14,
            )
            contact = Contact(
                case_id=episode.case_id,
                contact_type=CONTACT_TYPE_FOR_METHOD[ContactMethod(method)],
                happened_at=min(happened, timezone.now()),
                recorded_by_id=officer_id,
                summary="Pre-release contact: went through the licence and the first appointment.",
                outcome=AttendanceOutcome.NOT_APPLICABLE,
            )
            contacts.append(contact)
            links.append(PreReleaseContact(episode=episode, contact=contact, method=method))
        if weeks_left <= 2:
            confirmed = rng.random() < 0.75
            checklist.accommodation_confirmed = confirmed
            checklist.accommodation_address = "Flat 2, 14 Station Road, London" if confirmed else ""
            checklist.no_fixed_abode_flagged = not confirmed and rng.random() < 0.7
            checklist.no_fixed_abode_notes = (
                "Housing options referral made" if checklist.no_fixed_abode_flagged else ""
            )
            checklist.licence_conditions_known = rng.random() < 0.85
            if rng.random() < 0.8:
                day = rng.choice(rules.first_appointment_window(release))
                kept = episode.status == EpisodeStatus.RELEASED and rng.random() < 0.8
                appointment = Appointment(
                    case_id=episode.case_id,
                    contact_type=ContactType.OFFICE,
                    starts_at=at(day, 10),
                    location="Probation office",
                    with_staff_id=officer_id,
                    notes="First appointment after release",
                    status=AppointmentStatus.OUTCOME_RECORDED if kept else AppointmentStatus.BOOKED,
                    booked_by_id=officer_id,
                )
                appointments.append((appointment, checklist, kept))
            if episode.status == EpisodeStatus.RELEASED and rng.random() < 0.7:
                checklist.handover_to = rng.choice(
                    ["St Mungo's housing team", "Community drug service"]
                )
                checklist.handover_notes = "Plan and risk information shared."
                checklist.handover_recorded_at = at(release, 9)
                checklist.handover_recorded_by_id = officer_id
    Appointment.objects.bulk_create([a for a, _, _ in appointments], batch_size=BATCH)
    kept_contacts = []
    for appointment, checklist, kept in appointments:
        checklist.first_appointment = appointment
        if kept:
            kept_contacts.append(
                Contact(
                    case_id=appointment.case_id,
                    appointment=appointment,
                    contact_type=ContactType.OFFICE,
                    happened_at=appointment.starts_at,
                    recorded_by_id=appointment.with_staff_id,
                    summary="First appointment after release: licence explained.",
                    outcome=AttendanceOutcome.ATTENDED_COMPLIED,
                )
            )
    Contact.objects.bulk_create(contacts + kept_contacts, batch_size=BATCH)
    ReleaseChecklist.objects.bulk_create(checklists, batch_size=BATCH)
    PreReleaseReview.objects.bulk_create(reviews, batch_size=BATCH)
    ReleaseDateChange.objects.bulk_create(changes, batch_size=BATCH)
    PreReleaseContact.objects.bulk_create(links, batch_size=BATCH)
