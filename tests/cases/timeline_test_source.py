"""A timeline source from outside `cases/`, registered the way a later app would
register its own: disclosures of the case to partners, read from the access log
(crc.access). Only the tests register it, through `cases.timeline.source_registered`."""

from cases.timeline import newest_events
from crc.access.models import AccessKind, AccessLog
from crc.access.policy import Relationship

KIND = "disclosure"
LABEL = "Disclosures to partners"


def disclosures(case, *, limit, see_sensitive):
    return newest_events(
        KIND,
        AccessLog.objects.filter(case_id=case.pk, kind=AccessKind.DISCLOSURE).select_related(
            "partner_organisation"
        ),
        limit=limit,
        when="at",
        then_by_id=True,
        byline=lambda row: row.acting_person,
        title=lambda row: f"Disclosed to {row.partner_organisation}",
        # Why it was disclosed is for the officer holding the case alone.
        text=lambda row: row.reason if see_sensitive else "",
    )


# Between management oversight (60) and escalations (70) in the filter and on ties;
# a narrower sensitivity rule than the default, to show it is the source's own.
SOURCE = {
    "kind": KIND,
    "label": LABEL,
    "reader": disclosures,
    "order": 65,
    "sensitive_detail_for": {Relationship.ALLOCATED_OFFICER},
}
