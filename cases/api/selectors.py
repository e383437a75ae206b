"""Reads for the partner API. Every queryset starts from the partner's own requests."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import OPEN_INFORMATION_REQUEST_STATUSES, Case, InformationRequest

# A police force holds a "standing arrangement" for a person while it has an open
# request about them, or was asked about them within the last 12 months. Modelled from
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
    arrangement = InformationRequest.objects.filter(
        case=OuterRef("pk"), partner_organisation=partner_organisation
    ).filter(Q(status__in=OPEN_INFORMATION_REQUEST_STATUSES) | Q(sent_on__gte=cutoff))
    return (
        Case.objects.filter(crn=crn.strip().upper())
        .filter(Exists(arrangement))
        .select_related("team", "responsible_officer")
        .first()
    )


def arrangement_reason(*, partner_organisation, case: Case) -> str:
    """Which request the event rests on, for the access log."""
    ids = list(
        InformationRequest.objects.filter(case=case, partner_organisation=partner_organisation)
        .order_by("-sent_on", "-id")
        .values_list("pk", flat=True)[:3]
    )
    return "event under information request " + ", ".join(str(i) for i in ids)
