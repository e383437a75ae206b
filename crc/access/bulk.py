"""Which of many cases each of many people may see, in a few queries: for the nightly
jobs that tell thousands of officers about their own cases.

visible_cases() asks the database once per person: right for a page, ruinous for a job
that tells every officer in the country about a case of theirs (a query per officer).
Here the cases' scope fields and limited-access entries are read once per BATCH_SIZE
cases, and policy.in_role_scope and policy.is_blocked (the Python twins of
role_scope_q and blocked_expression, beside them in policy.py) decide each pair. People
whose reach those fields cannot decide (resettlement workers: custody at their prison)
are asked through visible_cases as before. tests/access/test_bulk_visibility.py checks
the answers equal visible_cases for every persona and case.
"""

from collections import defaultdict
from collections.abc import Mapping

from django.db.models import QuerySet

from crc.access.policy import (
    in_role_scope,
    is_blocked,
    prefetch_managed_team_ids,
    visible_cases,
)

# Case ids per query: an IN list this long stays well inside PostgreSQL's and SQLite's
# parameter limits.
BATCH_SIZE = 5000


def _batches(ids: list[int]):
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def visible_case_ids_by_person(
    queryset: QuerySet, people: Mapping[int, object], wanted: Mapping[int, set[int]]
) -> dict[int, set[int]]:
    """{person pk: the case ids among wanted[pk] they may see}. ``people`` maps a pk to
    the person (a staff member); ``queryset`` is the case queryset to look in.

    Queries: two per BATCH_SIZE distinct cases (scope fields, access entries), one for
    the line managers' teams, and one per resettlement worker: not one per person.
    """
    prefetch_managed_team_ids(people.values())
    all_ids = sorted({case_id for ids in wanted.values() for case_id in ids})
    fields: dict[int, tuple] = {}
    entries: dict[int, set[tuple[str, int]]] = defaultdict(set)
    entry_model = queryset.model._meta.get_field("access_entries").related_model
    for batch in _batches(all_ids):
        for pk, officer_id, team_id, area_id in queryset.filter(pk__in=batch).values_list(
            "pk", "responsible_officer_id", "team_id", "team__office__area_id"
        ):
            fields[pk] = (officer_id, team_id, area_id)
        for case_id, kind, staff_id in entry_model.objects.filter(case_id__in=batch).values_list(
            "case_id", "kind", "staff_id"
        ):
            entries[case_id].add((kind, staff_id))
    seen: dict[int, set[int]] = {}
    for person_pk, case_ids in wanted.items():
        person = people[person_pk]
        seen[person_pk] = mine = set()
        undecided = []
        for case_id in case_ids:
            if case_id not in fields:
                continue  # not in the queryset: fail closed
            officer_id, team_id, area_id = fields[case_id]
            scope = in_role_scope(
                person, responsible_officer_id=officer_id, team_id=team_id, area_id=area_id
            )
            if scope is None:
                undecided.append(case_id)
            elif scope and not is_blocked(person, entries.get(case_id, set())):
                mine.add(case_id)
        for batch in _batches(sorted(undecided)):
            mine.update(
                visible_cases(person, queryset.filter(pk__in=batch)).values_list("pk", flat=True)
            )
    return seen
