"""The forms that allocate a case and limit who may see it."""

import pytest
from django.urls import reverse

from cases.models import AccessListKind, Allocation, CaseAccessEntry
from tests.cases.helpers import assert_error_page, post_refused, sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


# --- Allocation ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["spo", "administrator"])
def test_the_spo_or_an_administrator_allocates_the_case(
    client, request, supervised_case, colleague, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=supervised_case)

    response = client.post(
        reverse("cases:allocate", args=[supervised_case.crn]),
        {"officer": str(colleague.pk), "reason": "Officer on long-term leave"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[supervised_case.crn])
    supervised_case.refresh_from_db()
    assert supervised_case.responsible_officer == colleague
    allocation = Allocation.objects.get(case=supervised_case, ended_at__isnull=True)
    assert allocation.allocated_by == user
    assert supervised_case.history.latest().history_user == user


def test_the_spo_picks_only_active_officers_of_the_teams_they_manage(
    client, spo, case, colleague, pso, other_officer
):
    StaffFactory(
        username="gone", first_name="Gone", last_name="Away", team=case.team, is_active=False
    )
    sign_in(client, spo)

    html = client.get(reverse("cases:allocate", args=[case.crn])).content.decode()

    assert colleague.get_full_name() in html
    assert "(PSO, Islington A)" in html
    assert other_officer.get_full_name() not in html
    assert "Gone Away" not in html
    assert "Tier C2" in html


def test_a_pso_cannot_be_given_a_tier_b_case(client, spo, case, pso):
    case.tier = "B2"
    case.save()
    sign_in(client, spo)
    html = post_refused(
        client,
        reverse("cases:allocate", args=[case.crn]),
        {"officer": str(pso.pk), "reason": "Capacity"},
        "cannot hold a tier B2 case",
    )
    assert 'href="#id_officer"' in html
    assert 'id="id_officer-error"' in html


def test_allocation_needs_a_reason(client, spo, case, colleague):
    sign_in(client, spo)
    post_refused(
        client,
        reverse("cases:allocate", args=[case.crn]),
        {"officer": str(colleague.pk), "reason": ""},
        "Enter a reason for the allocation",
    )


def test_the_allocate_page_queries_do_not_grow_with_the_officers(
    client, spo, supervised_case, team_a, django_assert_max_num_queries
):
    sign_in(client, spo)
    url = reverse("cases:allocate", args=[supervised_case.crn])
    client.get(url)
    StaffFactory.create_batch(15, team=team_a)

    with django_assert_max_num_queries(13):
        response = client.get(url)

    assert response.status_code == 200


# --- Limited access -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["spo", "administrator"])
def test_staff_are_excluded_from_a_case(client, request, case, other_officer, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=case)
    url = reverse("cases:access_lists", args=[case.crn])

    response = client.post(
        url, {"staff": str(other_officer.pk), "kind": "exclusion", "reason": "Knows the family"}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    entry = CaseAccessEntry.objects.get(case=case)
    assert (entry.staff, entry.kind, entry.added_by) == (other_officer, "exclusion", user)
    assert entry.history.get().history_user == user
    page = client.get(url).content.decode()
    assert "Knows the family" in page and other_officer.get_full_name() in page


def test_the_responsible_officer_cannot_be_excluded(client, spo, case, officer):
    sign_in(client, spo)
    html = post_refused(
        client,
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(officer.pk), "kind": "exclusion", "reason": "Conflict"},
        "Reallocate the case before excluding",
    )
    assert 'href="#id_staff"' in html


def test_a_restriction_that_leaves_out_the_spo_sends_them_home(client, spo, case, colleague):
    sign_in(client, spo)

    response = client.post(
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(colleague.pk), "kind": "restriction", "reason": "High-profile case"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert set(
        CaseAccessEntry.objects.filter(kind=AccessListKind.RESTRICTION).values_list(
            "staff", flat=True
        )
    ) == {colleague.pk, case.responsible_officer_id}
    assert client.get(reverse("cases:overview", args=[case.crn])).status_code == 404


def test_access_lists_need_a_reason(client, spo, case, other_officer):
    sign_in(client, spo)

    response = client.post(
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(other_officer.pk), "kind": "exclusion", "reason": ""},
    )

    assert_error_page(response, "Enter why access is limited")
    assert not CaseAccessEntry.objects.exists()


def test_inactive_staff_are_not_offered(client, spo, case):
    StaffFactory(username="leaver", first_name="Lee", last_name="Leaver", is_active=False)
    sign_in(client, spo)

    html = client.get(reverse("cases:access_lists", args=[case.crn])).content.decode()

    assert "Lee Leaver" not in html
