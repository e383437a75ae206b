"""The daily unpaid work jobs (DOMAIN.md §5). Each takes `today` so tests can run it for
any date; tasks.py passes the London date.

Idempotent: every notice carries a dedupe key naming what it is about and the fact it
concerns (the deadline, the last session, the sentence), so a job run twice, or every day
while the condition holds, tells the officer once; a new fact is a new notice."""

import datetime as dt

from django.db.models import Exists, Max, OuterRef

from cases.models import EmploymentStatus
from cases.notify import CaseNotice, CaseRef, staff_by_id
from crc.workingdays import add_working_days
from unpaidwork import notices, policy, selectors
from unpaidwork.models import (
    EteReferral,
    Induction,
    InductionStatus,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)


def orders_at_risk_alerts(*, today: dt.date) -> int:
    """Hours left outrun the sessions possible before the 12-month deadline."""
    found = []
    for order, progress in selectors.open_orders_at_risk(today=today):
        case = order.case
        found.append(
            notices.officer_notice(
                case,
                subject=f"Unpaid work at risk of missing its deadline: {case.crn}",
                body=f"{progress.remaining_minutes / 60:g} hours are left and the order must be "
                f"done by {order.deadline:%d %B %Y}.",
                key=f"uw-at-risk:{order.pk}:{order.deadline.isoformat()}",
            )
        )
    return notices.tell_officers(found)


def no_session_alerts(*, today: dt.date) -> int:
    """A placed person with no session (held or booked) in the last 14 days."""
    days = policy.current().no_session_alert_days
    # Values, not models: every placed person in the country without a recent session.
    rows = list(
        selectors.no_recent_session(today=today, days=days)
        .annotate(last_session=Max("attendances__session__date"))
        .values_list("pk", "case_id", "case__crn", "case__responsible_officer_id", "last_session")
    )
    officers = staff_by_id(row[3] for row in rows)
    found = []
    for pk, case_id, crn, officer_id, last in rows:
        since = f"since {last:%d %B %Y}" if last else "yet"
        found.append(
            CaseNotice(
                case=CaseRef(pk=case_id, crn=crn),
                people=[officers[officer_id]] if officer_id in officers else [],
                subject=f"No unpaid work session for {days} days: {crn}",
                body=f"{crn} has had no unpaid work session {since}.",
                tab=notices.TAB,
                dedupe_key=f"uw-no-session:{pk}:{last.isoformat() if last else 'never'}",
            )
        )
    return notices.tell_officers(found)


def induction_overdue_alerts(*, today: dt.date) -> int:
    """No induction done within 10 working days of sentence."""
    days = policy.current().induction_working_days
    done = Induction.objects.filter(order=OuterRef("pk"), status=InductionStatus.DONE)
    orders = (
        UnpaidWorkOrder.objects.filter(status=UnpaidWorkStatus.AWAITING_INDUCTION)
        .exclude(Exists(done))
        .select_related("case__responsible_officer", "requirement__order")
    )
    found = []
    for order in orders:
        sentenced = order.requirement.order.sentence_date
        due = add_working_days(sentenced, days)
        if today <= due:
            continue
        case = order.case
        found.append(
            notices.officer_notice(
                case,
                subject=f"Unpaid work induction overdue: {case.crn}",
                body=f"The induction was due within {days} working days of sentence "
                f"(by {due:%d %B %Y}).",
                key=f"uw-induction-overdue:{order.pk}:{due.isoformat()}",
            )
        )
    return notices.tell_officers(found)


def ete_referral_missing_alerts(*, today: dt.date) -> int:
    """Someone unemployed, inducted, and not referred for an ETE assessment."""
    referred = EteReferral.objects.filter(order=OuterRef("pk"))
    orders = (
        UnpaidWorkOrder.objects.filter(
            status=UnpaidWorkStatus.ACTIVE, case__employment_status=EmploymentStatus.UNEMPLOYED
        )
        .exclude(Exists(referred))
        .select_related("case__responsible_officer")
    )
    found = []
    for order in orders:
        case = order.case
        found.append(
            notices.officer_notice(
                case,
                subject=f"ETE referral missing: {case.crn}",
                body=f"{case.crn} is unemployed and has not been referred for an education, "
                "training and employment assessment.",
                key=f"uw-ete-missing:{order.pk}",
            )
        )
    return notices.tell_officers(found)


DAILY_JOBS = {
    "orders_at_risk_alerts": orders_at_risk_alerts,
    "no_session_alerts": no_session_alerts,
    "induction_overdue_alerts": induction_overdue_alerts,
    "ete_referral_missing_alerts": ete_referral_missing_alerts,
}
