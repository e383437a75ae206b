"""Erasing a record with everything that hangs off it, and its history.

Django's deleting collector refuses rows protected by another row of the same record
(a contact's PROTECT link to its appointment), and simple-history would write a
"deleted" history row holding the full content. So: find every model that reaches the
root model through foreign keys, gather the ids of the rows that reach the records
being erased (to a fixed point, as a row can reach them by two paths), delete their
history rows, then the rows themselves, without signals. Foreign keys are checked at
commit (Django makes them deferrable), so the order of the deletes does not matter; a
row outside the record that still points at an erased one fails the commit and the
whole batch is rolled back.
"""

from collections import defaultdict

from django.apps import apps
from django.db import models
from simple_history.models import HistoricalChanges


def _is_history(model) -> bool:
    return issubclass(model, HistoricalChanges)


def _links(root) -> list[tuple[type[models.Model], str, type[models.Model]]]:
    """(model, field name, target) for every foreign key from a model that reaches
    `root`, itself included, to a model in that set."""
    reach = {root}
    frontier = [root]
    while frontier:
        target = frontier.pop()
        for model in apps.get_models(include_auto_created=True):
            if model in reach or _is_history(model):
                continue
            if any(
                field.is_relation and field.related_model is target
                for field in model._meta.concrete_fields
            ):
                reach.add(model)
                frontier.append(model)
    return [
        (model, field.name, field.related_model)
        for model in reach
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in reach
    ]


def rows_under(root, pks: list[int]) -> dict[type[models.Model], set]:
    """The ids of every row that belongs to the `root` rows `pks`."""
    found: dict[type[models.Model], set] = defaultdict(set)
    found[root] = set(pks)
    links = _links(root)
    changed = True
    while changed:
        changed = False
        for model, field, target in links:
            if not found.get(target) or model is root:
                continue
            ids = set(
                model._base_manager.filter(**{f"{field}__in": found[target]}).values_list(
                    "pk", flat=True
                )
            )
            if ids - found[model]:
                found[model] |= ids
                changed = True
    return found


def erase_rows(root, pks: list[int]) -> dict[str, int]:
    """Delete the rows and their history; the counts by table, for the report."""
    counts: dict[str, int] = {}
    for model, ids in rows_under(root, pks).items():
        if not ids:
            continue
        history_attribute = getattr(model._meta, "simple_history_manager_attribute", None)
        if history_attribute:
            history = getattr(model, history_attribute).model
            history._base_manager.filter(**{f"{model._meta.pk.attname}__in": ids}).delete()
        deleted = model._base_manager.filter(pk__in=ids)._raw_delete(model._base_manager.db)
        counts[model._meta.label] = deleted
    return counts
