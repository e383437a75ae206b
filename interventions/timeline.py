"""Interventions on the case timeline (cases/timeline.py's contract): referral sent,
assigned, withdrawn and concluded; action plan approved; sessions; concerns; the end-of-
service report. Four queries whatever the history's length. A concern's words are
held back from those who may not read sensitive detail."""

from cases.timeline import TimelineEvent, newest_events, person, register_source
from interventions.models import ActionPlan, EndOfServiceReport, ProviderAppointment, Referral

KIND = "intervention"


def _referral_events(case, limit):
    rows = (
        Referral.objects.filter(case=case)
        .select_related("service", "referred_by", "caseworker", "withdrawn_by")
        .order_by("-sent_at")[:limit]
    )
    for r in rows:
        yield TimelineEvent(
            KIND,
            r.sent_at,
            f"Referred to {r.service.name}",
            text=r.reason,
            byline=person(r.referred_by),
        )
        if r.assigned_at:
            yield TimelineEvent(
                KIND,
                r.assigned_at,
                f"{r.service.name}: caseworker assigned",
                text=person(r.caseworker),
            )
        if r.withdrawn_at:
            yield TimelineEvent(
                KIND,
                r.withdrawn_at,
                f"{r.service.name}: referral withdrawn",
                text=r.withdrawal_reason,
                byline=person(r.withdrawn_by),
            )
        if r.concluded_at:
            yield TimelineEvent(
                KIND, r.concluded_at, f"{r.service.name}: {r.get_status_display().lower()}"
            )


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
        yield TimelineEvent(
            KIND,
            a.starts_at,
            f"{service} {what}: {a.get_attendance_display().lower()}",
            text=a.summary,
            byline=person(a.recorded_by),
        )
        if a.concerns:
            # Just after the session, so it reads as what came of it.
            yield TimelineEvent(
                KIND,
                a.recorded_at or a.starts_at,
                f"Concern raised by {service}",
                text=a.concerns if see_sensitive else "The detail is restricted.",
                byline=person(a.recorded_by),
            )


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
