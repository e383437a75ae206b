"""Reads for the partner API. Every queryset starts from the partner's own requests."""

from django.db.models import QuerySet

from cases.models import NON_DISCLOSING_INFORMATION_REQUEST_STATUSES, Case, InformationRequest
from crc.access.partners import partner_cases


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
    the partner has no arrangement for are the same answer (no enumeration). Which
    cases a partner's arrangements reach is crc.access's decision."""
    return (
        partner_cases(partner_organisation, Case.objects.filter(crn=crn.strip().upper()))
        .select_related("team", "responsible_officer")
        .first()
    )


def arrangement_reason(*, partner_organisation, case: Case) -> str:
    """Which request the event rests on, for the access log."""
    ids = list(
        InformationRequest.objects.filter(case=case, partner_organisation=partner_organisation)
        # A withdrawn request grants nothing, so it is never the reason (finding 4).
        .exclude(status__in=NON_DISCLOSING_INFORMATION_REQUEST_STATUSES)
        .order_by("-sent_on", "-id")
        .values_list("pk", flat=True)[:3]
    )
    return "event under information request " + ", ".join(str(i) for i in ids)
