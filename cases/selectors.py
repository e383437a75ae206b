"""Reads of the case record with a shape: every list's joins and annotations live here,
and every one is scoped through crc.access."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case as CaseWhen
from django.db.models import (
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from cases.models import (
    Case,
    CaseStatus,
    ContactLevelDecision,
    ContactLevelStatus,
    Escalation,
    EscalationStatus,
    Order,
    OrderStatus,
    Registration,
)
from crc.access.policy import listable_cases, visible_cases

REVIEW_DUE_WITHIN = dt.timedelta(days=14)

SORTS = {
    "name": ["last_name", "first_name"],
    "crn": ["crn"],
    "tier": ["tier", "last_name"],
    "rosh": ["rosh_rank", "last_name"],
    "review": ["next_registration_review", "last_name"],
}


def case_base_queryset() -> QuerySet:
    return Case.objects.select_related("responsible_officer", "team__office__area")


def _annotated(queryset: QuerySet) -> QuerySet:
    level = ContactLevelDecision.objects.filter(
        case=OuterRef("pk"), status=ContactLevelStatus.ACTIVE
    )
    order = Order.objects.filter(case=OuterRef("pk"), status=OrderStatus.ACTIVE).order_by(
        "-start_date"
    )
    next_review = (
        Registration.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
        .order_by("next_review_date")
        .values("next_review_date")[:1]
    )

    return queryset.annotate(
        level_contacts=Subquery(level.values("contacts")[:1]),
        level_period_days=Subquery(level.values("period_days")[:1]),
        level_face_to_face=Subquery(level.values("face_to_face")[:1]),
        current_order_type=Subquery(order.values("order_type")[:1]),
        next_registration_review=Subquery(next_review),
        rosh_rank=CaseWhen(
            When(rosh_overall="very_high", then=Value(0)),
            When(rosh_overall="high", then=Value(1)),
            When(rosh_overall="medium", then=Value(2)),
            When(rosh_overall="low", then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        ),
    ).prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(ended_on__isnull=True).order_by(
                "registration_type"
            ),
            to_attr="active_registrations",
        )
    )


@dataclass(frozen=True)
class CaseloadFilters:
    tiers: list[str] = field(default_factory=list)
    contact_periods: list[int] = field(default_factory=list)
    registrations: list[str] = field(default_factory=list)
    order_types: list[str] = field(default_factory=list)
    review_due: bool = False
    officer_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.tiers
            or self.contact_periods
            or self.registrations
            or self.order_types
            or self.review_due
            or self.officer_id
        )


def _filtered(queryset: QuerySet, filters: CaseloadFilters, today: dt.date) -> QuerySet:
    if filters.any:
        # Filtering a restricted case on data the viewer may not see would disclose it.
        queryset = queryset.filter(access_blocked=False)
    if filters.tiers:
        queryset = queryset.filter(tier__in=filters.tiers)
    if filters.contact_periods:
        queryset = queryset.filter(level_period_days__in=filters.contact_periods)
    if filters.registrations:
        queryset = queryset.filter(
            registrations__registration_type__in=filters.registrations,
            registrations__ended_on__isnull=True,
        ).distinct()
    if filters.order_types:
        queryset = queryset.filter(current_order_type__in=filters.order_types)
    if filters.review_due:
        queryset = queryset.filter(next_registration_review__lte=today + REVIEW_DUE_WITHIN)
    if filters.officer_id:
        queryset = queryset.filter(responsible_officer_id=filters.officer_id)
    return queryset


def _sorted(queryset: QuerySet, sort: str, descending: bool) -> QuerySet:
    fields = SORTS.get(sort, SORTS["name"])
    ordering = []
    for name in fields:
        # Restricted rows go last, and among themselves by CRN only: their order by
        # tier, risk or name (or by the pk, which follows creation) would hint at what
        # is hidden. Their sort keys are blanked so only the CRN below orders them.
        key = CaseWhen(When(access_blocked=False, then=F(name)), default=None)
        ordering.append(key.desc() if descending else key.asc())
    return queryset.order_by("access_blocked", *ordering, "crn", "pk")


def _active_caseload(
    user, filters: CaseloadFilters | None, sort: str, descending: bool, **where
) -> QuerySet:
    """The active cases matching `where` that the user may list, annotated, filtered and
    sorted as every caseload page shows them."""
    queryset = listable_cases(user, case_base_queryset()).filter(**where, status=CaseStatus.ACTIVE)
    queryset = _annotated(queryset)
    return _sorted(
        _filtered(queryset, filters or CaseloadFilters(), timezone.localdate()), sort, descending
    )


def caseload_for_officer(
    *, user, filters: CaseloadFilters | None = None, sort: str = "name", descending: bool = False
) -> QuerySet:
    """The officer's own active cases."""
    return _active_caseload(user, filters, sort, descending, responsible_officer=user)


def caseload_for_teams(
    *,
    user,
    team_ids: list[int],
    filters: CaseloadFilters | None = None,
    sort: str = "name",
    descending: bool = False,
) -> QuerySet:
    """Active cases of the given teams, within the user's scope (an SPO's team caseload)."""
    return _active_caseload(user, filters, sort, descending, team_id__in=team_ids)


def case_search(*, user, query: str, limit: int = 50) -> QuerySet:
    """Search by CRN (exact) or by name, within the user's scope. A restricted case is
    found by its CRN only (shown masked), never by a name the viewer may not see."""
    query = " ".join(query.split())
    if not query:
        return Case.objects.none()
    queryset = listable_cases(user, case_base_queryset())
    if len(query) == 7 and query[0].isalpha() and query[1:].isdigit():
        return queryset.filter(crn=query.upper()).order_by("crn")
    name_match = Q()
    for term in query.split()[:4]:
        name_match &= (
            Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(preferred_name__icontains=term)
        )
    return queryset.filter(name_match, access_blocked=False).order_by(
        "last_name", "first_name", "pk"
    )[:limit]


