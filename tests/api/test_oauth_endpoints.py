"""The OAuth endpoints partners do not need are not there (issue 9, finding 10).

Token introspection (RFC 7662) is for a separate resource server to ask the
authorisation server about a token. Ours validates tokens in-process, so nothing needs
/o/introspect/; mounted, it let any partner's client credentials look up any token,
another partner's included, and read one from `?token=` in the URL, where proxies and
logs keep it. It is switched off (docs/security.md, "Partner API").
"""

import base64

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def test_introspection_is_not_mounted():
    with pytest.raises(NoReverseMatch):
        reverse("oauth2_provider:introspect")


def test_a_partner_cannot_introspect_another_partners_token(client, police, csc):
    token = csc.token()
    response = client.post(
        "/o/introspect/",
        {"token": token},
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    assert response.status_code == 404
    assert token not in response.content.decode()


def test_a_token_in_the_url_query_is_never_read(client, police):
    token = police.token()
    for method in (client.get, client.post):
        response = method(
            f"/o/introspect/?token={token}",
            HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
        )
        assert response.status_code == 404
        assert b'"active"' not in response.content


def test_revoking_with_the_token_in_the_url_query_is_refused(client, police):
    token = police.token()
    response = client.post(
        f"/o/revoke_token/?token={token}",
        HTTP_AUTHORIZATION=_basic(police.client_id, police.secret),
    )
    assert response.status_code == 400
    listed = client.get("/api/v1/information-requests/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listed.status_code == 200


def test_asking_for_a_token_with_the_secret_in_the_url_query_is_refused(client, police):
    response = client.post(
        f"/o/token/?client_id={police.client_id}&client_secret={police.secret}",
        {"grant_type": "client_credentials"},
    )
    assert response.status_code in (400, 401)
    assert "access_token" not in response.content.decode()
