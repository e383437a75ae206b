"""Demo partner API clients: one per demo partner organisation.

Secrets are stored hashed, so a re-run cannot read back the secret it wrote last time:
each run rotates every demo client's secret and writes the new one to the credentials
file, which therefore always holds working secrets (and old demo tokens stop working).
"""

from crc.api import services
from crc.api.models import PartnerApplication
from crc.api.scopes import scopes_for_partner_type
from crc.organisation.demo import DemoContext
from crc.organisation.models import PartnerOrganisation


def seed_partner_applications(ctx: DemoContext) -> None:
    created = 0
    for partner in PartnerOrganisation.objects.filter(active=True).order_by("name"):
        link = (
            PartnerApplication.objects.select_related("application")
            .filter(partner_organisation=partner)
            .first()
        )
        if link is None:
            link, secret = services.partner_application_create(partner_organisation=partner)
            created += 1
        else:
            secret = services.partner_application_rotate_secret(link=link)
        ctx.credentials["partners"].append(
            {
                "name": partner.name,
                "type": partner.partner_type,
                "client_id": link.application.client_id,
                "client_secret": secret,
                "scopes": scopes_for_partner_type(partner.partner_type),
                "token_url": "/o/token/",
            }
        )
    ctx.log(
        f"partner api: {len(ctx.credentials['partners'])} clients ({created} new); "
        "secrets rotated and written to the credentials file"
    )
