"""Pure rules for the risk wing: escalation transitions and review dates. No ORM, no I/O.

The tier and the Grid live in cases/rules.py, beside the CRN rule the models share.
"""

import calendar
import datetime as dt

# Escalation statuses by value (cases.models.EscalationStatus): from -> allowed to.
ESCALATION_TRANSITIONS: dict[str, frozenset[str]] = {
    "raised": frozenset({"referred", "closed"}),
    "referred": frozenset({"accepted", "declined"}),
    "accepted": frozenset({"closed"}),
    "declined": frozenset({"closed"}),
    "closed": frozenset(),
}


def escalation_may_become(from_status: str, to_status: str) -> bool:
    return to_status in ESCALATION_TRANSITIONS.get(from_status, frozenset())


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter
    (31 January + 1 month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
