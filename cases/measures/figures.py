"""Supervision measures for the dashboards (issue 13): public selector functions.

Every function takes `cases`, a Case queryset the caller has already scoped through
crc.access, and answers with aggregate queries: the number of queries is fixed however
many cases there are (tests assert it). Each figure is a condition on the case, so the
figure's count and the list of cases behind it (`cases_behind`) come from the same
definition and cannot disagree.

Definitions (policy numbers come from the same tables and settings the jobs use):
- reviews due: a review still due within the reminder window (7 days); overdue: past due;
- appointments awaiting outcome: booked, start time passed, no outcome recorded;
- enforcement decisions overdue: an absence whose acceptability decision is past due, or
  a failure to comply with no enforcement decision after the decision deadline
  (DeadlinePolicy "acceptability-decision", 2 working days by default);
- enforcement actions overdue: an open warning-letter or breach-pack task past due;
- unreviewed significant changes: not covered by a completed review;
- without management oversight: no oversight entry in CRC_OVERSIGHT_WEEKS (default 12)
  weeks, for cases held longer than that;
- Grid compliance: the current period of the contact level in force, as the caseload
  shows it (cases.contacts.rules.grid_periods); a period begun before supervision is not
  judged and counts as met.

`register_dashboard_sections()` plugs these into crc.dashboards; cases/apps.py calls it
from ready().
"""

import datetime as dt

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.deadlines import deadline_working_days
from cases.models import (
    CONTACT_WITH_PERSON_TYPES,
    FACE_TO_FACE_CONTACT_TYPES,
    FAILURE_OUTCOMES,
    OPEN_ESCALATION_STATUSES,
    OPEN_INFORMATION_REQUEST_STATUSES,
    Appointment,
    AppointmentStatus,
    AssessmentStatus,
    AttendanceOutcome,
    CaseStatus,
    Contact,
    ContactLevelDecision,
    ContactLevelStatus,
    EnforcementAction,
    Escalation,
    InformationRequest,
    Order,
    OrderStatus,
    OversightEntry,
    Registration,
    Review,
    ReviewStatus,
    ServiceCentreTask,
    SignificantChange,
    TaskKind,
    TaskStatus,
)
from cases.reviews.rules import REMINDER_DAYS_BEFORE
from crc.workingdays import add_working_days

# Outcomes in which the person was seen (as cases.contacts.selectors counts the Grid).
SEEN_OUTCOMES = [
    AttendanceOutcome.ATTENDED_COMPLIED,
    AttendanceOutcome.ATTENDED_FAILED,
    AttendanceOutcome.NOT_APPLICABLE,
]
TREND_MONTHS = 12


def oversight_weeks() -> int:
    return settings.CRC_OVERSIGHT_WEEKS


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def decision_overdue_before(today: dt.date, working_days: int) -> dt.date:
    """The first day whose failures are not yet overdue: a failure on day d is overdue
    when its decision deadline (d + working_days working days) has passed."""
    day = today
    while add_working_days(day - dt.timedelta(days=1), working_days) >= today:
        day -= dt.timedelta(days=1)
    return day


class _Context:
    """The dates the definitions need, worked out once per call (one query), and the
    scoped cases, which narrow each definition's subquery (an SPO's few hundred cases
    need not find the whole service's overdue reviews)."""

    def __init__(self, today: dt.date, cases: QuerySet):
        self.today = today
        self.scope = cases.values("pk")
        self.start_today = start_of_day(today)
        self.now = timezone.now()
        self.due_soon_until = today + dt.timedelta(days=REMINDER_DAYS_BEFORE)
        self.failures_before = start_of_day(
            decision_overdue_before(today, deadline_working_days("acceptability-decision"))
        )
        self.oversight_since = self.start_today - dt.timedelta(weeks=oversight_weeks())


def _cases_in(rows: QuerySet, c: "_Context") -> Q:
    """The cases with a row in `rows`, as `pk IN (SELECT DISTINCT case_id ...)` (issue 14).

    In an aggregate's FILTER, PostgreSQL runs a correlated EXISTS once per case (over a
    whole service, seconds a figure); this subquery is not correlated, so it runs once
    and is hashed. DISTINCT bounds the planner's estimate of its size by the number of
    cases, which keeps the hash within memory (each row counts a few tens of bytes)."""
    return Q(pk__in=rows.filter(case__in=c.scope).values("case_id").distinct())


def _of_case(c: "_Context", model, **filters) -> Q:
    return _cases_in(model.objects.filter(**filters), c)


def _q_reviews_overdue(c: _Context) -> Q:
    return _of_case(c, Review, status=ReviewStatus.DUE, due_on__lt=c.today)


def _q_reviews_due(c: _Context) -> Q:
    return _of_case(
        c, Review, status=ReviewStatus.DUE, due_on__gte=c.today, due_on__lte=c.due_soon_until
    )


