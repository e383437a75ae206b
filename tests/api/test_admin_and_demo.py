"""Administrators manage partner clients in the admin; the demo seeds one per partner."""

import pytest

from crc.api.models import PartnerApplication
from tests.conftest import sign_in
from tests.demo import quiet_demo_context
from tests.factories import PartnerOrganisationFactory


def test_an_administrator_creates_a_client_and_sees_the_secret_once(client, administrator):
    partner = PartnerOrganisationFactory(name="Kent Police", partner_type="police")
    sign_in(client, administrator)
    response = client.post(
        "/admin/api/partnerapplication/add/", {"partner_organisation": partner.pk}
    )
    assert response.status_code == 200, response.content[:500]
    link = PartnerApplication.objects.get(partner_organisation=partner)
    page = response.content.decode()
    assert link.application.client_id in page
    assert "will not be shown again" in page
    assert "no-store" in response["Cache-Control"]
    # Stored hashed, so the shown secret is not what the database holds.
    assert link.application.client_secret not in page


# The service centre uses the admin but not this page; an officer is sent to sign in.
@pytest.mark.parametrize("persona, status", [("service_centre", 403), ("officer", 302)])
def test_nobody_but_administrators_manages_clients(client, persona, status, request):
    sign_in(client, request.getfixturevalue(persona))
    response = client.get("/admin/api/partnerapplication/")
    assert response.status_code == status


def test_an_administrator_revokes_tokens_from_the_list(client, administrator, police):
    api = police.client()
    sign_in(client, administrator)
    response = client.post(
        "/admin/api/partnerapplication/",
        {"action": "revoke_tokens", "_selected_action": [police.link.pk]},
    )
    assert response.status_code == 302
    assert api.get("/api/v1/information-requests/").status_code == 401


def test_the_demo_seeder_writes_working_credentials_and_rotates_on_rerun(client, db):
    from crc.api.demo_seed import seed_partner_applications
    from crc.organisation.models import PartnerOrganisation, PartnerType

    # The resettlement prisons come with the database (a data migration); this test is
    # about the two partners it makes.
    PartnerOrganisation.objects.update(active=False)
    PartnerOrganisationFactory(name="Demo Police", partner_type=PartnerType.POLICE)
    PartnerOrganisationFactory(name="Demo CSC", partner_type=PartnerType.CHILDRENS_SOCIAL_CARE)

    def run():
        ctx = quiet_demo_context(1)
        seed_partner_applications(ctx)
        return ctx.credentials["partners"]

    first = run()
    second = run()
    assert [p["name"] for p in second] == ["Demo CSC", "Demo Police"]
    assert PartnerApplication.objects.count() == 2
    assert [p["client_id"] for p in first] == [p["client_id"] for p in second]
    for entry in second:
        import base64

        basic = base64.b64encode(f"{entry['client_id']}:{entry['client_secret']}".encode()).decode()
        response = client.post(
            "/o/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
        )
        assert response.status_code == 200, entry["name"]
