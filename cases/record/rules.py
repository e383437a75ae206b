"""Pure rules for the case record: the CRN, orders and their requirements. No ORM, no I/O."""

import re

CRN_PATTERN = re.compile(r"^[A-Z][0-9]{6}$")


def crn_is_valid(value: str) -> bool:
    """A case reference number: one capital letter and six digits, e.g. X123456."""
    return bool(CRN_PATTERN.match(value or ""))


# Requirement types by value: the models import this module (CRN_PATTERN), so it names
# RequirementType's values rather than import it.
UNPAID_WORK = "unpaid_work"
RAR = "rar"

# Unpaid work orders are 40 to 300 hours (DOMAIN.md §5; Criminal Justice Act 2003 s.201).
UNPAID_WORK_HOURS = (40, 300)


def requirement_length_problem(requirement_type: str, length: int | None) -> str | None:
    """Why a requirement's length is not acceptable, or None if it is."""
    if requirement_type == UNPAID_WORK:
        low, high = UNPAID_WORK_HOURS
        if length is None or not low <= length <= high:
            return f"Enter the unpaid work hours, from {low} to {high}"
    elif requirement_type == RAR and not length:
        return "Enter the number of RAR days"
    return None