def case_detail_queryset() -> QuerySet:
    """Everything the case page header and overview need, in a fixed number of queries."""
    return case_base_queryset().prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(ended_on__isnull=True).order_by(
                "registration_type"
            ),
            to_attr="active_registrations",
        ),
        Prefetch(
            "escalations",
            queryset=Escalation.objects.exclude(status=EscalationStatus.CLOSED),
            to_attr="open_escalations",
        ),
        Prefetch(
            "contact_levels",
            queryset=ContactLevelDecision.objects.filter(
                status__in=[ContactLevelStatus.ACTIVE, ContactLevelStatus.AWAITING_APPROVAL]
            ).select_related("requested_by", "decided_by"),
            to_attr="current_contact_levels",
        ),
    )


def visible_case_queryset(user) -> QuerySet:
    return visible_cases(user, case_base_queryset())


def officers_in_teams(*, team_ids: list[int]) -> list:
    from crc.access.allocation import may_hold_cases_q
    from crc.organisation.models import Staff

    return list(
        Staff.objects.filter(may_hold_cases_q(), team_id__in=team_ids)
        .select_related("team")
        .order_by("last_name", "first_name")
    )


@dataclass(frozen=True)
class SpoAttention:
    awaiting_approval: list
    open_escalations: list
    unallocated: list


def spo_attention(*, user, team_ids: list[int]) -> SpoAttention:
    """What needs the SPO's decision: contact-level reductions, escalations, allocation."""
    visible = visible_cases(user, Case.objects.filter(team_id__in=team_ids))
    # The team filter on the joined case as well as inside `visible`: alone, the
    # subquery's access filters make the planner expect one visible case and scan every
    # open escalation once per case of the team (238 ms on London; 1.9 ms with it).
    in_teams = Q(case__team_id__in=team_ids)
    return SpoAttention(
        awaiting_approval=list(
            ContactLevelDecision.objects.filter(
                in_teams, case__in=visible, status=ContactLevelStatus.AWAITING_APPROVAL
            )
            .select_related("case", "requested_by")
            .order_by("requested_at")
        ),
        open_escalations=list(
            Escalation.objects.filter(in_teams, case__in=visible)
            .exclude(status=EscalationStatus.CLOSED)
            .select_related("case")
            .order_by("raised_at")
        ),
        unallocated=list(
            visible.filter(responsible_officer__isnull=True, status=CaseStatus.ACTIVE).order_by(
                "crn"
            )[:50]
        ),
    )


def current_order(case: Case) -> Order | None:
    return (
        case.orders.filter(status=OrderStatus.ACTIVE)
        .prefetch_related("requirements", "licence_conditions")
        .order_by("-start_date")
        .first()
    )


def case_orders(case: Case) -> list[Order]:
    return list(
        case.orders.prefetch_related("requirements", "licence_conditions").order_by("-start_date")
    )


def case_allocations(case: Case) -> list:
    return list(
        case.allocations.select_related("officer", "team", "allocated_by").order_by("-started_at")
    )


DATA_QUALITY_FIELDS = [
    ("ethnicity", "Ethnicity"),
    ("gender_identity", "Gender identity"),
    ("first_language", "First language"),
    ("accommodation_status", "Accommodation"),
    ("employment_status", "Employment"),
]


def data_quality_gaps(case: Case) -> list[str]:
    """Diversity and circumstance fields left blank (the report found ethnicity missing
    in over 20% of cases): shown on the case so they get filled in."""
    gaps = [label for name, label in DATA_QUALITY_FIELDS if not getattr(case, name)]
    if case.disability is None:
        gaps.append("Disability")
    return gaps


@dataclass(frozen=True)
class CaseRisk:
    needs: list
    registrations: list
    ended_registrations: list
    escalations: list
    contact_levels: list
    suggestions: list


def case_risk(case: Case) -> CaseRisk:
    from cases.models import CriminogenicNeed, InterventionSuggestion

    registrations = list(
        case.registrations.select_related("registered_by").order_by("registration_type")
    )
    needs = list(CriminogenicNeed.objects.filter(case=case).order_by("need"))
    triggers = Q(trigger="sex", value=case.sex)
    active_types = [r.registration_type for r in registrations if r.ended_on is None]
    if active_types:
        triggers |= Q(trigger="registration", value__in=active_types)
    needed = [n.need for n in needs if n.severity != "none"]
    if needed:
        triggers |= Q(trigger="need", value__in=needed)
    return CaseRisk(
        needs=needs,
        registrations=[r for r in registrations if r.ended_on is None],
        ended_registrations=[r for r in registrations if r.ended_on is not None],
        escalations=list(case.escalations.select_related("raised_by").order_by("-raised_at")),
        contact_levels=list(
            case.contact_levels.select_related("requested_by", "decided_by").order_by(
                "-requested_at"
            )[:10]
        ),
        suggestions=list(InterventionSuggestion.objects.filter(triggers).order_by("intervention")),
    )


def attach_grid_status(rows) -> None:
    """Give each caseload row on the page `grid_status` (cases.contacts.rules.GridStatus,
    or None without a contact level): whether contact met the level in the current
    period. Three queries for the page, however many rows."""
    # Imported here: cases.contacts.selectors imports cases.models like this module does,
    # and keeping the dependency one-way at import time avoids a cycle later.
    from cases.contacts.selectors import grid_compliance_for_cases

    rows = [row for row in rows if not getattr(row, "access_blocked", False)]
    statuses = grid_compliance_for_cases([row.pk for row in rows])
    for row in rows:
        row.grid_status = statuses.get(row.pk)
