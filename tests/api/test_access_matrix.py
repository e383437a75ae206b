"""Every endpoint × every partner type: allowed, or 404 (fail closed)."""

import datetime as dt

import pytest

from crc.organisation.models import PartnerType

LIST = ("get", "/api/v1/information-requests/")
DETAIL = ("get", "/api/v1/information-requests/{id}/")
ANSWER = ("post", "/api/v1/information-requests/{id}/answer/")
EVENTS = ("post", "/api/v1/events/")

ALLOWED = {
    PartnerType.POLICE: {LIST, DETAIL, ANSWER, EVENTS},
    PartnerType.CHILDRENS_SOCIAL_CARE: {LIST, DETAIL, ANSWER},
}
SUCCESS = {LIST: 200, DETAIL: 200, ANSWER: 200, EVENTS: 201}


def _call(client, endpoint, request_id, crn):
    method, path = endpoint
    path = path.format(id=request_id)
    if endpoint == ANSWER:
        return client.post(
            path, {"answer": "Known to us."}, format="json", HTTP_IDEMPOTENCY_KEY="m1"
        )
    if endpoint == EVENTS:
        body = {
            "crn": crn,
            "category": "arrest",
            "description": "Arrested for assault.",
            "occurred_on": dt.date.today().isoformat(),
        }
        return client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="m2")
    return getattr(client, method)(path)


@pytest.mark.parametrize("partner_type", list(PartnerType))
@pytest.mark.parametrize("endpoint", [LIST, DETAIL, ANSWER, EVENTS], ids=lambda e: f"{e[0]} {e[1]}")
def test_each_partner_type_reaches_only_its_endpoints(
    partner_type, endpoint, partner_of_type, case, officer
):
    from cases.planning.information_requests import information_request_raise

    partner = partner_of_type(partner_type)
    # A request addressed to this partner (the agency field only knows police and
    # children's social care; the address is what scopes it).
    agency = partner_type if partner_type in ALLOWED else "police"
    info_request = information_request_raise(
        case=case, by=officer, agency=agency, question="Anything known?"
    )
    info_request.partner_organisation = partner.organisation
    info_request.save()
    # Whatever scopes such a token might carry, the allow-list decides.
    all_scopes = ["information-requests:read", "information-requests:write", "events:write"]
    response = _call(partner.client(scopes=all_scopes), endpoint, info_request.pk, case.crn)

    if endpoint in ALLOWED.get(partner_type, set()):
        assert response.status_code == SUCCESS[endpoint], response.content
    else:
        assert response.status_code == 404, response.content
        assert response.json() == {"detail": "Not found."}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("partner_type", list(PartnerType))
def test_tokens_are_issued_only_the_scopes_the_partner_type_allows(partner_type, partner_of_type):
    from oauth2_provider.scopes import get_scopes_backend

    from crc.api.scopes import PartnerScopes

    partner = partner_of_type(partner_type)
    backend = PartnerScopes()
    expected = {
        PartnerType.POLICE: [
            "events:write",
            "information-requests:read",
            "information-requests:write",
        ],
        PartnerType.CHILDRENS_SOCIAL_CARE: [
            "information-requests:read",
            "information-requests:write",
        ],
        PartnerType.PRISON: ["resettlement:custody-write"],
        PartnerType.RESETTLEMENT_PROVIDER: [
            "resettlement:plans-read",
            "resettlement:plans-write",
        ],
        PartnerType.INTERVENTION_PROVIDER: ["interventions:read", "interventions:write"],
        PartnerType.UNPAID_WORK_HOST: ["unpaid-work:read", "unpaid-work:write"],
    }.get(partner_type, [])
    assert backend.get_available_scopes(application=partner.link.application) == expected
    assert backend.get_default_scopes(application=partner.link.application) == expected
    assert set(get_scopes_backend().get_all_scopes()) >= set(expected)


def test_unknown_paths_under_the_api_are_json_404(police):
    response = police.client().get("/api/v1/cases/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert response["Cache-Control"] == "no-store"
