"""The case's History tab: who changed what and when, across every case-record model.

django-simple-history keeps a historical row per save; this gathers the rows belonging
to one case (one query per model, however long the history) and turns each into a
readable change: the fields that differ from the previous version of that record.
"""

from dataclasses import dataclass, field

from cases.models import (
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    CriminogenicNeed,
    Escalation,
    LicenceCondition,
    Order,
    Registration,
    Requirement,
    ServiceCentreTask,
)

# Derived or noisy fields that say nothing a reader needs.
SKIP_FIELDS = {"updated_at", "tier_working", "tier_calculated_at", "created_at"}

CASE_RELATED = [
    (Order, "case_id", "Order"),
    (Registration, "case_id", "Registration"),
    (CriminogenicNeed, "case_id", "Need"),
    (ContactLevelDecision, "case_id", "Contact level"),
    (Escalation, "case_id", "Escalation"),
    (CaseAccessEntry, "case_id", "Access list"),
    (ServiceCentreTask, "case_id", "Service centre task"),
]
ORDER_RELATED = [(Requirement, "Requirement"), (LicenceCondition, "Licence condition")]


@dataclass
class HistoryEntry:
    when: object
    who: str
    what: str
    action: str  # Created, Changed, Deleted
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)


def _display(record, field_name: str) -> str:
    value = getattr(record, field_name, None)
    model_field = record.instance_type._meta.get_field(field_name)
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    if value in (None, ""):
        return "(blank)"
    if model_field.is_relation:
        related = getattr(record, model_field.name, None)
        return str(related) if related is not None else "(blank)"
    return str(value)


def _entries_for(records: list, label: str) -> list[HistoryEntry]:
    entries = []
    previous_by_object: dict = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = previous_by_object.get(record.id)
        action = {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type]
        changes = []
        if previous is not None and action == "Changed":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in SKIP_FIELDS:
                    continue
                verbose = record.instance_type._meta.get_field(change.field).verbose_name
                changes.append(
                    (
                        verbose.capitalize(),
                        _display(previous, change.field),
                        _display(record, change.field),
                    )
                )
            if not changes:
                previous_by_object[record.id] = record
                continue
        who = record.history_user.get_full_name() if record.history_user else "System"
        what = f"{label}: {record.instance}" if label != "Case" else "Case record"
        entries.append(HistoryEntry(record.history_date, who or "System", what, action, changes))
        previous_by_object[record.id] = record
    return entries


def case_history(case: Case, *, include_access_lists: bool = False) -> list[HistoryEntry]:
    """Every change to the case record. Changes to its access lists (who is excluded,
    who is on a restriction list, and why) are for those who may manage the lists only:
    the lists themselves are shown to nobody else."""
    entries = _entries_for(
        list(
            Case.history.filter(id=case.pk).select_related(
                "history_user", "responsible_officer", "team"
            )
        ),
        "Case",
    )
    order_ids = list(Order.objects.filter(case=case).values_list("id", flat=True))
    for model, key, label in CASE_RELATED:
        if model is CaseAccessEntry and not include_access_lists:
            continue
        records = list(model.history.filter(**{key: case.pk}).select_related("history_user"))
        entries.extend(_entries_for(records, label))
    for model, label in ORDER_RELATED:
        records = list(model.history.filter(order_id__in=order_ids).select_related("history_user"))
        entries.extend(_entries_for(records, label))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
