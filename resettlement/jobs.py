"""The daily Through the Gate reminders. Each takes `today` so tests run it for any date;
tasks.py passes the London date.

Idempotent: every notification's dedupe key names the record and the date it concerns
(a due date, the expected release date, a threshold), never the run date, so a job run
twice, or every day while the condition holds, tells people once; a moved release date
or a newly crossed threshold is a new reminder. A job returns how many notifications it
asked for; the outbox keeps one row per dedupe key, so a repeat asks again to no effect.
"""

import datetime as dt

from cases.notify import (
    STAFF_FIELDS,
    CaseNotice,
    CaseRef,
    case_notify_many,
    notify_fields,
    staff_by_id,
)
from crc.workingdays import add_working_days
from resettlement import rules, selectors, services

CATEGORY = "reminder"
# A change whose officer could not be told at the time (no officer allocated yet) is
# told by the daily sweep while it is this recent.
CHANGE_NOTICE_DAYS = 14


def notice(episode, people, *, subject: str, body: str, key: str) -> CaseNotice:
    return CaseNotice(
        case=episode.case,
        people=people,
        subject=subject,
        body=body,
        dedupe_key=f"resettlement:{key}",
    )


def notify(notices) -> int:
    """Queue a job's notices together (case_notify_many: the query count does not grow
    with the number of cases); returns how many had somebody to tell."""
    return case_notify_many(notices=notices, category=CATEGORY)


def lean(episodes):
    """Only what the reminders and the access policy read: not the checklist, screening
    and plan rows with_pre_release_state joins (a national run reads 50,000 episodes)."""
    return (
        episodes.select_related(None)
        .select_related("case__responsible_officer", "prison", "resettlement_worker")
        .only(
            "id",
            "expected_release_date",
            "case",
            "prison",
            "resettlement_worker",
            *notify_fields("case"),
            "case__first_name",
            "case__last_name",
            "prison__id",
            "prison__name",
            *(f"resettlement_worker__{name}" for name in STAFF_FIELDS),
        )
    )


def officer_and_worker(episode) -> list:
    return [episode.case.responsible_officer, episode.resettlement_worker]


def screening_overdue_alerts(*, today: dt.date) -> int:
    """Screening not complete by its due date (5 working days after reception)."""
    notices = []
    overdue = selectors.open_episodes().filter(
        screening__completed_at__isnull=True, screening__due_on__lt=today
    )
    for episode in overdue.select_related("screening"):
        due = episode.screening.due_on
        notices.append(
            notice(
                episode,
                officer_and_worker(episode),
                subject=f"Resettlement screening overdue for {episode.case.crn}",
                body=f"Screening at {episode.prison} was due by {due:%d %B %Y}.",
                key=f"screening-overdue:{episode.screening.pk}:{due}",
            )
        )
    return notify(notices)


def pre_release_review_reminders(*, today: dt.date) -> int:
    """The pre-release review is due (12 weeks before release) and not yet held."""
    notices = []
    latest_release = today + dt.timedelta(weeks=rules.PRE_RELEASE_REVIEW_WEEKS)
    candidates = lean(
        selectors.with_pre_release_state(
            selectors.open_episodes().filter(expected_release_date__lte=latest_release)
        )
    )
    for episode in candidates:
        if episode.has_review:
            continue
        due = rules.pre_release_review_due(episode.expected_release_date)
        notices.append(
            notice(
                episode,
                officer_and_worker(episode),
                subject=f"Pre-release review due for {episode.case.crn}",
                body=(
                    f"Release from {episode.prison} is expected on "
                    f"{episode.expected_release_date:%d %B %Y}; review the plan by {due:%d %B %Y}."
                ),
                key=f"pre-release-review:{episode.pk}:{due}",
            )
        )
    return notify(notices)


def pre_release_contact_alerts(*, today: dt.date) -> int:
    """Release within 12, 6 or 2 weeks and the community officer has not made contact:
    the officer is told at each threshold crossed."""
    horizon = today + dt.timedelta(weeks=max(rules.CONTACT_ALERT_WEEKS))
    # Values, not models: every episode in the country with a release in 12 weeks.
    rows = list(
        selectors.with_pre_release_state(
            selectors.open_episodes().filter(
                expected_release_date__gte=today, expected_release_date__lte=horizon
            )
        ).values_list(
            "pk",
            "expected_release_date",
            "has_officer_contact",
            "case_id",
            "case__crn",
            "case__first_name",
            "case__last_name",
            "prison__name",
            "case__responsible_officer_id",
        )
    )
    officers = staff_by_id(row[-1] for row in rows)
    notices = []
    for pk, release, contacted, case_id, crn, first, last, prison, officer_id in rows:
        weeks = rules.contact_alert_threshold(
            today=today, release=release, has_pre_release_contact=contacted
        )
        if weeks is None:
            continue
        notices.append(
            CaseNotice(
                case=CaseRef(pk=case_id, crn=crn),
                people=[officers[officer_id]] if officer_id in officers else [],
                subject=f"Release in {weeks} weeks, no contact yet: {crn}",
                body=(
                    # As f"{episode.case} leaves {episode.prison}" reads (Case.__str__).
                    f"{crn} {first} {last} leaves {prison} on {release:%d %B %Y} and you have "
                    "not made pre-release contact. Write, phone, video call or visit."
                ),
                dedupe_key=f"resettlement:pre-release-contact:{pk}:{release}:{weeks}",
            )
        )
    return notify(notices)


def imminent_release_alerts(*, today: dt.date) -> int:
    """Release within 2 working days without confirmed accommodation or a first
    community appointment."""
    notices = []
    horizon = add_working_days(today, rules.IMMINENT_RELEASE_WORKING_DAYS)
    candidates = selectors.with_pre_release_state(
        selectors.open_episodes().filter(
            expected_release_date__gte=today, expected_release_date__lte=horizon
        )
    )
    for episode in candidates:
        release = episode.expected_release_date
        checklist = getattr(episode, "checklist", None)
        gaps = rules.imminent_release_gaps(
            today=today,
            release=release,
            accommodation_confirmed=bool(checklist and checklist.accommodation_confirmed),
            first_appointment_booked=bool(checklist and checklist.first_appointment_id),
        )
        if not gaps:
            continue
        notices.append(
            notice(
                episode,
                officer_and_worker(episode),
                subject=f"Release on {release:%d %B} not ready: {episode.case.crn}",
                body=f"{episode.case} leaves {episode.prison} soon and " + " and ".join(gaps) + ".",
                key=f"imminent-release:{episode.pk}:{release}:{'+'.join(sorted(gaps))}",
            )
        )
    return notify(notices)


def release_date_change_notices(*, today: dt.date) -> int:
    """Tell the officer of recent release-date changes. The change itself already told
    them (same dedupe key, so this is a no-op then); this catches a change made while
    the case had no officer to tell."""
    since = today - dt.timedelta(days=CHANGE_NOTICE_DAYS)
    return notify(
        services.release_date_change_notice(change)
        for change in selectors.recent_release_date_changes(since=since)
    )


DAILY_JOBS = {
    "screening_overdue_alerts": screening_overdue_alerts,
    "pre_release_review_reminders": pre_release_review_reminders,
    "pre_release_contact_alerts": pre_release_contact_alerts,
    "imminent_release_alerts": imminent_release_alerts,
    "release_date_change_notices": release_date_change_notices,
}
