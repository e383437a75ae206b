"""What needs the SPO's decision (cases.selectors.spo_attention): the open escalations
and contact-level reductions on their teams' cases they may see, and the shape of its
queries, which decides whether the planner reads one team's cases or every escalation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import EscalationStatus
from cases.selectors import spo_attention
from tests.factories import ContactLevelDecisionFactory, EscalationFactory

pytestmark = pytest.mark.django_db


def _team_ids(spo) -> list[int]:
    return list(spo.managed_teams.values_list("id", flat=True))


def test_it_lists_open_escalations_on_the_teams_visible_cases_only(personas):
    spo = personas.spo
    mine = EscalationFactory(case=personas.case)
    EscalationFactory(case=personas.case, status=EscalationStatus.CLOSED)
    EscalationFactory(case=personas.out_of_scope_case)  # another team's case
    EscalationFactory(case=personas.restricted_case)  # a restriction list without the SPO

    attention = spo_attention(user=spo, team_ids=_team_ids(spo))

    assert [e.pk for e in attention.open_escalations] == [mine.pk]


def test_it_lists_reductions_awaiting_approval_on_the_teams_visible_cases_only(personas):
    spo = personas.spo
    mine = ContactLevelDecisionFactory(case=personas.case, status="awaiting_approval")
    ContactLevelDecisionFactory(case=personas.out_of_scope_case, status="awaiting_approval")
    ContactLevelDecisionFactory(case=personas.restricted_case, status="awaiting_approval")

    attention = spo_attention(user=spo, team_ids=_team_ids(spo))

    assert [d.pk for d in attention.awaiting_approval] == [mine.pk]


def test_the_escalation_and_reduction_queries_filter_the_joined_case_by_team(personas):
    """The access filters inside the visible-cases subquery make PostgreSQL expect one
    case, and then scan every open escalation once per case of the team (238 ms on the
    London data). The team filter on the joined case itself gives it the right estimate."""
    spo = personas.spo
    with CaptureQueriesContext(connection) as queries:
        spo_attention(user=spo, team_ids=_team_ids(spo))
    outer = {}
    for query in queries.captured_queries:
        sql = query["sql"]
        for table in ("cases_escalation", "cases_contactleveldecision"):
            if sql.startswith(f'SELECT "{table}"'):
                outer[table] = sql.split("(SELECT", 1)[0]  # before the subquery
    assert set(outer) == {"cases_escalation", "cases_contactleveldecision"}
    for table, where in outer.items():
        assert '"cases_case"."team_id" IN' in where, f"{table}: {where[-300:]}"
    case_queries = [q for q in queries.captured_queries if q["sql"].startswith('SELECT "cases_')]
    assert len(case_queries) == 3  # one per list, however many rows
