"""Deadlines as policy: working days per step, edited by administrators
(DeadlinePolicy), falling back to the seeded defaults."""

from cases.models import DeadlinePolicy
from cases.policy_defaults import DEADLINES


def deadline_working_days(key: str) -> int:
    row = DeadlinePolicy.objects.filter(key=key).values_list("working_days", flat=True).first()
    return row if row is not None else DEADLINES[key][1]
