"""Demo organisation: areas, offices, teams, about 20 staff (or London's ~900), partners.

The small CRC is one area, two offices, four teams; `london` builds the inspection
report's scale: 5 areas, 22 offices, about 900 staff; `national` London's shape nine
times over (England and Wales): 45 areas, 198 offices, about 8,000 staff.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from simple_history.utils import bulk_create_with_history

from crc.organisation.demo import DemoContext
from crc.organisation.models import (
    Area,
    Office,
    PartnerOrganisation,
    PartnerType,
    Role,
    Staff,
    Team,
)
from crc.organisation.roles import group_name, sync_role_groups
from crc.organisation.two_factor import APP_DEVICE_NAME, base32_secret

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Efua",
    "Farah",
    "George",
    "Hannah",
    "Imran",
    "Jade",
    "Kwame",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rhys",
    "Sara",
    "Tomasz",
    "Uchenna",
    "Victoria",
    "Wei",
    "Yasmin",
    "Zainab",
    "Adebayo",
    "Bethany",
    "Callum",
    "Deepa",
    "Emre",
    "Fiona",
]
LAST_NAMES = [
    "Adeyemi",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Ibrahim",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Connor",
    "Patel",
    "Quinn",
    "Rahman",
    "Smith",
    "Taylor",
    "Uddin",
    "Walker",
    "Xu",
    "Young",
    "Zielinski",
    "Ahmed",
    "Begum",
    "Clarke",
    "Okafor",
]

# The report's five areas and their offices (22 in all at London scale).
LONDON_OFFICES = {
    "North": ["Islington", "Haringey", "Enfield", "Barnet", "Camden"],
    "North West": ["Brent", "Harrow", "Ealing", "Hillingdon", "Hounslow"],
    "North East": ["Hackney", "Tower Hamlets", "Newham", "Waltham Forest", "Redbridge"],
    "South East": ["Southwark", "Lewisham", "Greenwich", "Bromley"],
    "South West": ["Lambeth", "Wandsworth", "Croydon"],
}

PARTNERS = [
    ("Metropolitan Police Service", PartnerType.POLICE),
    ("Islington Children's Services", PartnerType.CHILDRENS_SOCIAL_CARE),
    ("Haringey Children's Social Care", PartnerType.CHILDRENS_SOCIAL_CARE),
    ("HMP Pentonville", PartnerType.PRISON),
    ("HMP Wandsworth", PartnerType.PRISON),
    ("St Mungo's", PartnerType.RESETTLEMENT_PROVIDER),
    ("Penrose", PartnerType.RESETTLEMENT_PROVIDER),
    ("Novus", PartnerType.RESETTLEMENT_PROVIDER),
    ("Catch22", PartnerType.RESETTLEMENT_PROVIDER),
    ("Groundwork London", PartnerType.UNPAID_WORK_HOST),
    ("Change Grow Live", PartnerType.INTERVENTION_PROVIDER),
    ("Women in Prison", PartnerType.INTERVENTION_PROVIDER),
    ("National Probation Service London", PartnerType.NPS),
]


# National: London's five areas plus forty more, each of four or five offices (as
# London's average of 4.4), so the country is London's shape about nine times over.
NATIONAL_AREAS = [
    "Avon",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon",
    "Dorset",
    "Durham",
    "Dyfed",
    "Essex",
    "Gloucestershire",
    "Greater Manchester",
    "Gwent",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Merseyside",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
]
DISTRICTS = ["Central", "North", "South", "East", "West"]


def _slug(text: str) -> str:
    return text.lower().replace(" ", "-").replace("'", "")


def _plan(scale: str) -> dict[str, list[str]]:
    if scale == "london":
        return LONDON_OFFICES
    if scale == "national":
        plan = {f"London {area}": offices for area, offices in LONDON_OFFICES.items()}
        for n, area in enumerate(NATIONAL_AREAS):
            districts = DISTRICTS[: 4 + (n % 5 < 2)]
            plan[area] = [f"{area} {district}" for district in districts]
        return plan
    return {"North": ["Islington", "Haringey"]}


def seed_organisation(ctx: DemoContext) -> None:
    sync_role_groups()
    london = ctx.large  # london and national share London's proportions
    teams_per_office = 3 if london else 2
    # Per team: one SPO and its officers. London: 12 POs and PSOs per team gives ~900 staff.
    pos_per_team, psos_per_team = (7, 5) if london else (2, 1)

    teams: list[Team] = []
    areas: list[Area] = []
    for area_name, office_names in _plan(ctx.scale).items():
        area, _ = Area.objects.get_or_create(code=_slug(area_name), defaults={"name": area_name})
        areas.append(area)
        town = area_name if ctx.scale == "national" else "London"
        for office_name in office_names:
            office, _ = Office.objects.get_or_create(
                code=_slug(office_name)[:20],  # national: "greater-manchester-c"
                defaults={
                    "name": office_name,
                    "area": area,
                    "address": f"{office_name}, {town}",
                },
            )
            for letter in "ABC"[:teams_per_office]:
                team, _ = Team.objects.get_or_create(
                    code=f"{office.code}-{letter.lower()}",
                    defaults={"office": office, "name": f"{office_name} {letter}"},
                )
                teams.append(team)

    partners: list[PartnerOrganisation] = []
    for name, partner_type in PARTNERS:
        partner, _ = PartnerOrganisation.objects.get_or_create(
            name=name,
            defaults={
                "partner_type": partner_type,
                "contact_email": f"{_slug(name)}@partner.example",
            },
        )
        partner.areas_served.add(*areas)
        partners.append(partner)

    # One password for every demo account, hashed once: hashing ~900 times would take
    # minutes and buys nothing for demo data.
    password = f"Demo-{ctx.rng.randint(1000, 9999)}-probation"
    password_hash = make_password(password)
    existing = set(Staff.objects.values_list("username", flat=True))
    # Usernames depend only on the seed, never on what the database holds, so a second
    # run plans exactly the same people and creates only the missing ones.
    used_names: set[str] = set()
    to_create: list[Staff] = []
    planned: list[tuple[Staff, list[Team], Area | None]] = []

    def person(
        role: Role,
        team: Team | None,
        managed: list[Team] | None = None,
        area: Area | None = None,
        partner: PartnerOrganisation | None = None,
    ) -> None:
        first = ctx.rng.choice(FIRST_NAMES)
        last = ctx.rng.choice(LAST_NAMES)
        base = f"{first}.{last}".lower().replace("'", "")
        username, n = base, 1
        while username in used_names:
            n += 1
            username = f"{base}{n}"
        used_names.add(username)
        staff = Staff(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@crc.example",
            role=role,
            team=team,
            managed_area=area,
            partner_organisation=partner,
            password=password_hash,
            staff_number=f"S{len(used_names):05d}",
            is_staff=role in {Role.SERVICE_CENTRE, Role.ADMINISTRATOR},
            is_superuser=role == Role.ADMINISTRATOR,
        )
        if username not in existing:
            to_create.append(staff)
        planned.append((staff, managed or [], area))
        ctx.credentials["staff"].append(
            {
                "username": username,
                "password": password,
                "role": role.value,
                "role_label": role.label,
                "team": team.name if team else "",
                "organisation": partner.name if partner else "",
            }
        )

    for area in areas:
        person(Role.AREA_MANAGER, None, area=area)
    for team in teams:
        person(Role.SENIOR_PROBATION_OFFICER, team, managed=[team])
        for _ in range(pos_per_team):
            person(Role.PROBATION_OFFICER, team)
        for _ in range(psos_per_team):
            person(Role.PROBATION_SERVICES_OFFICER, team)
    for _ in range(max(2, len(teams) // 2 if london else 2)):
        person(Role.SERVICE_CENTRE, None)
    for _ in range(max(1, len(areas) * 3 if london else 1)):
        person(Role.QUALITY_PERFORMANCE_MANAGER, None)
    for _ in range(3 if london else 1):
        person(Role.ADMINISTRATOR, None)
    # The satellite services' people: unpaid work per area, a resettlement worker in each
    # prison, caseworkers at each intervention provider (signed in to the browser too).
    for _ in areas:
        person(Role.UNPAID_WORK_COORDINATOR, None)
        for _ in range(4 if london else 2):
            person(Role.UNPAID_WORK_SUPERVISOR, None)
    for partner in partners:
        if partner.partner_type == PartnerType.PRISON:
            person(Role.RESETTLEMENT_WORKER, None, partner=partner)
        elif partner.partner_type == PartnerType.INTERVENTION_PROVIDER:
            for _ in range(2):
                person(Role.PROVIDER_CASEWORKER, None, partner=partner)

    if to_create:
        bulk_create_with_history(to_create, Staff, batch_size=500)
        created = {
            s.username: s
            for s in Staff.objects.filter(username__in=[s.username for s in to_create])
        }
        groups = {g.name: g for g in Group.objects.all()}
        group_links = []
        team_links = []
        for staff, managed, _ in planned:
            saved = created.get(staff.username)
            if saved is None:
                continue
            group_links.append(
                Staff.groups.through(staff_id=saved.pk, group_id=groups[group_name(saved.role)].pk)
            )
            team_links.extend(
                Staff.managed_teams.through(staff_id=saved.pk, team_id=t.pk) for t in managed
            )
        Staff.groups.through.objects.bulk_create(group_links, ignore_conflicts=True)
        Staff.managed_teams.through.objects.bulk_create(team_links, ignore_conflicts=True)
    # Existing demo accounts get this run's password so the credentials file is true.
    Staff.objects.filter(username__in=[s.username for s, _, _ in planned]).exclude(
        password=password_hash
    ).update(password=password_hash)

    _enrol_second_factor(ctx, [s.username for s, _, _ in planned])

    ctx.shared["teams"] = teams
    ctx.shared["areas"] = areas
    ctx.log(
        f"organisation: {len(areas)} areas, {len(teams)} teams, {len(planned)} staff "
        f"({len(to_create)} new), {len(PARTNERS)} partner organisations"
    )


def _enrol_second_factor(ctx: DemoContext, usernames: list[str]) -> None:
    """Every demo account has an authenticator app already, its secret in the
    credentials file (`make code USER=...` prints the current code). An account that
    already has one keeps it, so a re-run leaves the file true."""
    staff_ids = dict(Staff.objects.filter(username__in=usernames).values_list("username", "pk"))
    devices = {
        device.user_id: device
        for device in TOTPDevice.objects.filter(user_id__in=staff_ids.values(), confirmed=True)
    }
    missing = [
        TOTPDevice(user_id=pk, name=APP_DEVICE_NAME, confirmed=True, key=default_key())
        for pk in staff_ids.values()
        if pk not in devices
    ]
    TOTPDevice.objects.bulk_create(missing, batch_size=500)
    devices.update({device.user_id: device for device in missing})
    for entry in ctx.credentials["staff"]:
        pk = staff_ids.get(entry["username"])
        if pk is not None:
            entry["totp_secret"] = base32_secret(devices[pk])
