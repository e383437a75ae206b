"""crc.access.bulk answers "who may see which of these cases" for many people at once
with the Python twins of the policy's queries: it must agree with visible_cases for
every persona and case, limited-access lists, inactive staff and resettlement workers
included, and its query count must not grow with the people or the cases."""

import pytest

from cases.models import Case
from crc.access.bulk import visible_case_ids_by_person
from crc.access.policy import visible_cases
from crc.organisation.models import Role
from tests.conftest import Personas
from tests.factories import (
    CaseAccessEntryFactory,
    CaseFactory,
    CustodyEpisodeFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def answers(people: dict, case_ids: set[int]) -> dict[int, set[int]]:
    return visible_case_ids_by_person(
        Case.objects.all(), people, {pk: set(case_ids) for pk in people}
    )


def expected(people: dict, case_ids: set[int]) -> dict[int, set[int]]:
    return {
        pk: set(
            visible_cases(person, Case.objects.filter(pk__in=case_ids)).values_list("pk", flat=True)
        )
        for pk, person in people.items()
    }


@pytest.fixture
def everyone(personas):
    people = {personas[name].pk: personas[name] for name in Personas.people()}
    gone = StaffFactory(username="left", team=personas.case.team, is_active=False)
    people[gone.pk] = gone
    episode = CustodyEpisodeFactory()
    worker = StaffFactory(
        username="prison",
        role=Role.RESETTLEMENT_WORKER,
        team=None,
        partner_organisation=episode.prison.partner,
    )
    people[worker.pk] = worker
    # A restricted case naming the SPO, an excluded colleague, a case with no team.
    restricted = CaseFactory(team=personas.case.team, responsible_officer=personas.officer)
    CaseAccessEntryFactory(case=restricted, staff=personas.spo, kind="restriction")
    CaseAccessEntryFactory(case=personas.out_of_scope_case, staff=personas.colleague)
    CaseFactory(team=None, responsible_officer=personas.officer)
    case_ids = set(Case.objects.values_list("pk", flat=True))
    assert episode.case_id in case_ids
    return people, case_ids


def test_it_agrees_with_visible_cases_for_every_persona_and_case(everyone):
    people, case_ids = everyone
    found = answers(people, case_ids)
    assert found == expected(people, case_ids)
    worker = next(p for p in people.values() if p.role == Role.RESETTLEMENT_WORKER)
    assert len(found[worker.pk]) == 1  # the custody case at their prison


def test_it_answers_only_about_the_cases_asked(personas):
    people = {personas.officer.pk: personas.officer}
    wanted = {personas.officer.pk: {personas.case.pk, personas.out_of_scope_case.pk}}
    assert visible_case_ids_by_person(Case.objects.all(), people, wanted) == {
        personas.officer.pk: {personas.case.pk}
    }


def test_a_case_outside_the_queryset_is_not_visible(personas):
    people = {personas.qpm.pk: personas.qpm}
    wanted = {personas.qpm.pk: {personas.case.pk, personas.restricted_case.pk}}
    found = visible_case_ids_by_person(Case.objects.exclude(pk=personas.case.pk), people, wanted)
    assert found == {personas.qpm.pk: set()}


def test_the_query_count_does_not_grow_with_people_or_cases(
    personas, django_assert_max_num_queries
):
    team = personas.case.team
    officers = StaffFactory.create_batch(10, team=team)
    for officer in officers:
        CaseFactory.create_batch(3, team=team, responsible_officer=officer)
    people = {p.pk: p for p in [*officers, personas.spo, personas.area_manager]}
    case_ids = set(Case.objects.values_list("pk", flat=True))
    # Cases, their access entries, the SPOs' teams: three, however many.
    with django_assert_max_num_queries(3):
        found = answers(people, case_ids)
    assert found == expected(people, case_ids)
