"""Which cases a partner organisation's arrangements reach.

A police force holds a "standing arrangement" for a person while it has an open
information request about them, or was asked about them within the last 12 months.
It is modelled from the requests themselves, so there is no second list to keep in step
(docs/api.md). A withdrawn request never grants an arrangement (issue 9, finding 4).

Cases are reached by field convention: a case's `information_requests` carry
`partner_organisation`, `status` and `sent_on`; crc never imports the cases app.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

STANDING_ARRANGEMENT = dt.timedelta(days=365)
# The request statuses that are still open (cases.models.OPEN_INFORMATION_REQUEST_STATUSES;
# a test keeps the two equal) and the one that ends an arrangement at once.
OPEN_REQUEST_STATUSES = ("sent", "chased", "escalated")
WITHDRAWN = "withdrawn"


def _requests(queryset: QuerySet):
    return queryset.model._meta.get_field("information_requests").related_model.objects


def arrangement_q(partner_organisation, *, today: dt.date | None = None) -> Q:
    """The requests that give this partner a standing arrangement today."""
    cutoff = (today or timezone.localdate()) - STANDING_ARRANGEMENT
    recent = Q(sent_on__gte=cutoff) & ~Q(status=WITHDRAWN)
    return Q(partner_organisation=partner_organisation) & (
        Q(status__in=OPEN_REQUEST_STATUSES) | recent
    )


def partner_cases(partner_organisation, queryset: QuerySet) -> QuerySet:
    """The cases of `queryset` this partner's arrangements reach."""
    requests = _requests(queryset).filter(arrangement_q(partner_organisation), case=OuterRef("pk"))
    return queryset.filter(Exists(requests))
