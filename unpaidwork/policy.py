"""The unpaid work policy in force: the administrators' row, or the defaults."""

from unpaidwork.models import UnpaidWorkPolicy


def current() -> UnpaidWorkPolicy:
    # An unsaved row carries the model's defaults (DOMAIN.md §5).
    return UnpaidWorkPolicy.objects.order_by("pk").first() or UnpaidWorkPolicy()
