"""Demo contact histories: appointments, CRISSA contacts, absences and enforcement.

Each demo case gets the last ~3 months (london and national: two years, as far back as
its order goes) of appointments at its contact level. Most people attend; some cases are
under-contacted (appointments simply not made: the inspectors' finding), some miss
appointments and go through the Sch. 10 sequence (warnings, then breach), a few
appointments in the last days still wait for an outcome, and some warning letters are
overdue at the service centre. Written 2,000 people at a time through `RowWriter`
(PostgreSQL COPY), each row with its "created" history row; idempotent per case.
"""

import datetime as dt
import functools
from typing import NamedTuple

from django.db.models import Max
from django.utils import timezone

from cases.contacts import rules
from cases.contacts.sensitivity import SENSITIVE_FIELDS
from cases.models import (
    FAILURE_OUTCOMES,
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Case,
    CaseStatus,
    Contact,
    ContactLevelDecision,
    ContactLevelStatus,
    ContactType,
    EnforcementAction,
    EnforcementKind,
    EnforcementStatus,
    Order,
    OrderStatus,
    ServiceCentreTask,
    TaskKind,
    TaskStatus,
)
from crc.bulkload import RowWriter, fill_history
from crc.organisation.demo import DemoContext
from crc.workingdays import add_working_days

HISTORY_DAYS = {"small": 91, "london": 730, "national": 730}
BATCH = 2000  # people per chunk (more than the small scale holds)
APPOINTMENT_FIELDS = [
    "case_id",
    "contact_type",
    "starts_at",
    "location",
    "with_staff_id",
    "booked_by_id",
    "status",
]
CONTACT_FIELDS = [
    "case_id",
    "appointment_id",
    "contact_type",
    "happened_at",
    "recorded_by_id",
    "outcome",
    "sensitive",
    *SENSITIVE_FIELDS,  # what was said, and why someone was absent
    "acceptability_due_on",
    "acceptability_decided_at",
    "acceptability_decided_by_id",
]


class Made(NamedTuple):
    """What the enforcement walk needs of a written contact."""

    pk: int
    case_id: int
    happened_at: dt.datetime
    outcome: str
    recorded_by_id: int


CHECK_IN = [
    "Says things are steady at home. No change of address.",
    "Tired after night shifts; still at the same address.",
    "Reports arguments with his partner; says they are sorting it out.",
    "Moved in with his sister temporarily; gave the new address.",
    "In good spirits. Started a course at the college.",
    "Low mood this week; agreed to see the GP.",
]
REVIEW = [
    "Did the thinking-skills worksheet on triggers.",
    "Has not yet booked the housing appointment; discussed what got in the way.",
    "Attended the job club twice.",
    "Kept to the agreed curfew at his mother's.",
    "Completed the budget diary.",
]
IMPLEMENT = [
    "Worked through a consequential-thinking exercise on the index offence.",
    "Victim-awareness session: wrote a letter (not sent) to the shopkeeper.",
    "Motivational interviewing on alcohol use; set a drinking diary.",
    "Reviewed the risk management plan together; explained the conditions again.",
    "Mapped supportive people and places; identified two to avoid.",
]
SUMMARY = [
    "Engaged well. No new risk concerns.",
    "Engaged but guarded about his relationship. Keep under review.",
    "Good progress on employment; risk unchanged.",
    "Some minimisation of the offence; continue the victim work.",
]
SET_TASKS = [
    "Book the housing options appointment; bring the letter next time.",
    "Keep the drinking diary.",
    "Attend job club on Tuesday.",
    "Finish the worksheet on triggers.",
]
REASONS = [
    ("Said he was ill with flu.", "Fit note from the GP seen."),
    ("Had a hospital appointment with his child.", "Appointment letter seen."),
    ("Said he forgot.", ""),
    ("No contact; phone off.", ""),
    ("Said he could not afford the bus fare.", ""),
]


