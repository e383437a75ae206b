"""Reads with a shape for Through the Gate, and the measures the dashboards read
(ARCHITECTURE.md: crc.dashboards reads a domain app only through its selectors).

Measures take the episodes to count (a queryset the caller has already scoped through
crc.access, e.g. an area's cases) and return a Measure: how many met the standard out of
how many it applied to. None of them grows its query count with the rows counted.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from cases.models import AttendanceOutcome, Contact
from resettlement.models import (
    CustodyEpisode,
    EpisodeStatus,
    PreReleaseContact,
    PreReleaseReview,
    ReleaseDateChange,
)

KEPT_OUTCOMES = (AttendanceOutcome.ATTENDED_COMPLIED, AttendanceOutcome.ATTENDED_FAILED)


@dataclass(frozen=True)
class Measure:
    met: int
    of: int

    @property
    def rate(self) -> float | None:
        return self.met / self.of if self.of else None


def episodes() -> QuerySet[CustodyEpisode]:
    return CustodyEpisode.objects.select_related(
        "case__responsible_officer", "case__team", "prison", "resettlement_worker"
    )


def open_episodes() -> QuerySet[CustodyEpisode]:
    return episodes().filter(status=EpisodeStatus.IN_CUSTODY)


def episodes_for_case(case) -> QuerySet[CustodyEpisode]:
    return episodes().filter(case=case).order_by("-reception_date", "-id")


def open_episode_for_case(case) -> CustodyEpisode | None:
    return open_episodes().filter(case=case).first()


def officer_contact_before_release() -> Exists:
    """A pre-release contact made by the case's community officer (the inspectors'
    measure: contact by the officer who will supervise, not by anyone)."""
    return Exists(
        PreReleaseContact.objects.filter(
            episode=OuterRef("pk"),
            contact__recorded_by=OuterRef("case__responsible_officer"),
        )
    )


def with_pre_release_state(queryset: QuerySet[CustodyEpisode]) -> QuerySet[CustodyEpisode]:
    """Episodes annotated with what the pre-release jobs and lists ask about."""
    return queryset.select_related(
        "checklist", "checklist__first_appointment", "screening", "plan"
    ).annotate(
        has_officer_contact=officer_contact_before_release(),
        has_review=Exists(PreReleaseReview.objects.filter(episode=OuterRef("pk"))),
    )


def release_date_changes(episode: CustodyEpisode) -> QuerySet[ReleaseDateChange]:
    return episode.release_date_changes.select_related("changed_by")


def recent_release_date_changes(*, since: dt.date) -> QuerySet[ReleaseDateChange]:
    return ReleaseDateChange.objects.filter(
        changed_at__date__gte=since, episode__status=EpisodeStatus.IN_CUSTODY
    ).select_related("episode__case__responsible_officer", "episode__prison")


# --- Measures ------------------------------------------------------------------------------


def measure(queryset: QuerySet, met: Q) -> Measure:
    counts = queryset.aggregate(
        of=Count("pk", distinct=True), met=Count("pk", filter=met, distinct=True)
    )
    return Measure(met=counts["met"], of=counts["of"])


def screening_on_time(scope: QuerySet[CustodyEpisode], *, today: dt.date) -> Measure:
    """Screenings completed within 5 working days of reception, of those already due."""
    due = scope.filter(screening__due_on__lt=today)
    return measure(due, Q(screening__completed_at__date__lte=F("screening__due_on")))


def plans_with_risk_of_harm_addressed(scope: QuerySet[CustodyEpisode]) -> Measure:
    """Plans whose risk-of-harm section says who may be at risk and what is done."""
    with_plan = scope.filter(plan__isnull=False)
    return measure(with_plan, ~Q(plan__risk_to_whom="") & ~Q(plan__risk_plan=""))


def pre_release_contact_rate(scope: QuerySet[CustodyEpisode]) -> Measure:
    """Released people whose community officer made contact before release."""
    released = scope.filter(status=EpisodeStatus.RELEASED)
    # Correlated per episode, like first_appointment_kept (an uncorrelated IN inside the
    # aggregate's FILTER is not hashed: 93 ms on an SPO's home, London).
    return measure(released, Q(officer_contact_before_release()))


def accommodation_on_release(scope: QuerySet[CustodyEpisode]) -> Measure:
    released = scope.filter(status=EpisodeStatus.RELEASED)
    return measure(released, Q(checklist__accommodation_confirmed=True))


def first_appointment_kept(scope: QuerySet[CustodyEpisode]) -> Measure:
    """Released people who attended their first community appointment."""
    released = scope.filter(status=EpisodeStatus.RELEASED)
    # Correlated on the appointment (a unique index on the contact), not `IN (every kept
    # contact)`: inside the aggregate's FILTER PostgreSQL cannot hash that subquery and
    # rescanned half a million contacts per episode (3.9 s on the SPO's home, London).
    kept = Exists(
        Contact.objects.filter(
            appointment_id=OuterRef("checklist__first_appointment_id"),
            outcome__in=KEPT_OUTCOMES,
        )
    )
    return measure(released, Q(kept))
