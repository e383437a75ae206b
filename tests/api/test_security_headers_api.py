"""The partner API's responses are never cached and carry the same security headers as
the pages (issue 9; the pages: tests/test_security_headers.py)."""

import base64

import pytest

from tests.test_security_headers import assert_security_headers

pytestmark = pytest.mark.django_db

LIST = "/api/v1/information-requests/"


def test_an_api_list_is_never_cached(police, police_request):
    response = police.client().get(LIST, secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_api_item_and_a_404_are_never_cached(police, police_request):
    client = police.client()
    item = client.get(f"{LIST}{police_request.pk}/", secure=True)
    assert item.status_code == 200
    assert_security_headers(item)
    missing = client.get(f"{LIST}999999/", secure=True)
    assert missing.status_code == 404
    assert "no-store" in missing.headers["Cache-Control"]


def test_a_token_response_is_never_cached(client, police):
    basic = base64.b64encode(f"{police.client_id}:{police.secret}".encode()).decode()
    response = client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
        secure=True,
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
