"""Writes to the person and their orders, requirements and licence conditions.
Keyword-only, typed, atomic, named <noun>_<verb>, like every service (see
ARCHITECTURE.md): history is attributed to the acting user and the tier recalculated."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from cases.models import ORDER_TYPES_WITH_CONDITIONS, Case, LicenceCondition, Order, Requirement
from cases.record import rules as record_rules
from cases.risk.services import tier_recalculate
from crc.domain import DomainError
from crc.history import save_as
from crc.stale import version_check

# What other apps do, in the same transaction, when a requirement is added (e.g. unpaid
# work opens its record of the requirement). Registered from an AppConfig.ready().
REQUIREMENT_ADDED: list[Callable[..., None]] = []


def on_requirement_added(hook: Callable[..., None]) -> None:
    if hook not in REQUIREMENT_ADDED:
        REQUIREMENT_ADDED.append(hook)


# --- Person and orders -----------------------------------------------------------

# The personal details the person form and the service centre's admin edit.
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "disability",
    "disability_details",
    "reasonable_adjustments",
    "religion",
    "first_language",
    "interpreter_required",
    "caring_responsibilities",
    "address",
    "postcode",
    "accommodation_status",
    "employment_status",
    "phone",
    "email",
)


def person_state(case: Case) -> dict:
    """What a person-details form edits, for its version token (crc.stale)."""
    return {name: getattr(case, name) for name in PERSON_FIELDS}


def order_state(order: Order) -> dict:
    """What adding to an order changes: its requirements and licence conditions."""
    return {
        "requirements": list(order.requirements.order_by("pk")),
        "licence_conditions": list(order.licence_conditions.order_by("pk")),
    }


@transaction.atomic
def case_create(*, by, crn: str, team, **person: Any) -> Case:
    crn = crn.strip().upper()
    if not record_rules.crn_is_valid(crn):
        raise DomainError(
            "Enter a CRN as one capital letter and six digits, like X123456", field="crn"
        )
    if Case.objects.filter(crn=crn).exists():
        raise DomainError("A case with this CRN already exists", field="crn")
    case = Case(crn=crn, team=team, **person)
    save_as(case, by, clean=True)
    tier_recalculate(case=case, by=by)
    return case


@transaction.atomic
def case_update_person(*, case: Case, by, version: str | None = None, **fields: Any) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    version_check(version, person_state(case), what="person's details")
    sex_changed = "sex" in fields and fields["sex"] != case.sex
    for name, value in fields.items():
        setattr(case, name, value)
    save_as(case, by, clean=True)
    if sex_changed:
        tier_recalculate(case=case, by=by)
    return case


@transaction.atomic
def order_add(
    *,
    case: Case,
    by,
    requirements: Iterable[dict] = (),
    conditions: Iterable[dict] = (),
    **fields: Any,
) -> Order:
    order = Order(case=case, **fields)
    save_as(order, by, clean=True)
    for requirement in requirements:
        requirement_add(order=order, by=by, **requirement)
    for condition in conditions:
        licence_condition_add(order=order, by=by, **condition)
    tier_recalculate(case=case, by=by)
    return order


@transaction.atomic
def order_update(*, order: Order, by, version: str | None = None, **fields: Any) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    version_check(
        version, {name: getattr(order, name) for name in fields} | order_state(order), what="order"
    )
    for name, value in fields.items():
        setattr(order, name, value)
    save_as(order, by, clean=True)
    tier_recalculate(case=order.case, by=by)
    return order


@transaction.atomic
def requirement_add(
    *,
    order: Order,
    by,
    requirement_type: str,
    length: int | None = None,
    details: str = "",
    version: str | None = None,
) -> Requirement:
    if version is not None:
        order = Order.objects.select_for_update().get(pk=order.pk)
        version_check(version, order_state(order), what="order")
    if order.order_type in ORDER_TYPES_WITH_CONDITIONS:
        raise DomainError(
            "Licences and post-sentence supervision have conditions, not requirements"
        )
    problem = record_rules.requirement_length_problem(requirement_type, length)
    if problem:
        raise DomainError(problem, field="length")
    requirement = Requirement(
        order=order, requirement_type=requirement_type, length=length, details=details
    )
    save_as(requirement, by, clean=True)
    for hook in REQUIREMENT_ADDED:
        hook(requirement=requirement, by=by)
    tier_recalculate(case=order.case, by=by)
    return requirement


@transaction.atomic
def licence_condition_add(
    *, order: Order, by, condition: str, details: str = ""
) -> LicenceCondition:
    if order.order_type not in ORDER_TYPES_WITH_CONDITIONS:
        raise DomainError("Only licences and post-sentence supervision have licence conditions")
    item = LicenceCondition(order=order, condition=condition, details=details)
    save_as(item, by, clean=True)
    return item