def _q_appointments_awaiting_outcome(c: _Context) -> Q:
    return _of_case(c, Appointment, status=AppointmentStatus.BOOKED, starts_at__lt=c.now)


def _q_enforcement_decisions_overdue(c: _Context) -> Q:
    absence = _of_case(
        c,
        Contact,
        outcome=AttendanceOutcome.ABSENCE_TO_DECIDE,
        acceptability_decided_at__isnull=True,
        acceptability_due_on__lt=c.today,
    )
    undecided_failure = _cases_in(
        Contact.objects.filter(
            outcome__in=FAILURE_OUTCOMES,
            happened_at__lt=c.failures_before,
        ).exclude(Exists(EnforcementAction.objects.filter(failure=OuterRef("pk")))),
        c,
    )
    return absence | undecided_failure


def _q_enforcement_actions_overdue(c: _Context) -> Q:
    return _of_case(
        c,
        ServiceCentreTask,
        status=TaskStatus.OPEN,
        kind__in=[TaskKind.WARNING_LETTER, TaskKind.BREACH_PACK],
        due_date__lt=c.today,
    )


def _q_open_escalations(c: _Context) -> Q:
    return _of_case(c, Escalation, status__in=OPEN_ESCALATION_STATUSES)


def _q_unreviewed_significant_changes(c: _Context) -> Q:
    return _cases_in(SignificantChange.objects.exclude(review__status=ReviewStatus.COMPLETE), c)


def _q_information_requests_outstanding(c: _Context) -> Q:
    return _of_case(c, InformationRequest, status__in=OPEN_INFORMATION_REQUEST_STATUSES)


def _q_without_oversight(c: _Context) -> Q:
    recent = _of_case(c, OversightEntry, created_at__gte=c.oversight_since)
    return Q(created_at__lt=c.oversight_since) & ~recent


def _q_missing_ethnicity(c: _Context) -> Q:
    return Q(ethnicity="")


# One assessment and one sentence plan per case: a join (no subquery) finds the gaps.
def _q_missing_assessment(c: _Context) -> Q:
    return ~Q(assessment__status=AssessmentStatus.COMPLETE)


def _q_missing_plan(c: _Context) -> Q:
    return Q(sentence_plan__isnull=True)


def _q_registration_reviews_overdue(c: _Context) -> Q:
    return _of_case(c, Registration, ended_on__isnull=True, next_review_date__lt=c.today)


SUPERVISION_FIGURES = {
    "reviews_due": ("Reviews due within 7 days", _q_reviews_due),
    "reviews_overdue": ("Reviews overdue", _q_reviews_overdue),
    "appointments_awaiting_outcome": (
        "Appointments awaiting an outcome",
        _q_appointments_awaiting_outcome,
    ),
    "enforcement_decisions_overdue": (
        "Enforcement decisions overdue",
        _q_enforcement_decisions_overdue,
    ),
    "enforcement_actions_overdue": ("Enforcement actions overdue", _q_enforcement_actions_overdue),
    "open_escalations": ("Open escalations", _q_open_escalations),
    "unreviewed_significant_changes": (
        "Significant changes not yet reviewed",
        _q_unreviewed_significant_changes,
    ),
    "information_requests_outstanding": (
        "Information requests outstanding",
        _q_information_requests_outstanding,
    ),
    "without_oversight": ("Cases without management oversight", _q_without_oversight),
}
DATA_QUALITY_FIGURES = {
    "missing_ethnicity": ("Ethnicity not recorded", _q_missing_ethnicity),
    "missing_assessment": ("No completed assessment", _q_missing_assessment),
    "missing_plan": ("No sentence plan", _q_missing_plan),
    "registration_reviews_overdue": (
        "Registration reviews overdue",
        _q_registration_reviews_overdue,
    ),
}
GRID_SHORT = "grid_short"


def active(cases: QuerySet) -> QuerySet:
    return cases.filter(status=CaseStatus.ACTIVE)


def figure_counts(cases: QuerySet, *, today: dt.date | None = None) -> dict[str, int]:
    """Every supervision and data-quality figure over the active cases, in one query
    (plus one for the deadline policy)."""
    c = _Context(today or timezone.localdate(), cases)
    definitions = {**SUPERVISION_FIGURES, **DATA_QUALITY_FIGURES}
    return active(cases).aggregate(
        active_cases=Count("pk"),
        **{key: Count("pk", filter=build(c)) for key, (_label, build) in definitions.items()},
    )


# --- The Grid -----------------------------------------------------------------------------


