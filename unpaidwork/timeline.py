"""Unpaid work on the case timeline: session outcomes, inductions, placements and ETE
referrals. Registered from UnpaidWorkConfig.ready(); the paging contract and the
sensitivity rule are in cases.timeline. Each reader runs one query however long the
history. What a supervisor wrote about a session, and why a placement was chosen (risk,
tensions), is detail: only the readers of sensitive detail see it."""

from cases import timeline
from cases.timeline import TimelineEvent, at_midnight, person
from unpaidwork.models import Attendance, EteReferral, Induction, Outcome, Placement


def session_outcomes(case, *, limit, see_sensitive):
    rows = (
        Attendance.objects.filter(order__case=case)
        .exclude(outcome=Outcome.EXPECTED)
        .select_related("session__project", "recorded_by")
        .order_by("-session__date", "-session__starts_at", "-pk")[:limit]
    )
    for a in rows:
        session = a.session
        title = f"Unpaid work at {session.project.name}: {a.get_outcome_display()}"
        if a.worked_minutes:
            title += f" ({a.worked_minutes / 60:g} hours)"
        text = session.stood_down_reason if a.outcome == Outcome.STOOD_DOWN else ""
        if see_sensitive and a.notes:
            text = f"{text} {a.notes}".strip()
        yield TimelineEvent(
            "unpaid_work",
            a.recorded_at or at_midnight(session.date),
            title,
            text=text,
            byline=person(a.recorded_by),
        )


def inductions(case, *, limit, see_sensitive):
    rows = (
        Induction.objects.filter(order__case=case)
        .select_related("recorded_by", "booked_by")
        .order_by("-starts_at", "-pk")[:limit]
    )
    for i in rows:
        title = f"Unpaid work induction: {i.get_status_display().lower()}"
        if i.understanding_checked:
            title += ", understanding checked"
        yield TimelineEvent(
            "unpaid_work_induction",
            i.starts_at,
            title,
            text=i.understanding_notes if see_sensitive else "",
            byline=person(i.recorded_by or i.booked_by),
        )


def placements(case, *, limit, see_sensitive):
    rows = (
        Placement.objects.filter(order__case=case)
        .select_related("project", "allocated_by")
        .order_by("-allocated_at", "-pk")[:limit]
    )
    for p in rows:
        yield TimelineEvent(
            "unpaid_work_placement",
            p.allocated_at,
            f"Placed on {p.project.name} ({p.project.borough})",
            text=p.reason if see_sensitive else "",
            byline=person(p.allocated_by),
        )


def ete_referrals(case, *, limit, see_sensitive):
    rows = (
        EteReferral.objects.filter(order__case=case)
        .select_related("created_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    for r in rows:
        how = "automatically, unemployed at the start" if r.automatic else "by staff"
        yield TimelineEvent(
            "ete_referral",
            r.created_at,
            f"Referred for an ETE assessment ({how})",
            text=r.reason,
            byline=person(r.created_by),
        )


def register() -> None:
    timeline.register_source(
        kind="unpaid_work", label="Unpaid work sessions", reader=session_outcomes, order=110
    )
    timeline.register_source(
        kind="unpaid_work_induction", label="Unpaid work inductions", reader=inductions, order=111
    )
    timeline.register_source(
        kind="unpaid_work_placement", label="Unpaid work placements", reader=placements, order=112
    )
    timeline.register_source(
        kind="ete_referral", label="ETE referrals", reader=ete_referrals, order=113
    )
