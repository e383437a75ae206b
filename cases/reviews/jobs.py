"""The daily and weekly jobs for reviews and their deadlines. Each takes `today` so tests
can run it for any date; the Celery tasks (tasks.py) pass the London date.

Idempotent: every notification carries a dedupe key naming what it is about and the date
it concerns (the due date, not the run date), so a job run twice, or every day while the
condition holds, queues each reminder once; a new due date is a new reminder. Records are
created through unique keys (Review.source_key) or state changes that the second run no
longer matches (information requests move from "sent" to "chased").
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Q, Subquery

from cases.models import (
    CONTACT_WITH_PERSON_TYPES,
    FACE_TO_FACE_CONTACT_TYPES,
    AttendanceOutcome,
    Case,
    CaseStatus,
    Contact,
    ContactLevelDecision,
    ContactLevelStatus,
    EnforcementAction,
    Order,
    OrderStatus,
    Registration,
    Review,
    ReviewKind,
    ReviewStatus,
    ServiceCentreTask,
    TaskKind,
    TaskStatus,
)
from cases.notify import (
    CaseNotice,
    CaseRef,
    case_notify_many,
    notify_fields,
    officer_notice,
    spos_by_team,
    staff_by_id,
)
from cases.planning.information_requests import (
    information_requests_chase_due,
    information_requests_escalate_due,
)
from cases.reviews import rules, services
from crc.access import roles
from crc.access.bulk import visible_case_ids_by_person
from crc.notifications.services import NotificationItem, notification_send_many

Staff = get_user_model()
CATEGORY = "reminder"


def _send(notices) -> int:
    """Queue a job's reminders together (case_notify_many: the query count does not grow
    with the number of cases); returns how many had somebody to tell."""
    return case_notify_many(notices=notices, category=CATEGORY)


# --- Reviews -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _DueReview:
    pk: int
    kind: str
    due_on: dt.date
    case: CaseRef
    team_id: int | None
    area_id: int | None
    officer_id: int | None


_KINDS = dict(ReviewKind.choices)


def _due_reviews(**filters) -> tuple[list[_DueReview], dict[int, object]]:
    """Open reviews of active cases as values (a national run reads 100,000+), and their
    officers, loaded once each."""
    reviews = [
        _DueReview(pk, kind, due_on, CaseRef(pk=case_id, crn=crn), team_id, area_id, officer_id)
        for pk, kind, due_on, case_id, crn, team_id, area_id, officer_id in Review.objects.filter(
            status=ReviewStatus.DUE, case__status=CaseStatus.ACTIVE, **filters
        ).values_list(
            "pk",
            "kind",
            "due_on",
            "case_id",
            "case__crn",
            "case__team_id",
            "case__team__office__area_id",
            "case__responsible_officer_id",
        )
    ]
    return reviews, staff_by_id(r.officer_id for r in reviews)


def review_due_reminders(*, today: dt.date) -> int:
    """A review due within 7 days: remind the officer once per due date."""
    horizon = today + dt.timedelta(days=rules.REMINDER_DAYS_BEFORE)
    reviews, officers = _due_reviews(due_on__gte=today, due_on__lte=horizon)
    return _send(
        CaseNotice(
            case=review.case,
            people=[officers[review.officer_id]] if review.officer_id in officers else [],
            subject=f"Review due {review.due_on:%d %B %Y}: {review.case.crn}",
            body=f"The {_KINDS[review.kind].lower()} for {review.case.crn} is due on "
            f"{review.due_on:%d %B %Y}.",
            tab="reviews/",
            dedupe_key=f"review-due-7:{review.pk}:{review.due_on.isoformat()}",
        )
        for review in reviews
    )


def review_overdue_alerts(*, today: dt.date) -> int:
    """Overdue: the officer and their SPO; two weeks overdue: the area manager(s) too."""
    reviews, officers = _due_reviews(due_on__lt=today)
    area_ids = {r.area_id for r in reviews if r.team_id}
    managers = defaultdict(list)
    for person in Staff.objects.filter(
        role__in=roles.AREA_MANAGERS, managed_area_id__in=area_ids, is_active=True
    ):
        managers[person.managed_area_id].append(person)
    spos = spos_by_team(r.team_id for r in reviews)
    notices = []
    for review in reviews:
        case = review.case
        due = f"{review.due_on:%d %B %Y}"
        kind = _KINDS[review.kind].lower()
        officer = [officers[review.officer_id]] if review.officer_id in officers else []
        notices.append(
            CaseNotice(
                case=case,
                people=[*officer, *spos.get(review.team_id, [])],
                subject=f"Review overdue: {case.crn}",
                body=f"The {kind} for {case.crn} was due on {due}.",
                tab="reviews/",
                dedupe_key=f"review-overdue:{review.pk}:{review.due_on.isoformat()}",
            )
        )
        if review.team_id and rules.overdue_for_area_manager(review.due_on, today):
            notices.append(
                CaseNotice(
                    case=case,
                    people=managers[review.area_id],
                    subject=f"Review two weeks overdue: {case.crn}",
                    body=f"The {kind} for {case.crn} was due on {due} and is still not done.",
                    tab="reviews/",
                    dedupe_key=f"review-overdue-14:{review.pk}:{review.due_on.isoformat()}",
                )
            )
    return _send(notices)


def periodic_reviews_schedule(*, today: dt.date) -> int:
    """Give every active case without an open periodic review its next one: 16 weeks
    from the last completed review, or from the start of the current order."""
    open_periodic = Review.objects.filter(
        case=OuterRef("pk"), kind=ReviewKind.PERIODIC, status=ReviewStatus.DUE
    )
    cases = (
        Case.objects.filter(status=CaseStatus.ACTIVE)
        .exclude(Exists(open_periodic))
        .annotate(
            last_review=Max(
                "reviews__completed_at", filter=Q(reviews__status=ReviewStatus.COMPLETE)
            ),
            order_start=Subquery(
                Order.objects.filter(case=OuterRef("pk"), status=OrderStatus.ACTIVE)
                .order_by("-start_date")
                .values("start_date")[:1]
            ),
        )
    )
    created = 0
    for case in cases.iterator():
        anchor = case.last_review.date() if case.last_review else case.order_start
        if anchor is None:
            continue
        services.review_schedule_periodic(case=case, anchor=anchor)
        created += 1
    return created


def triggered_reviews_detect(*, today: dt.date, lookback_days: int = 7) -> int:
    """Triggered reviews for what other parts of the system record without calling us:
    enforcement and recall decisions, releases on licence, and RoSH changes. One review
    per cause (source keys), so the overlapping look-back windows are harmless."""
    since = today - dt.timedelta(days=lookback_days)
    triggers = [
        services.enforcement_trigger(action)
        for action in EnforcementAction.objects.filter(
            decided_at__date__gte=since, kind__in=["warning", "breach", "recall"]
        ).only("id", "kind", "case")
    ]
    triggers += [
        services.release_trigger(order)
        for order in Order.objects.filter(
            release_date__gte=since, release_date__lte=today, status=OrderStatus.ACTIVE
        ).only("id", "case")
    ]
    # RoSH changes: each recent version of a case compared with the version before it.
    recent = Case.history.filter(history_date__date__gte=since).values_list("id", flat=True)
    rows = (
        Case.history.filter(id__in=set(recent))
        .order_by("id", "history_date", "history_id")
        .only("id", "history_id", "history_date", "rosh_overall")
    )
    previous = None
    for row in rows:
        if (
            previous is not None
            and previous.id == row.id
            and previous.rosh_overall != row.rosh_overall
            and previous.rosh_overall  # a first RoSH is an assessment, not a change
            and row.history_date.date() >= since
        ):
            triggers.append(services.rosh_change_trigger(row.id, row.history_id))
        previous = row
    # Counted as before: every cause found, whether or not an earlier run reviewed it.
    services.review_trigger_many(triggers=triggers, today=today)
    return len(triggers)


# --- Deadlines other work sets --------------------------------------------------------------


def acceptability_reminders(*, today: dt.date) -> int:
    """An absence whose acceptability decision is past due and still undecided."""
    return _send(
        officer_notice(
            contact.case,
            subject=f"Absence decision overdue: {contact.case.crn}",
            body=f"Decide whether the absence on {contact.happened_at:%d %B %Y} was acceptable: "
            f"the decision was due on {contact.acceptability_due_on:%d %B %Y}.",
            tab="contacts/",
            key=f"acceptability-due:{contact.pk}:{contact.acceptability_due_on.isoformat()}",
        )
        for contact in Contact.objects.filter(
            acceptability_due_on__lt=today,
            acceptability_decided_at__isnull=True,
            outcome=AttendanceOutcome.ABSENCE_TO_DECIDE,
        )
        .select_related("case__responsible_officer")
        .only("id", "happened_at", "acceptability_due_on", "case", *notify_fields("case"))
    )


def service_centre_task_alerts(*, today: dt.date) -> int:
    """A warning letter or breach pack past its due date: every active service-centre
    member of staff who can see the case."""
    tasks = list(
        ServiceCentreTask.objects.filter(
            kind__in=[TaskKind.WARNING_LETTER, TaskKind.BREACH_PACK],
            status=TaskStatus.OPEN,
            due_date__lt=today,
        )
        .select_related("case")
        .only(
            "id", "kind", "description", "due_date", "case", *notify_fields("case", officer=False)
        )
    )
    if not tasks:
        return 0
    staff = list(Staff.objects.filter(role__in=roles.SERVICE_CENTRE, is_active=True))
    return _send(
        CaseNotice(
            case=task.case,
            people=staff,
            subject=f"{task.get_kind_display()} overdue: {task.case.crn}",
            body=f"{task.description} (due {task.due_date:%d %B %Y}).",
            dedupe_key=f"service-centre-task-overdue:{task.pk}:{task.due_date.isoformat()}",
        )
        for task in tasks
    )


def information_request_followups(*, today: dt.date) -> int:
    """Chase unanswered requests when the chase date comes (and tell the officer);
    escalate to the SPO when the escalation date comes (the service alerts the SPO)."""
    chased = information_requests_chase_due(today=today)
    _send(
        officer_notice(
            request.case,
            subject=f"Information request chased: {request.case.crn}",
            body=f"The {request.get_agency_display().lower()} information request sent on "
            f"{request.sent_on:%d %B %Y} has no answer and has been chased.",
            tab="assessment/",
            key=f"information-request:{request.pk}:chased",
        )
        for request in chased
    )
    return len(chased) + information_requests_escalate_due(today=today)


def registration_review_reminders(*, today: dt.date) -> int:
    horizon = today + dt.timedelta(days=rules.REGISTRATION_REVIEW_NOTICE_DAYS)
    notices = []
    for registration in (
        Registration.objects.filter(
            ended_on__isnull=True, next_review_date__lte=horizon, case__status=CaseStatus.ACTIVE
        )
        .select_related("case__responsible_officer")
        .only("id", "registration_type", "next_review_date", "case", *notify_fields("case"))
    ):
        case = registration.case
        due = registration.next_review_date
        notices.append(
            officer_notice(
                case,
                subject=f"Registration review {'overdue' if due < today else 'due'}: {case.crn}",
                body=f"The {registration.get_registration_type_display().lower()} registration "
                f"for {case.crn} is due for review on {due:%d %B %Y}.",
                tab="risk/",
                key=f"registration-review:{registration.pk}:{due.isoformat()}",
            )
        )
    return _send(notices)


# --- The weekly Grid digest --------------------------------------------------------------------


def grid_shortfalls(*, case_ids: list[int] | None = None, today: dt.date) -> dict[int, dict]:
    """Cases whose contacts in the last contact-level period fall below the level in
    force: {case_id: {"level", "contacts", "face_to_face"}}. Two queries.

    Counted: contacts with the person (not third parties) that took place, i.e. the
    person attended (complied or not); absences and reschedules do not count."""
    levels = ContactLevelDecision.objects.filter(
        status=ContactLevelStatus.ACTIVE, case__status=CaseStatus.ACTIVE
    )
    if case_ids is not None:
        levels = levels.filter(case_id__in=case_ids)
    # A subquery, not a list: for every case in the country the list would be 200,000 ids.
    level_cases = levels.values("case_id")
    levels = {d.case_id: d for d in levels}
    if not levels:
        return {}
    longest = max(d.period_days for d in levels.values())
    start = today - dt.timedelta(days=longest)
    counts: dict[int, list] = defaultdict(list)
    for case_id, when, kind in Contact.objects.filter(
        case_id__in=level_cases,
        happened_at__date__gt=start,
        happened_at__date__lte=today,
        contact_type__in=list(CONTACT_WITH_PERSON_TYPES),
        outcome__in=[AttendanceOutcome.ATTENDED_COMPLIED, AttendanceOutcome.ATTENDED_FAILED],
    ).values_list("case_id", "happened_at", "contact_type"):
        counts[case_id].append((when.date(), kind))
    short = {}
    for case_id, level in levels.items():
        window = today - dt.timedelta(days=level.period_days)
        recent = [kind for day, kind in counts[case_id] if day > window]
        face = sum(1 for kind in recent if kind in FACE_TO_FACE_CONTACT_TYPES)
        if rules.grid_shortfall(
            contacts=len(recent),
            face_to_face=face,
            minimum_contacts=level.contacts,
            minimum_face_to_face=level.face_to_face,
        ):
            short[case_id] = {
                "level": level.describe(),
                "contacts": len(recent),
                "face_to_face": face,
            }
    return short


def grid_shortfall_digest(*, today: dt.date) -> int:
    """Monday: each SPO gets one list of the cases in their teams below their contact
    level. Only cases the SPO may see are listed.

    Worked out once for every managed case (grid_shortfalls' two queries) and the policy
    asked for all (SPO, case) pairs at once, not a round of queries per SPO."""
    week = rules.week_start(today)
    spos = {s.pk: s for s in Staff.objects.filter(role__in=roles.LINE_MANAGERS, is_active=True)}
    teams: dict[int, set[int]] = defaultdict(set)
    for staff_id, team_id in Staff.managed_teams.through.objects.filter(
        staff_id__in=list(spos)
    ).values_list("staff_id", "team_id"):
        teams[staff_id].add(team_id)
    crns: dict[int, str] = {}
    by_team: dict[int, set[int]] = defaultdict(set)
    for pk, crn, team_id in Case.objects.filter(
        team_id__in={t for team_ids in teams.values() for t in team_ids}
    ).values_list("pk", "crn", "team_id"):
        crns[pk] = crn
        by_team[team_id].add(pk)
    wanted = {spo: set().union(*(by_team[t] for t in team_ids)) for spo, team_ids in teams.items()}
    visible = visible_case_ids_by_person(Case.objects.all(), spos, wanted)
    short_all = grid_shortfalls(today=today) if crns else {}
    digests = []
    for spo_pk in sorted(visible):
        short = {pk: short_all[pk] for pk in visible[spo_pk] if pk in short_all}
        if not short:
            continue
        lines = [
            f"{crns[pk]}: {row['contacts']} contact(s), {row['face_to_face']} face to face "
            f"against {row['level']}"
            for pk, row in sorted(short.items(), key=lambda item: crns[item[0]])
        ]
        digests.append(
            NotificationItem(
                recipients=[spo_pk],
                subject=f"Contact below the Grid: {len(short)} case(s) in your teams",
                body="\n".join(lines),
                url="/cases/team/",
                category=CATEGORY,
                dedupe_key=f"grid-shortfall:{spo_pk}:{week.isoformat()}",
            )
        )
    notification_send_many(items=digests)
    return len(digests)


DAILY_JOBS = {
    "review_due_reminders": review_due_reminders,
    "review_overdue_alerts": review_overdue_alerts,
    "periodic_reviews_schedule": periodic_reviews_schedule,
    "triggered_reviews_detect": triggered_reviews_detect,
    "acceptability_reminders": acceptability_reminders,
    "service_centre_task_alerts": service_centre_task_alerts,
    "information_request_followups": information_request_followups,
    "registration_review_reminders": registration_review_reminders,
}
WEEKLY_JOBS = {"grid_shortfall_digest": grid_shortfall_digest}
