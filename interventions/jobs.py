"""The daily jobs for interventions. Each takes `today` so tests can run it for any
date; the Celery tasks (tasks.py) pass the London date.

Idempotent: every reminder carries a dedupe key naming what it is about and the date or
version it concerns, so a job run twice, or daily while the condition holds, tells the
officer once; concluding moves referrals to states the next run no longer matches.
"""

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone

from cases.models import OrderStatus, Requirement, RequirementType
from cases.notify import CaseNotice, CaseRef, case_notify_many, officer_notice, staff_by_id
from interventions import policy, rules, selectors, services
from interventions.models import ActionPlan, AppointmentKind, Referral

S = rules.ReferralStatus
CATEGORY = "reminder"


def _notice(case, *, subject: str, body: str, key: str) -> CaseNotice:
    return officer_notice(case, subject=subject, body=body, key=key, tab="timeline/")


def _tell_officers(notices) -> int:
    """Queue a job's reminders together (case_notify_many: the query count does not grow
    with the number of cases); returns how many had an officer to tell."""
    return case_notify_many(notices=notices, category=CATEGORY)


def _referrals(*statuses):
    return Referral.objects.filter(status__in=statuses).select_related(
        "case__responsible_officer", "service"
    )


def referral_unassigned_reminders(*, today: dt.date) -> int:
    """Not assigned to a caseworker within 5 working days of sending."""
    days = policy.number("assignment_working_days")
    notices = []
    for r in _referrals(S.SENT):
        sent_on = timezone.localtime(r.sent_at).date()
        if rules.assignment_overdue(sent_on=sent_on, today=today, working_days=days):
            notices.append(
                _notice(
                    r.case,
                    subject=f"Referral not yet assigned: {r.case.crn}",
                    body=f"{r.service.name} has not assigned a caseworker since "
                    f"{sent_on:%d %B %Y}.",
                    key=f"intervention-unassigned:{r.pk}",
                )
            )
    return _tell_officers(notices)


def action_plan_approval_reminders(*, today: dt.date) -> int:
    """An action plan waiting for the officer's approval."""
    days = policy.number("plan_approval_working_days")
    plans = ActionPlan.objects.filter(
        approved_at__isnull=True, referral__status=S.PLAN_SUBMITTED
    ).select_related("referral__case__responsible_officer", "referral__service")
    notices = []
    for plan in plans:
        submitted_on = timezone.localtime(plan.submitted_at).date()
        if rules.plan_approval_overdue(submitted_on=submitted_on, today=today, working_days=days):
            case = plan.referral.case
            notices.append(
                _notice(
                    case,
                    subject=f"Action plan awaiting your approval: {case.crn}",
                    body=f"{plan.referral.service.name} submitted an action plan on "
                    f"{submitted_on:%d %B %Y}.",
                    key=f"intervention-plan-approval:{plan.pk}:{plan.version}",
                )
            )
    return _tell_officers(notices)


def _in_delivery():
    return _referrals(S.PLAN_APPROVED, S.WITHDRAWN).annotate(
        last_session=Max(
            "appointments__starts_at",
            filter=Q(
                appointments__kind=AppointmentKind.SESSION, appointments__recorded_at__isnull=False
            ),
        ),
        recorded=Count(
            "appointments",
            filter=Q(
                appointments__kind=AppointmentKind.SESSION, appointments__recorded_at__isnull=False
            ),
            # The join with the plans would otherwise count each session once per plan.
            distinct=True,
        ),
        approved=Max("action_plans__approved_at"),
    )


def session_gap_alerts(*, today: dt.date) -> int:
    """No session for 14 days during delivery (counted from approval before the first)."""
    days = policy.number("session_gap_days")
    notices = []
    for r in _in_delivery().filter(status=S.PLAN_APPROVED, approved__isnull=False):
        last_on = timezone.localtime(r.last_session or r.approved).date()
        if rules.session_gap(last_on=last_on, today=today, days=days):
            notices.append(
                _notice(
                    r.case,
                    subject=f"No {r.service.name} session for {days} days: {r.case.crn}",
                    body=f"The last session (or the plan's approval) was on {last_on:%d %B %Y}.",
                    key=f"intervention-no-session:{r.pk}:{last_on.isoformat()}",
                )
            )
    return _tell_officers(notices)


def end_report_overdue_alerts(*, today: dt.date) -> int:
    days = policy.number("end_report_working_days")
    plans = {
        p.referral_id: p
        for p in ActionPlan.objects.filter(
            approved_at__isnull=False, referral__status__in=[S.PLAN_APPROVED, S.WITHDRAWN]
        ).order_by("approved_at")
    }
    notices = []
    for r in _in_delivery().filter(pk__in=plans):
        due = rules.end_report_due(
            plan_approved=True,
            sessions_planned=plans[r.pk].number_of_sessions,
            sessions_recorded=r.recorded,
            last_session_on=timezone.localtime(r.last_session).date() if r.last_session else None,
            withdrawn_on=timezone.localtime(r.withdrawn_at).date() if r.withdrawn_at else None,
            working_days=days,
        )
        if due is not None and due < today:
            notices.append(
                _notice(
                    r.case,
                    subject=f"End-of-service report overdue: {r.case.crn}",
                    body=f"{r.service.name}'s end-of-service report was due on {due:%d %B %Y}.",
                    key=f"intervention-end-report:{r.pk}:{due.isoformat()}",
                )
            )
    return _tell_officers(notices)


def rar_at_risk_alerts(*, today: dt.date) -> int:
    """RAR days that cannot be delivered before the order ends at the policy's pace.

    Every active RAR in the country is read as values (not four model instances a row),
    and only the officers of the ones at risk are loaded, in one query."""
    rows = (
        Requirement.objects.filter(
            requirement_type=RequirementType.RAR,
            length__isnull=False,
            order__status=OrderStatus.ACTIVE,
        )
        .annotate(credited=Count("rar_credits"))
        .values_list(
            "pk",
            "length",
            "credited",
            "order__expected_end_date",
            "order__case_id",
            "order__case__crn",
            "order__case__responsible_officer_id",
        )
    )
    at_risk = []
    for pk, length, credited, ends, case_id, crn, officer_id in rows:
        position = selectors.rar_position(
            length=length, credited=credited, order_ends=ends, today=today
        )
        if position.at_risk:
            at_risk.append((pk, ends, CaseRef(pk=case_id, crn=crn), officer_id, position))
    officers = staff_by_id(officer_id for *_, officer_id, _ in at_risk)
    return _tell_officers(
        CaseNotice(
            case=case,
            people=[officers[officer_id]] if officer_id in officers else [],
            subject=f"RAR days at risk: {case.crn}",
            body=f"{position.remaining} of {position.ordered} RAR days remain and about "
            f"{position.deliverable} can be delivered before the order ends on "
            f"{ends:%d %B %Y}.",
            tab="timeline/",
            dedupe_key=f"rar-at-risk:{pk}:{ends.isoformat()}",
        )
        for pk, ends, case, officer_id, position in at_risk
    )


def referrals_conclude_nightly(*, today: dt.date) -> int:
    return services.referrals_conclude()


DAILY_JOBS = {
    "referral_unassigned_reminders": referral_unassigned_reminders,
    "action_plan_approval_reminders": action_plan_approval_reminders,
    "session_gap_alerts": session_gap_alerts,
    "end_report_overdue_alerts": end_report_overdue_alerts,
    "rar_at_risk_alerts": rar_at_risk_alerts,
    "referrals_conclude_nightly": referrals_conclude_nightly,
}
