"""The contacts wing's events on the case timeline: contacts, absence decisions and
enforcement. Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import FACE_TO_FACE_CONTACT_TYPES, Contact, EnforcementAction
from cases.timeline import TimelineEvent, person


def contacts(case, *, limit, see_sensitive):
    rows = (
        Contact.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-happened_at", "-id")[:limit]
    )
    for c in rows:
        if c.sensitive and not see_sensitive:
            # Only the type: the allocated officer and their line manager read the rest.
            yield TimelineEvent(
                "contact", c.happened_at, f"Sensitive contact: {c.get_contact_type_display()}"
            )
            continue
        where = "face to face" if c.contact_type in FACE_TO_FACE_CONTACT_TYPES else ""
        title = f"{c.get_contact_type_display()}: {c.get_outcome_display()}"
        yield TimelineEvent(
            "contact",
            c.happened_at,
            title + (" (sensitive)" if c.sensitive else ""),
            text=c.summary or where,
            byline=person(c.recorded_by),
        )


def absence_decisions(case, *, limit, see_sensitive):
    rows = (
        Contact.objects.filter(case=case, acceptability_decided_at__isnull=False)
        .select_related("acceptability_decided_by")
        .order_by("-acceptability_decided_at")[:limit]
    )
    for c in rows:
        text = "" if (c.sensitive and not see_sensitive) else c.absence_reason
        yield TimelineEvent(
            "outcome",
            c.acceptability_decided_at,
            f"Absence decided: {c.get_outcome_display()}",
            text=text,
            byline=person(c.acceptability_decided_by),
        )


def enforcement(case, *, limit, see_sensitive):
    return timeline.newest_events(
        "enforcement",
        EnforcementAction.objects.filter(case=case),
        limit=limit,
        when="decided_at",
        by="decided_by",
        title=lambda a: f"Enforcement: {a.get_kind_display()} ({a.get_status_display().lower()})",
        text=lambda a: a.justification,
    )


def register() -> None:
    timeline.register_source(kind="contact", label="Contacts", reader=contacts, order=10)
    timeline.register_source(
        kind="outcome", label="Absence decisions", reader=absence_decisions, order=20
    )
    timeline.register_source(kind="enforcement", label="Enforcement", reader=enforcement, order=30)
