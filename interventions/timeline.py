"""Interventions on the case timeline (cases/timeline.py's contract): referral sent,
assigned, withdrawn and concluded; action plan approved; sessions; concerns; the end-of-
service report. Four queries whatever the history's length. A concern's words are
held back from those who may not read sensitive detail."""

from cases.timeline import TimelineEvent, person, register_source
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
    plans = (
        ActionPlan.objects.filter(referral__case=case, approved_at__isnull=False)
        .select_related("referral__service", "approved_by")
        .order_by("-approved_at")[:limit]
    )
    for p in plans:
        yield TimelineEvent(
            KIND,
            p.approved_at,
            f"{p.referral.service.name}: action plan approved",
            text=f"{p.number_of_sessions} sessions: " + "; ".join(p.activities),
            byline=person(p.approved_by),
        )
    yield from _sessions(case, limit, see_sensitive)
    reports = (
        EndOfServiceReport.objects.filter(referral__case=case)
        .select_related("referral__service", "submitted_by")
        .order_by("-submitted_at")[:limit]
    )
    for r in reports:
        yield TimelineEvent(
            KIND,
            r.submitted_at,
            f"{r.referral.service.name}: end-of-service report",
            text=r.further_information,
            byline=person(r.submitted_by),
        )


def register() -> None:
    register_source(kind=KIND, label="Interventions", reader=events, order=130)
