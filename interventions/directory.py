"""The CRC's own list of services (the inspection report's "Available services", Annex 3,
and its accredited programmes) as the directory's starting rows. Session counts are the
report's ("up to N" is the maximum); providers and prices are illustrative until the
rate card is agreed, and administrators edit both afterwards. Only the two providers
the demo organisation already has are used, so seeding adds no partner (and no partner
API client or account) of its own."""

from decimal import Decimal

from crc.organisation.models import PartnerOrganisation, PartnerType
from interventions.models import InterventionKind as K
from interventions.models import InterventionService

# The demo's two intervention providers (crc/organisation/demo_seed.py): women's services
# with one, everything else with the other, until the real contracts are entered.
WOMEN = "Women in Prison"
GENERAL = "Change Grow Live"
IN_HOUSE = RJ = THERAPY = ETE = GENERAL

# name, provider, kind, sessions, max, sexes, rosh, needs, boroughs, price, available, grid names
SERVICES = [
    ("Thinking Skills Programme", IN_HOUSE, K.ACCREDITED_PROGRAMME, 19, 19, [], [],
     ["thinking_behaviour"], [], "1450", True, []),
    ("Resolve", IN_HOUSE, K.ACCREDITED_PROGRAMME, 24, 24, ["male"], ["medium", "high"],
     ["thinking_behaviour", "attitudes"], [], "2100", True, []),
    ("Building Better Relationships", IN_HOUSE, K.ACCREDITED_PROGRAMME, 24, 24, ["male"], [],
     ["relationships"], [], "2300", True, []),
    ("Drink Impaired Drivers", IN_HOUSE, K.ACCREDITED_PROGRAMME, 14, 14, [], [],
     ["alcohol"], [], "900", True, []),
    ("Structured Supervision for Domestic Abuse", IN_HOUSE, K.STRUCTURED_SUPERVISION, 16, 16,
     ["male"], [], ["relationships"], [], "600", True, []),
    ("Structured Supervision for Anger Management", IN_HOUSE, K.STRUCTURED_SUPERVISION, 10, 10,
     [], [], ["thinking_behaviour", "emotional_wellbeing"], [], "400", True, []),
    ("Maturity Resource Pack", IN_HOUSE, K.STRUCTURED_SUPERVISION, 10, 30, [], [],
     ["thinking_behaviour", "lifestyle"], [], "400", True, []),
    ("Structured Supervision Programme", IN_HOUSE, K.STRUCTURED_SUPERVISION, 10, 10, [], [],
     [], [], "400", True, []),
    ("Alcohol Toolkit", IN_HOUSE, K.STRUCTURED_SUPERVISION, 6, 6, [], [],
     ["alcohol"], [], "250", True, []),
    ("Endings RAR", IN_HOUSE, K.STRUCTURED_SUPERVISION, 1, 1, [], [], [], [], "50", True, []),
    ("Targets for Effective Change", IN_HOUSE, K.STRUCTURED_SUPERVISION, 13, 13, [], [],
     [], [], "500", True, []),
    ("Thinking Ahead for Women", WOMEN, K.WOMENS_SERVICE, 14, 14, ["female"], [], [], [],
     "700", True, []),
    ("Women's Keyworker Service", WOMEN, K.WOMENS_SERVICE, 6, None, ["female"], [], [], [],
     "450", True, ["Women's keyworker"]),
    ("Stepping Stones for Change", WOMEN, K.WOMENS_SERVICE, 12, 12, ["female"], [], [],
     ["Lambeth", "Bexley", "Bromley"], "650", True, []),
    ("Restorative Justice (Making Amends)", RJ, K.RESTORATIVE_JUSTICE, 10, 10, [], [], [], [],
     "500", True, []),
    ("Restorative Justice (RJ Conferencing)", RJ, K.RESTORATIVE_JUSTICE, 5, 15, [], [], [], [],
     "750", True, []),
    ("Job Clubs/ETE", ETE, K.ETE, 6, 6, [], [], ["ete"], [], "300", True,
     ["Job club / ETE support"]),
    ("Safer Streets", ETE, K.OTHER, 10, 20, [], [], ["lifestyle"], ["Brent", "Newham"],
     "600", True, []),
    ("Short Term Psychological Therapy", THERAPY, K.PSYCHOLOGICAL_THERAPY, 12, 12, [], [],
     ["emotional_wellbeing"], [], "1200", True, []),
    # "Coming soon" in the report: listed, not yet taking referrals.
    ("Domestic Abuse Intervention", IN_HOUSE, K.STRUCTURED_SUPERVISION, 12, 12, [], [],
     ["relationships"], [], "800", False, []),
]  # fmt: skip


def directory_seed() -> list[InterventionService]:
    """Create the providers and services that are missing; existing rows are left as
    administrators edited them (idempotent)."""
    providers = {}
    for name in sorted({row[1] for row in SERVICES}):
        providers[name], _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"partner_type": PartnerType.INTERVENTION_PROVIDER}
        )
    existing = set(InterventionService.objects.values_list("name", flat=True))
    created = []
    for row in SERVICES:
        name, provider, kind, sessions, most, sexes, rosh, needs, boroughs, price, ok, aliases = row
        if name in existing:
            continue
        service = InterventionService(
            name=name,
            provider=providers[provider],
            kind=kind,
            sessions=sessions,
            max_sessions=most,
            eligible_sexes=sexes,
            eligible_rosh=rosh,
            needs=needs,
            boroughs=boroughs,
            price=Decimal(price),
            capacity=None,
            available=ok,
            grid_names=aliases,
        )
        service.full_clean()
        service.save()
        created.append(service)
    return created
