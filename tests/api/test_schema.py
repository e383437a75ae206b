"""The OpenAPI contract: served to staff and partners, and equal to the snapshot."""

import json
import os

import pytest

from crc.api.schema_snapshot import REGENERATE, SNAPSHOT, schema_generate, schema_text
from tests.conftest import sign_in


def test_the_generated_schema_matches_the_committed_snapshot(db):
    generated = schema_text(schema_generate())
    if os.environ.get("UPDATE_SCHEMA_SNAPSHOT"):
        SNAPSHOT.write_text(generated, encoding="utf-8")
    committed = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    assert generated == committed, (
        f"The partner API contract changed: {SNAPSHOT} no longer matches the generated "
        f"schema. If the change is intended, regenerate the snapshot and commit it:\n"
        f"    {REGENERATE}"
    )


def test_the_schema_describes_the_oauth2_client_credentials_flow(db):
    schema = schema_generate()
    scheme = schema["components"]["securitySchemes"]["partnerOAuth2"]
    assert scheme["flows"]["clientCredentials"]["tokenUrl"] == "/o/token/"
    answer = schema["paths"]["/api/v1/information-requests/{id}/answer/"]["post"]
    assert answer["security"] == [{"partnerOAuth2": ["information-requests:write"]}]
    headers = {p["name"]: p for p in answer["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is True
    assert set(schema["paths"]) == {
        "/api/v1/information-requests/",
        "/api/v1/information-requests/{id}/",
        "/api/v1/information-requests/{id}/answer/",
        "/api/v1/events/",
        "/api/v1/resettlement/plans/",
        "/api/v1/resettlement/plans/{id}/",
        "/api/v1/resettlement/plan-actions/{id}/status/",
        "/api/v1/resettlement/receptions/",
        "/api/v1/resettlement/release-date-changes/",
        "/api/v1/unpaid-work/sessions/",
        "/api/v1/unpaid-work/sessions/{id}/",
        "/api/v1/unpaid-work/attendances/{id}/outcome/",
        "/api/v1/interventions/referrals/",
        "/api/v1/interventions/referrals/{id}/",
        "/api/v1/interventions/referrals/{id}/assign/",
        "/api/v1/interventions/referrals/{id}/appointments/",
        "/api/v1/interventions/referrals/{id}/action-plan/",
        "/api/v1/interventions/referrals/{id}/sessions/",
        "/api/v1/interventions/referrals/{id}/end-of-service-report/",
    }
    outcome = schema["paths"]["/api/v1/unpaid-work/attendances/{id}/outcome/"]["post"]
    assert outcome["security"] == [{"partnerOAuth2": ["unpaid-work:write"]}]


def test_a_partner_fetches_the_schema_as_json(police):
    response = police.client().get("/api/schema/?format=json")
    assert response.status_code == 200
    assert json.loads(response.content)["paths"] == schema_generate()["paths"]


def test_signed_in_staff_fetch_the_schema(client, officer):
    sign_in(client, officer)
    assert client.get("/api/schema/?format=json").status_code == 200


def test_nobody_else_fetches_the_schema(client, db):
    assert client.get("/api/schema/?format=json").status_code == 401


def test_the_reference_page_is_served_from_local_assets(client, officer):
    sign_in(client, officer)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/assets/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "https://" not in page and "<style" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()


def test_a_partner_with_a_token_gets_the_reference_page(police):
    assert police.client().get("/api/docs/").status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_post_to_an_unknown_api_path_is_a_json_404_not_a_csrf_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/information-requests/-1/answer/", {"answer": "x"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "value", ["0609-08-29T05:57:46.28-19:26", "2026-01-01T00:00:00+15:30", "1800-01-01T00:00:00Z"]
)
def test_a_strange_updated_after_is_a_400_not_a_server_error(police, value):
    response = police.client().get("/api/v1/information-requests/", {"updated_after": value})
    assert response.status_code == 400
    assert "updated_after" in response.json()
