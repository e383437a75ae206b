"""Partner applications: create, rotate the secret, revoke tokens, revoke the client.

Secrets are stored hashed (django-oauth-toolkit hashes `client_secret` on save), so the
plain secret exists only in the return value of create and rotate: show it once.
"""

from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, get_application_model

from crc.api.models import PartnerApplication
from crc.domain import DomainError


@transaction.atomic
def partner_application_create(
    *, partner_organisation, by=None, client_id: str | None = None, secret: str | None = None
) -> tuple[PartnerApplication, str]:
    """A new client for the partner; `client_id` and `secret` are generated unless given
    (the demo seeder derives them from its seed so its credentials file is reproducible)."""
    if PartnerApplication.objects.filter(partner_organisation=partner_organisation).exists():
        raise DomainError(
            f"{partner_organisation} already has an API client; rotate its secret instead",
            field="partner_organisation",
        )
    Application = get_application_model()
    secret = secret or generate_client_secret()
    extra = {"client_id": client_id} if client_id else {}
    application = Application.objects.create(
        **extra,
        name=f"{partner_organisation.name} (partner API)"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        # The only grant partners may use: no users, no redirects, no browser.
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        redirect_uris="",
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=True,
    )
    link = PartnerApplication.objects.create(
        partner_organisation=partner_organisation, application=application, created_by=by
    )
    return link, secret


@transaction.atomic
def partner_tokens_revoke(*, link: PartnerApplication) -> int:
    """End every token the client holds now; it can ask for new ones at once."""
    RefreshToken.objects.filter(application=link.application).delete()
    count, _ = AccessToken.objects.filter(application=link.application).delete()
    return count


@transaction.atomic
def partner_application_rotate_secret(
    *, link: PartnerApplication, secret: str | None = None
) -> str:
    """A new secret (the old one stops working) and no surviving tokens."""
    secret = secret or generate_client_secret()
    application = link.application
    application.client_secret = secret
    application.save(update_fields=["client_secret", "updated"])
    link.secret_rotated_at = timezone.now()
    link.save(update_fields=["secret_rotated_at"])
    partner_tokens_revoke(link=link)
    return secret


@transaction.atomic
def partner_application_revoke(*, link: PartnerApplication) -> None:
    """Switch the client off: tokens end now and no new ones are issued."""
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    # A secret nobody is shown: the token endpoint refuses the client outright rather
    # than issuing a token that every endpoint would then refuse.
    application = link.application
    application.client_secret = generate_client_secret()
    application.save(update_fields=["client_secret", "updated"])
    partner_tokens_revoke(link=link)
