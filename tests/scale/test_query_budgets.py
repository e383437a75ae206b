"""Query budgets (issue 14, item 2): every page and API endpoint that lists rows runs
the same number of queries for N rows as for 3N, within its ceiling; and every URL
pattern is either budgeted or named as not a list (tests/scale/budget_table.py)."""

import pytest

from crc.access.marks import walk
from tests.scale import budget_table as table
from tests.scale.measure import N, assert_did_not_grow, read, report
from tests.scale.world import World


def unclassified(routes) -> list[str]:
    budgeted = {budget.route for budget in table.BUDGETS}
    return [
        f"{route}: no budget and not in NOT_LISTS (tests/scale/budget_table.py)"
        for route in routes
        if route not in budgeted and route not in table.NOT_LISTS
    ]


def project_routes() -> list[str]:
    # The admin's changelists are budgeted in test_admin_budgets.py; the DEBUG-only
    # error pages are not in the test URL conf.
    return [route for route, _ in walk() if not route.startswith(("admin/", "_errors/"))]


def test_every_url_pattern_has_a_budget_or_says_why_it_lists_nothing():
    assert unclassified(project_routes()) == []


def test_a_new_list_page_with_no_budget_is_reported_by_name():
    assert unclassified([*project_routes(), "unpaid-work/new-list/"]) == [
        "unpaid-work/new-list/: no budget and not in NOT_LISTS (tests/scale/budget_table.py)"
    ]


def test_the_table_names_only_patterns_that_exist_and_each_once():
    routes = set(project_routes())
    budgeted = {budget.route for budget in table.BUDGETS}
    assert sorted(budgeted - routes) == []
    assert sorted(set(table.NOT_LISTS) - routes) == []
    assert sorted(budgeted & set(table.NOT_LISTS)) == []


@pytest.fixture
def world(personas):
    return World(personas)


@pytest.mark.django_db
@pytest.mark.parametrize("budget", table.BUDGETS, ids=lambda b: b.id)
def test_the_query_count_does_not_grow_with_the_rows_shown(world, budget):
    client = world.client_for(budget.viewer)
    shown = budget.seed(world, N)
    url = world.url(budget.route) + budget.query
    response, _, _ = read(client, url)  # warm: first-request work (session, caches)
    assert response.status_code == 200, f"{url}: {response.status_code}"

    response, body, few = read(client, url)
    missing = [text for text in shown if text not in body]
    assert missing == [], f"{url}: the seeded rows are not on the page: {missing}"
    budget.seed(world, 2 * N)
    response, _, many = read(client, url)

    assert response.status_code == 200
    report(budget.id, len(few), len(many), budget.ceiling)
    assert_did_not_grow(f"{url} as {budget.viewer}", few, many)
    assert len(many) <= budget.ceiling, f"{url} as {budget.viewer}: {len(many)} queries"
