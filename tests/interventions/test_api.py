"""The provider partner API (issue 12): a provider sees only referrals made to it; its
writes are idempotent (a reused key with another body is 422), refused in the wrong
state (409), with field errors on bad input (400); every disclosure is logged."""

import pytest

from crc.access.models import AccessKind, AccessLog
from crc.notifications.models import OutboxMessage
from crc.organisation.models import PartnerType
from interventions import services
from interventions.models import ProviderAppointment
from tests.factories.interventions import ReferralFactory
from tests.partners import make_partner

pytestmark = pytest.mark.django_db

LIST = "/api/v1/interventions/referrals/"
QUERIES_PER_PAGE = 8


def detail(referral, tail=""):
    return f"{LIST}{referral.pk}/{tail}"


@pytest.fixture
def provider_api(service, provider):
    # The walk's provider gets an OAuth client of its own.
    from crc.api.services import partner_application_create
    from tests.partners import Partner

    link, secret = partner_application_create(partner_organisation=provider)
    return Partner(organisation=provider, link=link, secret=secret)


def post(client, url, body, key):
    return client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_provider_lists_only_its_own_referrals_and_each_is_logged_as_a_disclosure(
    walk, provider_api, django_assert_max_num_queries
):
    own = [walk.sent() for _ in range(3)]
    foreign = ReferralFactory()
    client = provider_api.client(acting_person="Pat at CGL")
    with django_assert_max_num_queries(20):
        response = client.get(LIST)
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == [r.pk for r in own] and foreign.pk not in ids
    logged = AccessLog.objects.filter(kind=AccessKind.DISCLOSURE, client_id=provider_api.client_id)
    # One row per case per response: three referrals of one person are one disclosure.
    assert logged.count() == 1
    assert logged.get().acting_person == "Pat at CGL"


def test_the_list_pages_by_cursor_and_its_query_count_does_not_grow(
    walk, provider_api, django_assert_max_num_queries
):
    for _ in range(5):
        walk.sent()
    client = provider_api.client()
    # The same bound for two rows and for five: the page's rows come in one query, and
    # the disclosure log writes one row per person, not per referral.
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        first = client.get(LIST, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert {r["id"] for r in second["results"]}.isdisjoint({r["id"] for r in first["results"]})
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        assert len(client.get(LIST, {"page_size": 5}).json()["results"]) == 5


def test_another_providers_referral_is_404_and_the_refusal_is_logged(walk, provider_api):
    foreign = ReferralFactory()
    client = provider_api.client()
    assert client.get(detail(foreign)).status_code == 404
    response = post(client, detail(foreign, "assign/"), {"caseworker": "caseworker"}, "k1")
    assert response.status_code == 404
    assert AccessLog.objects.filter(kind=AccessKind.DENIED, case_crn=foreign.case.crn).exists()
    foreign.refresh_from_db()
    assert foreign.caseworker_id is None


def test_the_detail_carries_the_stored_risk_view_only(walk, provider_api):
    referral = walk.sent()
    body = provider_api.client().get(detail(referral)).json()
    assert body["risk_information"] == referral.risk_information
    assert body["crn"] == walk.case.crn
    assert "first_name" not in body and "date_of_birth" not in body
    assert [o["description"] for o in body["desired_outcomes"]] == ["Drinks less"]


def test_the_provider_walks_a_referral_through_the_api(walk, provider_api, officer):
    referral = walk.sent()
    client = provider_api.client()
    assigned = post(client, detail(referral, "assign/"), {"caseworker": "caseworker"}, "a")
    assert assigned.status_code == 200 and assigned.json()["caseworker"] == "caseworker"
    booked = post(
        client, detail(referral, "appointments/"), {"starts_at": "2026-11-02T10:00:00Z"}, "b"
    )
    assert booked.status_code == 201 and booked.json()["status"] == "assessment_booked"
    plan = {"activities": ["Drink diary"], "number_of_sessions": 2}
    planned = post(client, detail(referral, "action-plan/"), plan, "c")
    assert planned.status_code == 201
    services.action_plan_approve(
        plan=referral.action_plans.get(),
        by=officer,
        version=planned.json()["action_plans"][0]["version"],
    )
    session = {
        "starts_at": "2026-11-03T10:00:00Z",
        "attendance": "yes",
        "summary": "Drink diary started.",
        "concerns": "Arrived smelling of drink.",
    }
    first = post(client, detail(referral, "sessions/"), session, "d")
    replay = post(client, detail(referral, "sessions/"), session, "d")
    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert ProviderAppointment.objects.filter(kind="session").count() == 1
    concerns = OutboxMessage.objects.filter(dedupe_key__startswith="intervention-concern:")
    assert concerns.count() == 1
    reused = post(client, detail(referral, "sessions/"), {**session, "summary": "Other"}, "d")
    assert reused.status_code == 422
    assert ProviderAppointment.objects.filter(kind="session").count() == 1


def test_nothing_but_assigning_works_before_a_caseworker_is_assigned(walk, provider_api):
    referral = walk.sent()
    response = post(
        provider_api.client(),
        detail(referral, "appointments/"),
        {"starts_at": "2026-11-02T10:00:00Z"},
        "x",
    )
    assert response.status_code == 409
    assert "Assign a caseworker" in response.json()["detail"]


def test_a_caseworker_of_another_provider_cannot_be_assigned(walk, provider_api):
    from tests.factories.interventions import provider_caseworker

    provider_caseworker(username="elsewhere")
    referral = walk.sent()
    response = post(
        provider_api.client(), detail(referral, "assign/"), {"caseworker": "elsewhere"}, "y"
    )
    assert response.status_code == 409
    referral.refresh_from_db()
    assert referral.caseworker_id is None


def test_bad_input_is_400_with_field_errors_and_changes_nothing(walk, provider_api):
    referral = walk.assessed()
    response = post(
        provider_api.client(),
        detail(referral, "action-plan/"),
        {"activities": [], "number_of_sessions": 0},
        "z",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"activities", "number_of_sessions"}
    assert not referral.action_plans.exists()


@pytest.mark.parametrize(
    "starts_at, message",
    [
        # Found by schemathesis: stored, then sent back in London's local mean time
        # (-00:01:15), which is not a date-time the schema allows.
        ("0117-06-25T21:00:02Z", "Give a date and time between 1900 and 2199."),
        ("2026-06-25T10:00:00+15:00", "Give a UTC offset between -12:00 and +14:00."),
    ],
)
def test_a_session_at_an_impossible_time_is_400_naming_the_field(
    walk, provider_api, starts_at, message
):
    referral = walk.approved()
    body = {"starts_at": starts_at, "attendance": "yes", "summary": "Diary"}
    response = post(provider_api.client(), detail(referral, "sessions/"), body, "t")
    assert (response.status_code, response.json()) == (400, {"starts_at": [message]})
    assert not referral.appointments.filter(kind="session").exists()


def test_a_stale_plan_revision_is_409(walk, provider_api):
    referral, plan = walk.plan_submitted()
    body = {"activities": ["Changed"], "number_of_sessions": 2, "version": plan.version + 5}
    response = post(provider_api.client(), detail(referral, "action-plan/"), body, "s")
    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.activities == ["Drink diary", "Triggers"]


def test_other_partner_types_and_scopes_are_refused(walk, provider_api):
    referral = walk.sent()
    police = make_partner("Met", PartnerType.POLICE)
    assert police.client().get(LIST).status_code == 404
    read_only = provider_api.client(scopes=["interventions:read"])
    response = post(read_only, detail(referral, "assign/"), {"caseworker": "caseworker"}, "r")
    assert response.status_code == 403
