"""Interventions on the case timeline (cases/timeline.py's contract): referral sent,
assigned, withdrawn and concluded; action plan approved; sessions; concerns; the end-of-
service report. Four queries whatever the history's length. A concern's words are
held back from those who may not read sensitive detail."""

from cases.timeline import TimelineEvent, newest_events, person, register_source
from interventions.models import ActionPlan, EndOfServiceReport, ProviderAppointment, Referral

KIND = "intervention"


def _event(when, title, *, text="", by=None) -> TimelineEvent:
    """An interventions event, bylined with the member of staff `by` when there is one."""
    return TimelineEvent(KIND, when, title, text=text, byline=person(by))


def _referral_events(case, limit):
    rows = (
        Referral.objects.filter(case=case)
        .select_related("service", "referred_by", "caseworker", "withdrawn_by")
        .order_by("-sent_at")[:limit]
    )
    for r in rows:
        service = r.service.name
        yield _event(r.sent_at, f"Referred to {service}", text=r.reason, by=r.referred_by)
        if r.assigned_at:
            yield _event(
                r.assigned_at, f"{service}: caseworker assigned", text=person(r.caseworker)
            )
        if r.withdrawn_at:
            yield _event(
                r.withdrawn_at,
                f"{service}: referral withdrawn",
                text=r.withdrawal_reason,
                by=r.withdrawn_by,
            )
        if r.concluded_at:
            yield _event(r.concluded_at, f"{service}: {r.get_status_display().lower()}")


def _sessions(case, limit, see_sensitive):
    rows = (
        ProviderAppointment.objects.filter(referral__case=case, recorded_at__isnull=False)
        .select_related("referral__service", "recorded_by")
        .order_by("-starts_at")[:limit]
    )
    for a in rows:
        service = a.referral.service.name
        what = a.get_kind_display().lower()
        if a.number:
            what = f"{what} {a.number}"
        attendance = a.get_attendance_display().lower()
        yield _event(
            a.starts_at, f"{service} {what}: {attendance}", text=a.summary, by=a.recorded_by
        )
        if a.concerns:
            # Just after the session, so it reads as what came of it.
            concerns = a.concerns if see_sensitive else "The detail is restricted."
            when = a.recorded_at or a.starts_at
            yield _event(when, f"Concern raised by {service}", text=concerns, by=a.recorded_by)


def events(case, *, limit, see_sensitive):
    # Each query takes `limit` newest rows; a referral yields up to four events, which
    # is harmless (the contract allows more).
    yield from _referral_events(case, limit)
    yield from newest_events(
        KIND,
        ActionPlan.objects.filter(referral__case=case, approved_at__isnull=False).select_related(
            "referral__service"
        ),
        limit=limit,
        when="approved_at",
        by="approved_by",
        title=lambda p: f"{p.referral.service.name}: action plan approved",
        text=lambda p: f"{p.number_of_sessions} sessions: " + "; ".join(p.activities),
    )
    yield from _sessions(case, limit, see_sensitive)
    yield from newest_events(
        KIND,
        EndOfServiceReport.objects.filter(referral__case=case).select_related("referral__service"),
        limit=limit,
        when="submitted_at",
        by="submitted_by",
        title=lambda r: f"{r.referral.service.name}: end-of-service report",
        text=lambda r: r.further_information,
    )


def register() -> None:
    register_source(kind=KIND, label="Interventions", reader=events, order=130)
