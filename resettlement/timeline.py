"""Through the Gate on the case timeline (cases/timeline.py's registry and paging
contract): reception, release and handover; release-date changes; screening; the plan
and its pre-release review. Each reader runs a fixed number of queries."""

from cases.timeline import TimelineEvent, at_midnight, newest_events, person, register_source
from resettlement.models import (
    CustodyEpisode,
    PreReleaseReview,
    ReleaseChecklist,
    ReleaseDateChange,
    ResettlementPlan,
    Screening,
)

CUSTODY = "custody"
RELEASE_DATE = "release_date"
SCREENING = "resettlement_screening"
PLAN = "resettlement_plan"


def custody(case, *, limit, see_sensitive):
    """Receptions and releases (both from the episode row), handovers (the checklist)."""
    episodes = (
        CustodyEpisode.objects.filter(case=case)
        .select_related("prison", "opened_by", "updated_by")
        .order_by("-reception_date", "-id")[:limit]
    )
    for episode in episodes:
        yield TimelineEvent(
            CUSTODY,
            at_midnight(episode.reception_date),
            f"Received into {episode.prison}",
            text=f"Expected release {episode.expected_release_date:%d %B %Y}, "
            f"then {episode.get_release_kind_display().lower()}.",
            byline=person(episode.opened_by),
            date_only=True,
        )
        if episode.released_on:
            yield TimelineEvent(
                CUSTODY,
                at_midnight(episode.released_on),
                f"Released from {episode.prison}",
                date_only=True,
            )
    handovers = (
        ReleaseChecklist.objects.filter(episode__case=case, handover_recorded_at__isnull=False)
        .select_related("handover_recorded_by")
        .order_by("-handover_recorded_at")[:limit]
    )
    for checklist in handovers:
        yield TimelineEvent(
            CUSTODY,
            checklist.handover_recorded_at,
            f"Handed over to {checklist.handover_to}",
            text=checklist.handover_notes,
            byline=person(checklist.handover_recorded_by),
        )


def release_dates(case, *, limit, see_sensitive):
    return newest_events(
        RELEASE_DATE,
        ReleaseDateChange.objects.filter(episode__case=case),
        limit=limit,
        when="changed_at",
        then_by_id=True,
        by="changed_by",
        byline=lambda change: person(change.changed_by) or change.get_source_display(),
        title=lambda change: f"Release date changed to {change.new_date:%d %B %Y}",
        text=lambda change: f"Was {change.old_date:%d %B %Y}. {change.reason}",
    )


def screenings(case, *, limit, see_sensitive):
    return newest_events(
        SCREENING,
        Screening.objects.filter(episode__case=case, completed_at__isnull=False).select_related(
            "episode__prison"
        ),
        limit=limit,
        when="completed_at",
        by="completed_by",
        title=lambda screening: f"Resettlement needs screened at {screening.episode.prison}",
        text=lambda screening: f"Risk of harm on release: {screening.risk_to_whom}",
    )


def plans(case, *, limit, see_sensitive):
    yield from newest_events(
        PLAN,
        ResettlementPlan.objects.filter(episode__case=case, completed_at__isnull=False),
        limit=limit,
        when="completed_at",
        by="completed_by",
        title=lambda plan: "Resettlement plan completed",
        text=lambda plan: f"Risk of harm: {plan.risk_plan}",
    )
    reviews = (
        PreReleaseReview.objects.filter(episode__case=case)
        .select_related("held_by")
        .order_by("-held_on", "-id")[:limit]
    )
    for review in reviews:
        yield TimelineEvent(
            PLAN,
            at_midnight(review.held_on),
            "Pre-release review",
            text=review.notes,
            byline=person(review.held_by),
            date_only=True,
        )


def register() -> None:
    # After the kinds cases registers (10 to 100) and the test-only disclosures.
    register_source(kind=CUSTODY, label="Custody", reader=custody, order=200)
    register_source(
        kind=RELEASE_DATE, label="Release date changes", reader=release_dates, order=210
    )
    register_source(kind=SCREENING, label="Resettlement screening", reader=screenings, order=220)
    register_source(kind=PLAN, label="Resettlement plan", reader=plans, order=230)
