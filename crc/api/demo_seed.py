"""Demo partner API clients: one per demo partner organisation.

Secrets are stored hashed, so a re-run cannot read back the secret it wrote last time:
each run sets every demo client's secret again (ending its tokens) and writes it to the
credentials file, which therefore always holds working secrets. Client ids and secrets
are derived from the run's seed, like the staff passwords, so the same --seed writes
the same file (demo data only: real clients get generated secrets).
"""

import base64
import hashlib

from crc.api import services
from crc.api.models import PartnerApplication
from crc.api.scopes import scopes_for_partner_type
from crc.organisation.demo import DemoContext
from crc.organisation.models import PartnerOrganisation


def _derived(seed_material: str, partner_name: str, purpose: str, length: int) -> str:
    digest = hashlib.sha256(f"{seed_material}|{partner_name}|{purpose}".encode()).digest()
    return base64.urlsafe_b64encode(digest * 2).decode().rstrip("=")[:length]


def seed_partner_applications(ctx: DemoContext) -> None:
    # Derived from what the organisation seeder made of --seed (the demo password),
    # not from the shared generator: earlier seeders draw a different number of values
    # on a re-run (they skip rows that exist), and the file must come out the same.
    staff = ctx.credentials.get("staff") or []
    seed_material = staff[0]["password"] if staff else str(ctx.rng.getrandbits(64))
    created = 0
    for partner in PartnerOrganisation.objects.filter(active=True).order_by("name"):
        link = (
            PartnerApplication.objects.select_related("application")
            .filter(partner_organisation=partner)
            .first()
        )
        client_id = _derived(seed_material, partner.name, "client id", 40)
        secret = _derived(seed_material, partner.name, "secret", 64)
        if link is None:
            link, secret = services.partner_application_create(
                partner_organisation=partner, client_id=client_id, secret=secret
            )
            created += 1
        else:
            secret = services.partner_application_rotate_secret(link=link, secret=secret)
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
