"""Reads for the partner API. Every queryset starts from the partner's own requests."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import (
    NON_DISCLOSING_INFORMATION_REQUEST_STATUSES,
    OPEN_INFORMATION_REQUEST_STATUSES,
    Case,
    InformationRequest,
)

# A police force holds a "standing arrangement" for a person while it has an open
# request about them, or was asked about them within the last 12 months (a withdrawn
# request never counts: withdrawing it ends what it allowed). Modelled from
# the requests themselves, so there is no second list to keep in step (docs/api.md).
STANDING_ARRANGEMENT = dt.timedelta(days=365)


def information_requests_for_partner(*, partner_organisation) -> QuerySet[InformationRequest]:
    """The requests addressed to this organisation, and nothing else.

    Restricted cases need no extra rule here: a case reaches a partner only through a
    request a member of staff who may see it addressed to that partner by name.
    """
    return InformationRequest.objects.filter(
        partner_organisation=partner_organisation
    ).select_related("case", "partner_organisation")


def case_for_partner_event(*, partner_organisation, crn: str) -> Case | None:
    """The case a partner may report an event about, or None: unknown CRN and a CRN
    the partner has no arrangement for are the same answer (no enumeration)."""
    cutoff = timezone.localdate() - STANDING_ARRANGEMENT
    # Security finding 4 (withdrawn requests): arrangement_requests() excludes them. Kept
    # to this one call so the move of the partner scope into crc.access merges cleanly.
    arrangement = arrangement_requests(partner_organisation=partner_organisation).filter(
        Q(case=OuterRef("pk")),
        Q(status__in=OPEN_INFORMATION_REQUEST_STATUSES) | Q(sent_on__gte=cutoff),
    )
    return (
        Case.objects.filter(crn=crn.strip().upper())
        .filter(Exists(arrangement))
        .select_related("team", "responsible_officer")
        .first()
    )


def arrangement_reason(*, partner_organisation, case: Case) -> str:
    """Which request the event rests on, for the access log."""
    ids = list(
        arrangement_requests(partner_organisation=partner_organisation)
        .filter(case=case)
        .order_by("-sent_on", "-id")
        .values_list("pk", flat=True)[:3]
    )
    return "event under information request " + ", ".join(str(i) for i in ids)


def arrangement_requests(*, partner_organisation) -> QuerySet[InformationRequest]:
    """The partner's requests that can ground an arrangement: never a withdrawn (or
    closed) one, however recent."""
    return InformationRequest.objects.filter(partner_organisation=partner_organisation).exclude(
        status__in=NON_DISCLOSING_INFORMATION_REQUEST_STATUSES
    )