def _late_starters(since: dt.date) -> QuerySet:
    """Cases whose supervision began after `since`: the newest active order (by start
    date, then id) began (released or started) later. Their current Grid period began
    before supervision, so it is not judged."""
    newer = Order.objects.filter(case=OuterRef("case"), status=OrderStatus.ACTIVE).filter(
        Q(start_date__gt=OuterRef("start_date"))
        | Q(start_date=OuterRef("start_date"), pk__gt=OuterRef("pk"))
    )
    return (
        Order.objects.filter(status=OrderStatus.ACTIVE)
        .annotate(began=Coalesce("release_date", "start_date"))
        .filter(began__gt=since)
        .exclude(Exists(newer))
    )


def _with_grid(cases: QuerySet, c: _Context) -> tuple[QuerySet, Q, Q]:
    """Cases annotated with contacts in the current period, and the conditions "has a
    level in force" and "short this period". The current period is the last
    `period_days` days, so the counts are taken once per distinct period length in use
    (a handful of Grid levels), never per case.

    The level in force (at most one a case) is a join, not a subquery per column, and
    whether a period is judged is a set of cases found once per period (issue 14): each
    per-case subquery would run again wherever a condition names it."""
    cases = cases.annotate(
        grid_level=FilteredRelation(
            "contact_levels", condition=Q(contact_levels__status=ContactLevelStatus.ACTIVE)
        )
    )
    periods = sorted(
        set(
            ContactLevelDecision.objects.filter(
                case__in=cases.values("pk"), status=ContactLevelStatus.ACTIVE
            ).values_list("period_days", flat=True)
        )
    )
    short = Q(pk__in=[])
    end = start_of_day(c.today + dt.timedelta(days=1))
    for period in periods:
        start_day = c.today - dt.timedelta(days=period - 1)
        seen = Contact.objects.filter(
            case=OuterRef("pk"),
            contact_type__in=CONTACT_WITH_PERSON_TYPES,
            outcome__in=SEEN_OUTCOMES,
            happened_at__gte=start_of_day(start_day),
            happened_at__lt=end,
        )
        counted = seen.values("case").annotate(n=Count("pk")).values("n")
        face = seen.filter(contact_type__in=FACE_TO_FACE_CONTACT_TYPES)
        face_counted = face.values("case").annotate(n=Count("pk")).values("n")
        n_key, f_key = f"grid_n_{period}", f"grid_f_{period}"
        cases = cases.annotate(
            **{
                n_key: Coalesce(Subquery(counted, output_field=IntegerField()), 0),
                f_key: Coalesce(Subquery(face_counted, output_field=IntegerField()), 0),
            }
        )
        judged = ~_cases_in(_late_starters(start_day), c)
        short |= (
            Q(grid_level__period_days=period)
            & judged
            & (
                Q(**{f"{n_key}__lt": F("grid_level__contacts")})
                | Q(**{f"{f_key}__lt": F("grid_level__face_to_face")})
            )
        )
    return cases, Q(grid_level__period_days__isnull=False), short


def grid_compliance(cases: QuerySet, *, today: dt.date | None = None) -> dict[str, int]:
    """Cases with a contact level in force and how many meet it this period (two queries)."""
    c = _Context(today or timezone.localdate(), cases)
    annotated, has_level, short = _with_grid(active(cases), c)
    return annotated.aggregate(
        with_level=Count("pk", filter=has_level),
        short=Count("pk", filter=has_level & short),
    )


# --- Drill-down ---------------------------------------------------------------------------


def cases_behind(key: str, cases: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """The active cases a figure counts (restricted ones included: the caller decides
    how to show them)."""
    c = _Context(today or timezone.localdate(), cases)
    if key == GRID_SHORT:
        annotated, has_level, short = _with_grid(active(cases), c)
        return annotated.filter(has_level & short)
    definitions = {**SUPERVISION_FIGURES, **DATA_QUALITY_FIGURES}
    if key not in definitions:
        raise LookupError(f"No supervision figure {key!r}")
    return active(cases).filter(definitions[key][1](c))


# --- By team and by officer ---------------------------------------------------------------


def data_quality_by_team(cases: QuerySet, *, today: dt.date | None = None) -> list[dict]:
    """Per team: active cases and each data-quality gap (one query). Drill down with
    cases_behind(key, cases.filter(team_id=...))."""
    c = _Context(today or timezone.localdate(), cases)
    rows = (
        active(cases)
        .values("team_id", "team__name")
        .annotate(
            active_cases=Count("pk"),
            **{
                key: Count("pk", filter=build(c))
                for key, (_l, build) in DATA_QUALITY_FIGURES.items()
            },
        )
        .order_by("team__name", "team_id")
    )
    return list(rows)


def caseload_by_officer_and_tier(cases: QuerySet) -> list[dict]:
    """Active cases per responsible officer and tier (one query): the workload input."""
    return list(
        active(cases)
        .filter(responsible_officer__isnull=False)
        .values("responsible_officer_id", "tier")
        .annotate(cases=Count("pk"))
        .order_by("responsible_officer_id", "tier")
    )
