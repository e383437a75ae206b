"""What the responsible officer is told about unpaid work, through case_notify (the
access policy decides who may be told; dedupe keys make each notice once)."""

from django.utils import timezone

from cases.notify import CaseNotice, case_notify, case_notify_many
from cases.notify import officer_notice as cases_officer_notice

CATEGORY = "unpaid_work"
TAB = "timeline/?kind=unpaid_work"


def tell_officer(case, *, subject: str, body: str, key: str, tab: str = TAB) -> bool:
    if not case.responsible_officer_id:
        return False
    return case_notify(
        case=case,
        people=[case.responsible_officer],
        subject=subject,
        body=body,
        tab=tab,
        category=CATEGORY,
        dedupe_key=key,
    )


def officer_notice(case, *, subject: str, body: str, key: str, tab: str = TAB) -> CaseNotice:
    """cases.notify.officer_notice with unpaid work's tab."""
    return cases_officer_notice(case, subject=subject, body=body, key=key, tab=tab)


def tell_officers(notices) -> int:
    """A nightly job's notices, queued together (case_notify_many: the query count does
    not grow with the number of cases); returns how many had an officer to tell."""
    return case_notify_many(notices=notices, category=CATEGORY)


def induction_recorded(induction) -> bool:
    case = induction.order.case
    when = f"{timezone.localtime(induction.starts_at):%d %B %Y}"
    return tell_officer(
        case,
        subject=f"Unpaid work induction {induction.get_status_display().lower()}: {case.crn}",
        body=f"The unpaid work induction on {when} was recorded as "
        f"{induction.get_status_display().lower()}.",
        key=f"uw-induction:{induction.pk}:{induction.status}",
        tab="timeline/?kind=unpaid_work_induction",
    )


def ete_referred(referral) -> bool:
    case = referral.order.case
    return tell_officer(
        case,
        subject=f"Referred for an ETE assessment: {case.crn}",
        body=f"{case.crn} was referred for an education, training and employment assessment.",
        key=f"uw-ete-referral:{referral.pk}",
        tab="timeline/?kind=ete_referral",
    )


def placement_allocated(placement) -> bool:
    case = placement.order.case
    return tell_officer(
        case,
        subject=f"Unpaid work placement: {case.crn}",
        body=f"{case.crn} was placed on {placement.project.name} ({placement.project.borough}).",
        key=f"uw-placement:{placement.pk}",
        tab="timeline/?kind=unpaid_work_placement",
    )


def outcome_recorded(attendance) -> bool:
    """Every outcome reaches the officer (the inspectors: feedback reached the officer in
    only two fifths of cases)."""
    case = attendance.order.case
    session = attendance.session
    body = f"{session.project.name}, {session.date:%d %B %Y}: {attendance.get_outcome_display()}."
    if attendance.contact_id:
        body += " This is a failure to comply: an enforcement decision is needed."
    return tell_officer(
        case,
        subject=f"Unpaid work: {attendance.get_outcome_display().lower()} ({case.crn})",
        body=body,
        key=f"uw-outcome:{attendance.pk}:{attendance.outcome}",
    )
