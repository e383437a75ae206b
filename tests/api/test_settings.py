"""The project wiring the partner API relies on (docs/api.md "Mounting"), read from the
project's own settings and URLs, not from anything a test sets up."""

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from oauth2_provider.scopes import get_scopes_backend
from oauth2_provider.settings import oauth2_settings

from crc.api.scopes import PartnerScopes, scopes_for_partner_type
from crc.organisation.models import PartnerType
from tests.factories import ApplicationFactory


def test_the_scopes_backend_offers_a_partner_only_what_its_type_allows(police, csc):
    backend = get_scopes_backend()
    assert isinstance(backend, PartnerScopes)
    police_app, csc_app = police.link.application, csc.link.application
    assert backend.get_available_scopes(application=police_app) == scopes_for_partner_type(
        PartnerType.POLICE
    )
    assert backend.get_available_scopes(application=csc_app) == scopes_for_partner_type(
        PartnerType.CHILDRENS_SOCIAL_CARE
    )
    assert "events:write" not in backend.get_available_scopes(application=csc_app)


@pytest.mark.django_db
def test_an_oauth_client_that_is_not_a_partner_gets_no_scope():
    stray = ApplicationFactory(name="Not a partner")
    assert get_scopes_backend().get_available_scopes(application=stray) == []


def test_access_tokens_are_short_lived_and_hashed():
    assert oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS <= 600
    assert oauth2_settings.COMPLIANT_BCP_RFC9700_TOKEN_STORAGE is True


def test_only_the_token_and_revoke_endpoints_are_mounted():
    # No authorization, application or introspection pages.
    with pytest.raises(NoReverseMatch):
        reverse("oauth2_provider:authorize")
    assert reverse("oauth2_provider:token") == "/o/token/"
    oauth_names = {
        name
        for name in get_resolver().namespace_dict["oauth2_provider"][1].reverse_dict
        if isinstance(name, str)
    }
    assert oauth_names == {"token", "revoke-token"}
