"""A partner organisation with its API client, as the partner API tests and the
`personas` fixture use it: tokens minted with exactly the scopes a test asks for."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.utils import timezone
from oauth2_provider.models import AccessToken, set_token_value
from rest_framework.test import APIClient

from crc.api.scopes import scopes_for_partner_type
from crc.api.services import partner_application_create
from tests.factories import PartnerOrganisationFactory


@dataclass
class Partner:
    organisation: object
    link: object
    secret: str = field(repr=False)

    @property
    def client_id(self) -> str:
        return self.link.application.client_id

    def token(self, *, scopes=None, expires_in=600) -> str:
        raw = secrets.token_urlsafe(32)
        if scopes is None:
            scopes = scopes_for_partner_type(self.organisation.partner_type)
        token = AccessToken(
            application=self.link.application,
            expires=timezone.now() + dt.timedelta(seconds=expires_in),
            scope=" ".join(scopes),
        )
        set_token_value(token, raw)
        token.save()
        return raw

    def client(self, *, scopes=None, acting_person="", expires_in=600) -> APIClient:
        client = APIClient()
        headers = {
            "HTTP_AUTHORIZATION": f"Bearer {self.token(scopes=scopes, expires_in=expires_in)}"
        }
        if acting_person:
            headers["HTTP_X_ACTING_PERSON"] = acting_person
        client.credentials(**headers)
        return client


def make_partner(name: str, partner_type: str) -> Partner:
    organisation = PartnerOrganisationFactory(name=name, partner_type=partner_type)
    link, secret = partner_application_create(partner_organisation=organisation)
    return Partner(organisation=organisation, link=link, secret=secret)


def information_request_to(partner: Partner, *, case, by, question="Q", agency="police"):
    """An information request raised by `by` about `case` and addressed to `partner`: what
    most partner API tests start from."""
    from cases.planning.information_requests import information_request_raise

    return information_request_raise(
        case=case,
        by=by,
        agency=agency,
        question=question,
        partner_organisation=partner.organisation,
    )


def post_answer(api: APIClient, info_request, answer: str, *, key: str):
    """Answer an information request through the partner API as a partner's system does:
    JSON, with the Idempotency-Key every write needs. Returns the response unchecked, so a
    test can assert a refusal as well as a success."""
    return api.post(
        f"/api/v1/information-requests/{info_request.pk}/answer/",
        {"answer": answer},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
