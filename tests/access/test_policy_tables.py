"""The access policy's tables, tested directly: a change to who may do what shows up here.

relationship × action, role × page and allocation eligibility, each written out in full
so that reading this file says what the policy is. No database, but for one check that
the officer filter on staff agrees with the allocation table.
"""

from types import SimpleNamespace

import pytest

from cases.models import OPEN_INFORMATION_REQUEST_STATUSES
from crc.access import roles
from crc.access.allocation import (
    holds_pso_grade,
    may_be_named_on_access_lists_q,
    may_hold_cases,
    may_hold_cases_q,
)
from crc.access.pages import Page, role_may_use
from crc.access.partners import OPEN_REQUEST_STATUSES
from crc.access.policy import Action, Relationship, allowed, must_state_reason
from crc.organisation import models as organisation_models
from crc.organisation.models import Role
from tests.factories import StaffFactory

R = Relationship
A = Action
OFFICER, TEAM, LINE, AREA, QUALITY, CENTRE, ADMIN = (
    R.ALLOCATED_OFFICER,
    R.TEAM,
    R.LINE_MANAGEMENT,
    R.AREA_MANAGEMENT,
    R.QUALITY_AUDIT,
    R.SERVICE_CENTRE,
    R.ADMINISTRATION,
)

# The designed answer: for each action, the relationships that may take it.
EXPECTED_ACTIONS = {
    A.READ: {OFFICER, TEAM, LINE, AREA, QUALITY, CENTRE, ADMIN},
    A.RECORD_CONTACT: {OFFICER, LINE},
    A.EDIT_PLAN: {OFFICER, LINE},
    A.RECORD_RISK: {OFFICER, LINE},
    A.COMPLETE_REVIEW: {OFFICER, LINE},
    A.EDIT_PERSON: {OFFICER, CENTRE, ADMIN},
    A.ALLOCATE: {LINE, ADMIN},
    A.CHANGE_CONTACT_LEVEL: {OFFICER, LINE},
    A.APPROVE: {LINE},
    A.OVERSEE: {LINE},
    A.RAISE_ESCALATION: {OFFICER, LINE},
    A.PROGRESS_ESCALATION: {LINE, CENTRE},
    A.MANAGE_ACCESS_LISTS: {LINE, ADMIN},
    A.SERVICE_CENTRE_WORK: {CENTRE, ADMIN},
}
# --- Through the Gate (issue 11) ---
PRISON = R.PRISON_RESETTLEMENT
EXPECTED_ACTIONS[A.READ] = EXPECTED_ACTIONS[A.READ] | {PRISON}
EXPECTED_ACTIONS[A.SCREEN] = {OFFICER, LINE, PRISON}
EXPECTED_ACTIONS[A.PLAN_RESETTLEMENT] = {OFFICER, LINE, PRISON}
EXPECTED_ACTIONS[A.PREPARE_RELEASE] = {OFFICER, LINE}


def test_the_expectations_name_every_action():
    assert set(EXPECTED_ACTIONS) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("relationship", list(Relationship))
def test_each_relationship_may_take_exactly_the_designed_actions(relationship, action):
    assert allowed(relationship, action) == (relationship in EXPECTED_ACTIONS[action])


@pytest.mark.parametrize("action", list(Action))
def test_no_relationship_means_no_action_not_even_reading(action):
    assert allowed(None, action) is False


def test_area_managers_read_and_do_nothing_else():
    assert [a for a in Action if allowed(AREA, a)] == [A.READ]


CASE_HOLDERS = {
    Role.PROBATION_OFFICER,
    Role.PROBATION_SERVICES_OFFICER,
    Role.SENIOR_PROBATION_OFFICER,
}
CASE_ROLES = CASE_HOLDERS | {
    Role.AREA_MANAGER,
    Role.QUALITY_PERFORMANCE_MANAGER,
    Role.SERVICE_CENTRE,
    Role.ADMINISTRATOR,
}
EVERYONE = set(Role)
SATELLITE_ROLES = {
    Role.UNPAID_WORK_COORDINATOR,
    Role.UNPAID_WORK_SUPERVISOR,
}

