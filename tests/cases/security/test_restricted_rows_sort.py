"""Restricted rows on a caseload are ordered by CRN only, whatever the sort (issue 9,
finding 10): their order by tier, risk or name would hint at what is hidden."""

import pytest

from cases import selectors
from tests.factories import CaseAccessEntryFactory, CaseFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_rows(team_a, officer):
    """Three cases hidden from the SPO, their CRN order the reverse of their risk, tier,
    name and creation order."""
    rows = [
        {"crn": "X900003", "rosh_overall": "very_high", "tier": "A3", "last_name": "Adams"},
        {"crn": "X900002", "rosh_overall": "medium", "tier": "B2", "last_name": "Brown"},
        {"crn": "X900001", "rosh_overall": "low", "tier": "D0", "last_name": "Clark"},
    ]
    cases = []
    for row in rows:
        case = CaseFactory(team=team_a, responsible_officer=officer, **row)
        CaseAccessEntryFactory(case=case, kind="restriction", staff=StaffFactory(team=team_a))
        cases.append(case)
    return cases


@pytest.mark.parametrize("sort", ["name", "tier", "rosh", "review", "crn"])
@pytest.mark.parametrize("descending", [False, True])
def test_restricted_rows_sort_by_crn_only(spo, team_a, restricted_rows, sort, descending):
    rows = selectors.caseload_for_teams(
        user=spo, team_ids=[team_a.pk], sort=sort, descending=descending
    )
    hidden = [row.crn for row in rows if row.access_blocked]
    assert hidden == ["X900001", "X900002", "X900003"]
