"""Tokens: client-credentials only; no token 401, expired 401, wrong scope 403."""

import base64

from oauth2_provider.models import AccessToken

from crc.api.services import partner_application_revoke, partner_application_rotate_secret
from tests.conftest import sign_in
from tests.partners import post_answer

LIST = "/api/v1/information-requests/"


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def test_a_partner_gets_a_token_with_client_credentials_and_uses_it(client, police, police_request):
    response = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] <= 600
    assert set(body["scope"].split()) == {
        "information-requests:read",
        "information-requests:write",
        "events:write",
    }
    # Stored hashed: the plain token is nowhere in the database.
    assert not AccessToken.objects.filter(token=body["access_token"]).exists()
    listed = client.get(LIST, HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    assert listed.status_code == 200
    assert listed.json()["results"][0]["id"] == police_request.pk


def test_a_token_asked_for_with_a_scope_the_type_does_not_allow_is_refused(client, csc):
    response = client.post(
        "/o/token/",
        {"grant_type": "client_credentials", "scope": "events:write"},
        HTTP_AUTHORIZATION=_basic(csc.client_id, csc.secret),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_other_grants_are_refused(client, police):
    response = client.post(
        "/o/token/",
        {"grant_type": "password", "username": "x", "password": "y"},
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    assert response.status_code == 400
    assert "access_token" not in response.json()


def test_a_wrong_secret_gets_no_token(client, police):
    response = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(police.client_id, "not-the-secret"),
    )
    assert response.status_code == 401


def test_no_token_is_401_with_a_bearer_challenge(client, police_request):
    response = client.get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "no-store"


def test_a_garbage_token_is_401(client, db):
    assert client.get(LIST, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_an_expired_token_is_401(police, police_request):
    assert police.client(expires_in=-1).get(LIST).status_code == 401


def test_a_token_without_the_scope_is_403_naming_it(police, police_request):
    response = police.client(scopes=["events:write"]).get(LIST)
    assert response.status_code == 403
    assert response.json()["required_scopes"] == ["information-requests:read"]


def test_a_read_only_token_cannot_answer(police, police_request):
    response = post_answer(
        police.client(scopes=["information-requests:read"]), police_request, "x", key="k"
    )
    assert response.status_code == 403
    police_request.refresh_from_db()
    assert police_request.status == "sent"


def test_a_staff_session_is_not_a_partner(client, officer, police_request):
    sign_in(client, officer)
    assert client.get(LIST).status_code == 401


def test_a_revoked_client_gets_no_token_and_its_tokens_stop_working(client, police, police_request):
    api = police.client()
    partner_application_revoke(link=police.link)
    assert api.get(LIST).status_code == 401
    response = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    assert response.status_code == 401


def test_rotating_the_secret_ends_old_tokens_and_the_old_secret(client, police):
    api = police.client()
    new_secret = partner_application_rotate_secret(link=police.link)
    assert api.get(LIST).status_code == 401
    old = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    new = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=_basic(police.client_id, new_secret),
    )
    assert (old.status_code, new.status_code) == (401, 200)


def test_an_inactive_partner_organisation_reaches_nothing(police, police_request):
    api = police.client()
    police.organisation.active = False
    police.organisation.save()
    assert api.get(LIST).status_code == 404


def test_an_overlong_acting_person_is_400(police, police_request):
    response = police.client(acting_person="x" * 201).get(LIST)
    assert response.status_code == 400


def test_reads_are_throttled_per_client(police, police_request, settings, monkeypatch):
    from crc.api.throttles import PartnerRateThrottle

    monkeypatch.setitem(PartnerRateThrottle.THROTTLE_RATES, "partner-read", "2/min")
    api = police.client()
    codes = [api.get(LIST).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
