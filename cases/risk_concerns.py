"""Open risk concerns on a case: while any is open, reducing contact needs SPO approval.

Other parts of the product add their own concerns (an unreviewed significant change, an
outstanding information request) with `register`.
"""

from collections.abc import Callable

_providers: list[Callable[[object], list[str]]] = []


def register(provider: Callable[[object], list[str]]) -> None:
    _providers.append(provider)


def open_concerns(case) -> list[str]:
    concerns: list[str] = []
    for provider in _providers:
        concerns.extend(provider(case))
    return concerns


def _open_escalation(case) -> list[str]:
    if case.escalations.exclude(status="closed").exists():
        return ["An open risk of harm escalation"]
    return []


register(_open_escalation)


def _unreviewed_significant_change(case) -> list[str]:
    if case.significant_changes.filter(review__status="due").exists():
        return ["A significant change not yet reviewed"]
    return []


def _outstanding_information_request(case) -> list[str]:
    if case.information_requests.filter(status__in=["sent", "chased", "escalated"]).exists():
        return ["An outstanding information request"]
    return []


register(_unreviewed_significant_change)
register(_outstanding_information_request)
