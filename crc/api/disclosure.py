"""Disclosure logging (DPA 2018 s.62) for the partner API.

"Exactly one row per disclosure" means one access-log row per case per response: a
list of three requests about three people writes three rows; two requests about the
same person in one response write one row naming both requests. The row carries the
partner organisation, the OAuth client id, the acting person the partner named, the
endpoint and, as the reason, the request(s) the disclosure answers.
"""

from dataclasses import dataclass

from crc.access.models import AccessKind
from crc.access.services import access_log_record_many


@dataclass(frozen=True)
class Disclosed:
    """One case in a response and why it is in it. Plain values, so a stored
    idempotent response can be logged again when it is replayed."""

    case_id: int
    crn: str
    reason: str

    def as_json(self) -> dict:
        return {"case_id": self.case_id, "crn": self.crn, "reason": self.reason}

    @classmethod
    def from_json(cls, data: dict) -> "Disclosed":
        return cls(case_id=data["case_id"], crn=data["crn"], reason=data["reason"])


@dataclass(frozen=True)
class _CaseRef:
    pk: int
    crn: str


def merge_by_case(items: list[Disclosed]) -> list[Disclosed]:
    """One entry per case, reasons joined in the order they appeared."""
    merged: dict[int, list[str]] = {}
    crns: dict[int, str] = {}
    for item in items:
        reasons = merged.setdefault(item.case_id, [])
        if item.reason not in reasons:
            reasons.append(item.reason)
        crns[item.case_id] = item.crn
    return [Disclosed(case_id=c, crn=crns[c], reason="; ".join(r)) for c, r in merged.items()]


def disclosure_log(
    *, request, disclosed: list[Disclosed], kind: AccessKind = AccessKind.DISCLOSURE
):
    partner = request.partner
    # One INSERT for the whole response: a page of 25 requests is one query, not 25.
    access_log_record_many(
        rows=[
            {
                "kind": kind,
                "page": request.path,
                "method": request.method,
                "case": _CaseRef(pk=item.case_id, crn=item.crn),
                "partner_organisation": partner.organisation,
                "client_id": partner.client_id,
                "acting_person": partner.acting_person,
                "relationship": "partner",
                "reason": item.reason,
            }
            for item in merge_by_case(disclosed)
        ]
    )