# The designed answer: for each page, the roles that may use it.
EXPECTED_PAGES = {
    Page.HOME: EVERYONE,
    Page.ACCOUNT: EVERYONE,
    Page.MY_CASELOAD: CASE_HOLDERS,
    Page.TEAM_CASELOAD: {Role.SENIOR_PROBATION_OFFICER},
    Page.APPOINTMENTS: CASE_HOLDERS,
    Page.SEARCH: CASE_ROLES,
    Page.INBOX: CASE_ROLES,
    Page.TASKS: {Role.SERVICE_CENTRE, Role.ADMINISTRATOR},
    Page.CASE_CREATE: {Role.SERVICE_CENTRE, Role.ADMINISTRATOR},
    Page.ACCESS_LOG: {Role.ADMINISTRATOR},
    Page.ADMIN_SITE: {Role.SERVICE_CENTRE, Role.ADMINISTRATOR},
    # --- Unpaid work ---
    Page.UW_SESSIONS: {Role.UNPAID_WORK_COORDINATOR, Role.UNPAID_WORK_SUPERVISOR},
    Page.UW_COORDINATION: {Role.UNPAID_WORK_COORDINATOR},
    # Interventions (issue 12)
    Page.PROVIDER_REFERRALS: {Role.PROVIDER_CASEWORKER},
    # --- Dashboards (issue 13) ---
    Page.DASHBOARDS: {
        Role.SENIOR_PROBATION_OFFICER,
        Role.AREA_MANAGER,
        Role.QUALITY_PERFORMANCE_MANAGER,
        Role.ADMINISTRATOR,
    },
    Page.QUALITY_AUDITS: {Role.QUALITY_PERFORMANCE_MANAGER},
    # The partner API's schema and reference pages: every role.
    Page.API_DOCS: EVERYONE,
}

# What every role reaches: home, their account and the partner API's reference pages.
EVERY_ROLES_PAGES = {Page.HOME, Page.ACCOUNT, Page.API_DOCS}

# The pages of their own app each satellite role uses, beyond every role's pages.
SATELLITE_PAGES = {
    # --- Unpaid work ---
    Role.UNPAID_WORK_COORDINATOR: {Page.UW_SESSIONS, Page.UW_COORDINATION},
    Role.UNPAID_WORK_SUPERVISOR: {Page.UW_SESSIONS},
}
# --- Through the Gate (issue 11) ---
EXPECTED_PAGES[Page.RESETTLEMENT_CASELOAD] = {Role.RESETTLEMENT_WORKER}
EXPECTED_PAGES[Page.PEOPLE_IN_CUSTODY] = CASE_HOLDERS
EXPECTED_PAGES[Page.INBOX] = EXPECTED_PAGES[Page.INBOX] | {Role.RESETTLEMENT_WORKER}
# Provider caseworkers are told of their referrals (never of cases): ADR 0011.
EXPECTED_PAGES[Page.INBOX] = EXPECTED_PAGES[Page.INBOX] | {Role.PROVIDER_CASEWORKER}


def test_the_expectations_name_every_page():
    assert set(EXPECTED_PAGES) == set(Page)


@pytest.mark.parametrize("page", list(Page))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_use_exactly_the_designed_pages(role, page):
    assert role_may_use(role, page) == (role in EXPECTED_PAGES[page])


@pytest.mark.parametrize("role", sorted(SATELLITE_ROLES))
def test_the_satellite_roles_reach_only_home_their_account_and_their_own_apps_pages(role):
    expected = EVERY_ROLES_PAGES | SATELLITE_PAGES.get(role, set())
    assert {page for page in Page if role_may_use(role, page)} == expected
    assert role not in roles.CASE_ROLES


def test_a_provider_caseworker_reaches_home_their_account_inbox_and_referrals_only():
    reached = {page for page in Page if role_may_use(Role.PROVIDER_CASEWORKER, page)}
    assert reached == EVERY_ROLES_PAGES | {Page.INBOX, Page.PROVIDER_REFERRALS}
    assert Role.PROVIDER_CASEWORKER not in roles.CASE_ROLES