@functools.lru_cache(maxsize=20_000)
def _weekday_at(day: dt.date, hour: int) -> dt.datetime:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed_contacts(ctx: DemoContext) -> None:
    today = timezone.localdate()
    now = timezone.now()
    history_days = HISTORY_DAYS.get(ctx.scale, 91)

    levels = {
        row["case_id"]: row
        for row in ContactLevelDecision.objects.filter(
            status=ContactLevelStatus.ACTIVE, case__status=CaseStatus.ACTIVE
        ).values("case_id", "contacts", "period_days", "face_to_face")
    }
    # Every seeded case has upcoming appointments, so they mark what was done before.
    done = set(Appointment.objects.values_list("case_id", flat=True).distinct())
    orders = {}
    for case_id, order_type, start, release in (
        Order.objects.filter(case__status=CaseStatus.ACTIVE, status=OrderStatus.ACTIVE)
        .order_by("case_id", "start_date")
        .values_list("case_id", "order_type", "start_date", "release_date")
    ):
        orders[case_id] = (order_type, release or start)
    cases = [
        row
        for row in Case.objects.filter(status=CaseStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", "crn", "responsible_officer_id")
        if row[0] in levels and row[0] not in done
    ]
    if not cases:
        ctx.log("contacts: every demo case already has a contact history")
        return

    progress = ctx.progress("contacts", len(cases), "people")
    totals = {"appointments": 0, "contacts": 0, "actions": 0, "tasks": 0}
    tops = {
        model: model.objects.aggregate(top=Max("pk"))["top"] or 0
        for model in (Appointment, Contact, EnforcementAction, ServiceCentreTask)
    }
    appointments = RowWriter(Appointment, APPOINTMENT_FIELDS)
    contacts = RowWriter(Contact, CONTACT_FIELDS)
    for first in range(0, len(cases), BATCH):
        chunk = cases[first : first + BATCH]
        _seed_chunk(
            ctx, chunk, levels, orders, history_days, appointments, contacts, totals, today, now
        )
        progress.advance(len(chunk))
    progress.finish()
    # "Created" history rows, written after the last status change of the run.
    for model in (Appointment, Contact, EnforcementAction, ServiceCentreTask):
        fill_history(model, pk_from=tops[model] + 1)
    ctx.log(
        f"contacts: {totals['appointments']} appointments, {totals['contacts']} contacts, "
        f"{totals['actions']} enforcement decisions, {totals['tasks']} service-centre tasks"
    )


def _seed_chunk(
    ctx, cases, levels, orders, history_days, appointment_rows, contact_rows, totals, today, now
) -> None:
    rng = ctx.rng
    made: list[Made] = []
    meta: dict[int, tuple[int, str, str]] = {}  # case_id: (case_id, crn, order_type)
    for case_id, crn, officer_id in cases:
        level = levels[case_id]
        order_type, started = orders.get(case_id, ("co", today - dt.timedelta(days=365)))
        profile = rng.choices(["good", "patchy", "poor"], weights=[70, 20, 10])[0]
        gap = max(level["period_days"] // level["contacts"], 2)
        first = max(started, today - dt.timedelta(days=history_days))
        day = first + dt.timedelta(days=rng.randint(0, gap - 1))
        upcoming = 0
        while upcoming < 2:
            when = _weekday_at(day, rng.choice([9, 10, 11, 13, 14, 15, 16]))
            day += dt.timedelta(days=gap)
            face_to_face_needed = level["face_to_face"] >= level["contacts"] or rng.random() < 0.8
            contact_type = (
                rng.choice([ContactType.OFFICE] * 6 + [ContactType.HOME_VISIT])
                if face_to_face_needed
                else rng.choice([ContactType.TELEPHONE, ContactType.VIDEO])
            )
            if when.date() < first:
                continue
            location = "Islington office" if contact_type == ContactType.OFFICE else ""
            # Every appointment row is booked alike; only its status differs.
            booking = dict(
                case_id=case_id,
                contact_type=contact_type,
                starts_at=when,
                location=location,
                with_staff_id=officer_id,
                booked_by_id=officer_id,
            )
            if when >= now:
                appointment_rows.add(**booking, status=AppointmentStatus.BOOKED)
                meta[case_id] = (case_id, crn, order_type)
                totals["appointments"] += 1
                upcoming += 1
                continue
            if profile == "patchy" and rng.random() < 0.4:
                continue  # never booked: the under-contacted cases
            recent = (now - when) < dt.timedelta(days=6)
            meta[case_id] = (case_id, crn, order_type)
            totals["appointments"] += 1
            if recent and rng.random() < 0.15:
                # still needs its outcome
                appointment_rows.add(**booking, status=AppointmentStatus.BOOKED)
                continue
            appointment_id = appointment_rows.add(
                **booking, status=AppointmentStatus.OUTCOME_RECORDED
            )
            roll = rng.random()
            if profile == "poor" and roll < 0.3:
                outcome = rng.choice(
                    [AttendanceOutcome.UNACCEPTABLE_ABSENCE] * 4
                    + [AttendanceOutcome.ATTENDED_FAILED, AttendanceOutcome.ABSENCE_TO_DECIDE]
                )
            elif roll < 0.04:
                outcome = AttendanceOutcome.ACCEPTABLE_ABSENCE
            elif roll < 0.07:
                outcome = AttendanceOutcome.RESCHEDULED
            else:
                outcome = AttendanceOutcome.ATTENDED_COMPLIED
            if (
                outcome == AttendanceOutcome.ABSENCE_TO_DECIDE
                and history_days > HISTORY_DAYS["small"]
                and now - when > dt.timedelta(days=14)
            ):
                # Two years back, an absence was decided long ago: only recent ones wait
                # (else the nightly reminders would find thousands never decided).
                outcome = AttendanceOutcome.UNACCEPTABLE_ABSENCE
            values = _contact(rng, case_id, officer_id, contact_type, when, outcome, today)
            pk = contact_rows.add(appointment_id=appointment_id, **values)
            made.append(Made(pk, case_id, when, outcome, officer_id))
    appointment_rows.flush()
    contact_rows.flush()
    totals["contacts"] += len(made)

    actions, action_meta = _enforcement(rng, made, meta_by_case=meta, now=now)
    EnforcementAction.objects.bulk_create(actions, batch_size=BATCH)
    tasks = []
    for action, (crn, overdue) in zip(actions, action_meta, strict=True):
        if action.kind == EnforcementKind.NO_ACTION:
            continue
        decided_on = timezone.localtime(action.decided_at).date()
        due = rules.letter_or_pack_due(action.kind, decided_on)
        if action.kind == EnforcementKind.WARNING:
            open_ = overdue or due >= today
            kind, suffix, what = TaskKind.WARNING_LETTER, "letter", "Send the warning letter"
        else:
            open_ = due >= today or overdue
            kind, suffix, what = TaskKind.BREACH_PACK, "pack", "Prepare the breach pack"
        if action.kind == EnforcementKind.WARNING and not open_:
            action.status = EnforcementStatus.DONE
        tasks.append(
            ServiceCentreTask(
                case_id=action.case_id,
                kind=kind,
                description=f"{what} for {crn}.",
                due_date=due,
                status=TaskStatus.OPEN if open_ else TaskStatus.DONE,
                completed_at=None if open_ else action.decided_at + dt.timedelta(days=1),
                source_key=f"enforcement:{action.pk}:{suffix}",
            )
        )
    EnforcementAction.objects.bulk_update(
        [a for a in actions if a.status == EnforcementStatus.DONE], ["status"], batch_size=BATCH
    )
    ServiceCentreTask.objects.bulk_create(tasks, batch_size=BATCH, ignore_conflicts=True)
    totals["actions"] += len(actions)
    totals["tasks"] += len(tasks)


def _contact(rng, case_id, officer_id, contact_type, when, outcome, today) -> dict:
    attended = outcome in (AttendanceOutcome.ATTENDED_COMPLIED, AttendanceOutcome.ATTENDED_FAILED)
    reason, evidence = rng.choice(REASONS) if not attended else ("", "")
    if outcome == AttendanceOutcome.ACCEPTABLE_ABSENCE and not evidence:
        reason, evidence = REASONS[0]
    contact = dict(
        case_id=case_id,
        contact_type=contact_type,
        happened_at=when,
        recorded_by_id=officer_id,
        outcome=outcome,
        check_in=rng.choice(CHECK_IN) if attended else "",
        review=rng.choice(REVIEW) if attended else "",
        implement=rng.choice(IMPLEMENT) if attended else "",
        summary=rng.choice(SUMMARY)
        if outcome == AttendanceOutcome.ATTENDED_COMPLIED
        else ("Arrived under the influence; session ended early." if attended else ""),
        set_tasks=rng.choice(SET_TASKS) if attended else "",
        attendance="Next appointment booked." if attended else "",
        sensitive=attended and rng.random() < 0.03,
        absence_reason=reason,
        absence_evidence=evidence,
    )
    if outcome == AttendanceOutcome.ABSENCE_TO_DECIDE:
        contact["acceptability_due_on"] = add_working_days(timezone.localtime(when).date(), 2)
    elif not attended and outcome != AttendanceOutcome.RESCHEDULED:
        contact["acceptability_decided_at"] = when + dt.timedelta(days=1)
        contact["acceptability_decided_by_id"] = officer_id
    return contact


def _enforcement(rng, contacts, *, meta_by_case, now):
    """Walk each case's failures in date order through the Sch. 10 rule."""
    by_case: dict[int, list[Made]] = {}
    for contact in contacts:
        if contact.outcome in FAILURE_OUTCOMES:
            by_case.setdefault(contact.case_id, []).append(contact)
    actions, action_meta = [], []
    for case_id, failures in by_case.items():
        _, crn, order_type = meta_by_case[case_id]
        previous: list[rules.PriorDecision] = []
        for contact in sorted(failures, key=lambda c: c.happened_at):
            if now - contact.happened_at < dt.timedelta(days=2) and rng.random() < 0.5:
                continue  # decision still to make
            failure_on = timezone.localtime(contact.happened_at).date()
            options = rules.enforcement_options(
                order_type=order_type, failure_on=failure_on, previous=previous
            )
            roll = rng.random()
            if roll < 0.1:
                kind = rules.Decision.NO_ACTION
            elif options.breach_required or roll < 0.2:
                kind = options.options[-2] if options.breach_required else options.options[1]
            else:
                kind = rules.Decision.WARNING
            decided_at = contact.happened_at + dt.timedelta(days=1)
            action = EnforcementAction(
                case_id=case_id,
                failure_id=contact.pk,
                kind=kind.value,
                status=EnforcementStatus.DONE
                if kind == rules.Decision.NO_ACTION
                else EnforcementStatus.IN_PROGRESS,
                justification="He was in hospital the day before; re-engaged the same week."
                if kind == rules.Decision.NO_ACTION
                else "",
                decided_by_id=contact.recorded_by_id,
                decided_at=decided_at,
            )
            actions.append(action)
            # About one warning letter in six is left unsent: overdue at the service centre.
            action_meta.append((crn, rng.random() < 0.17))
            previous.append(rules.PriorDecision(kind=kind.value, decided_on=failure_on))
    return actions, action_meta
