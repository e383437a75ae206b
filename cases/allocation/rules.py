"""Pure rules for allocation. No ORM, no I/O."""


def psos_may_hold(tier_code: str) -> bool:
    """A probation services officer should not hold tier A or B cases."""
    return not tier_code or tier_code[0] not in "AB"