def _person(role, *, active=True):
    return SimpleNamespace(role=role, is_active=active)


# Whom staff lists offer, by role and whether the account is active: who may hold cases
# (be allocated one), and who may be named on a case's exclusion or restriction list.
STAFF_LISTS = [
    # role, active, may hold cases, may be named on access lists
    (Role.PROBATION_OFFICER, True, True, True),
    (Role.PROBATION_SERVICES_OFFICER, True, True, True),
    (Role.PROBATION_OFFICER, False, False, False),
    (Role.SENIOR_PROBATION_OFFICER, True, False, True),
    (Role.AREA_MANAGER, True, False, True),
    (Role.QUALITY_PERFORMANCE_MANAGER, True, False, True),
    (Role.SERVICE_CENTRE, True, False, True),
    (Role.ADMINISTRATOR, True, False, True),
    (Role.UNPAID_WORK_COORDINATOR, True, False, True),
    (Role.UNPAID_WORK_SUPERVISOR, True, False, True),
    (Role.RESETTLEMENT_WORKER, True, False, True),
    (Role.PROVIDER_CASEWORKER, True, False, True),
    ("", True, False, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "active", "may_hold", "_named"), STAFF_LISTS)
def test_only_active_probation_officers_and_psos_may_be_allocated_a_case(
    role, active, may_hold, _named
):
    assert may_hold_cases(_person(role, active=active)) is may_hold
    # The same answer as a filter on staff, for lists of officers.
    person = StaffFactory(role=role, is_active=active)
    listed = organisation_models.Staff.objects.filter(may_hold_cases_q(), pk=person.pk).exists()
    assert listed is may_hold


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "active", "_hold", "may_be_named"), STAFF_LISTS)
def test_any_active_member_of_staff_with_a_role_may_be_named_on_a_cases_access_lists(
    role, active, _hold, may_be_named
):
    person = StaffFactory(role=role, is_active=active)
    staff = organisation_models.Staff.objects.filter(may_be_named_on_access_lists_q())
    assert staff.filter(pk=person.pk).exists() is may_be_named


# Who must state a reason before any case shows: those with no working relationship.
MUST_STATE_REASON = {Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", list(Role))
def test_only_an_administrator_must_state_a_reason_before_any_case_shows(role):
    assert must_state_reason(_person(role)) is (role in MUST_STATE_REASON)


def test_only_a_pso_is_held_to_the_pso_tier_rule():
    assert [r for r in Role if holds_pso_grade(_person(r))] == [Role.PROBATION_SERVICES_OFFICER]


def test_the_role_sets_organisation_keeps_below_access_match_access():
    # Staff.save and Staff.is_responsible_officer read organisation's copies.
    assert roles.ADMIN_SITE_ROLES == organisation_models.ADMIN_SITE_ROLES
    assert roles.RESPONSIBLE_OFFICER_ROLES == organisation_models.RESPONSIBLE_OFFICER_ROLES


def test_the_partner_scope_knows_the_same_open_request_statuses_as_the_case_record():
    assert set(OPEN_REQUEST_STATUSES) == set(OPEN_INFORMATION_REQUEST_STATUSES)


def test_a_resettlement_worker_screens_and_plans_but_leaves_release_to_the_officer():
    assert {a for a in Action if allowed(R.PRISON_RESETTLEMENT, a)} == {
        A.READ,
        A.SCREEN,
        A.PLAN_RESETTLEMENT,
    }


def test_a_resettlement_worker_reaches_home_account_inbox_and_the_prison_caseload():
    pages = {page for page in Page if role_may_use(Role.RESETTLEMENT_WORKER, page)}
    assert pages == EVERY_ROLES_PAGES | {Page.INBOX, Page.RESETTLEMENT_CASELOAD}
    assert Role.RESETTLEMENT_WORKER not in roles.CASE_ROLES
