"""Named personas every permission test reuses (healthchecks style).

officer          a probation officer in team A (holds cases)
colleague        another officer in team A
pso              a probation services officer in team A
other_officer    an officer in team B (same office)
spo              the senior probation officer managing team A
area_manager     manages the area both teams are in
qpm              quality and performance manager
service_centre   service-centre staff (uses the admin)
administrator    system administrator

The `personas` fixture gathers them (and the cases that go with them) into one object
for permission matrices; see tests/permissions.py. Every test signs a client in through
`sign_in`, so how a test signs in (e.g. with a second factor) changes in one place.
"""

from dataclasses import dataclass, field, fields

import pytest
from django.test import Client

from cases.models import AccessListKind
from crc.notifications import tasks as notification_tasks
from tests.factories import (
    AreaFactory,
    CaseAccessEntryFactory,
    CaseFactory,
    OfficeFactory,
    StaffFactory,
    TeamFactory,
)
from tests.partners import Partner, make_partner


def sign_in(client, user) -> None:
    """Sign the test client in as `user`: the one place tests do it."""
    client.force_login(user)


@pytest.fixture
def get_twice_as_rows_grow(django_assert_max_num_queries):
    """get(client, url, grow, ceiling=N): GET `url`, let `grow()` add rows, and GET it again.
    The first page may run at most `ceiling` queries and the second no more than the first,
    so the count does not grow with the rows shown. Returns the second response."""

    def get(client, url: str, grow, *, ceiling: int):
        with django_assert_max_num_queries(ceiling) as first:
            assert client.get(url).status_code == 200
        grow()
        with django_assert_max_num_queries(len(first.captured_queries)):
            return client.get(url)

    return get


@pytest.fixture
def area(db):
    return AreaFactory(name="North", code="north")


@pytest.fixture
def office(area):
    return OfficeFactory(area=area, name="Islington", code="islington")


@pytest.fixture
def team_a(office):
    return TeamFactory(office=office, name="Islington A", code="islington-a")


@pytest.fixture
def team_b(office):
    return TeamFactory(office=office, name="Islington B", code="islington-b")


def named_staff(username: str, first_name: str, last_name: str, **fields):
    """A member of staff with a fixed username and name (the personas, and the people the
    browser journeys sign in as), so what a failing test shows reads the same every run."""
    return StaffFactory(username=username, first_name=first_name, last_name=last_name, **fields)


@pytest.fixture
def officer(team_a):
    return named_staff("officer", "Olu", "Officer", team=team_a)


@pytest.fixture
def colleague(team_a):
    return named_staff("colleague", "Cal", "Colleague", team=team_a)


@pytest.fixture
def other_officer(team_b):
    return named_staff("other", "Oona", "Other", team=team_b)


@pytest.fixture
def pso(team_a):
    return named_staff("pso", "Pat", "Services", team=team_a, pso=True)


@pytest.fixture
def spo(team_a):
    # The trait makes the SPO line-manage team A.
    return named_staff("spo", "Sam", "Senior", team=team_a, spo=True)


@pytest.fixture
def area_manager(area):
    return named_staff("areamanager", "Ada", "Manager", managed_area=area, area_manager=True)


@pytest.fixture
def qpm(db):
    return named_staff("qpm", "Quinn", "Quality", qpm=True)


@pytest.fixture
def service_centre(db):
    return named_staff("servicecentre", "Sol", "Centre", service_centre=True)


@pytest.fixture
def administrator(db):
    return named_staff("admin", "Alex", "Admin", administrator=True)


@pytest.fixture
def case(team_a, officer):
    """A case of the officer's, in team A."""
    return CaseFactory(crn="A123456", team=team_a, responsible_officer=officer)


@pytest.fixture
def other_team_case(team_b, other_officer):
    return CaseFactory(crn="B123456", team=team_b, responsible_officer=other_officer)


@dataclass(frozen=True)
class Personas:
    """Everyone a permission test asks about, by name, and the cases they are asked about.

    People: the officer, a colleague and a PSO in team A, their SPO, an officer of team B
    in the same office (`outsider`), the area manager, the quality manager, the service
    centre, an administrator; `excluded` is in team A but on the case's exclusion list;
    `outsider_spo` and `outsider_area_manager` manage a team and an area elsewhere.

    Cases: `case` is the officer's; `restricted_case` is the colleague's, with a
    restriction list naming only the colleague; `out_of_scope_case` is team B's.

    Partners: `personas.partner(PartnerType.POLICE)` is that type's organisation with an
    API client (made on first use, one per type), for API permission matrices.
    """

    officer: object
    colleague: object
    pso: object
    spo: object
    outsider: object
    area_manager: object
    qpm: object
    service_centre: object
    administrator: object
    excluded: object
    outsider_spo: object
    outsider_area_manager: object
    case: object
    restricted_case: object
    out_of_scope_case: object
    _partners: dict = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str):
        return getattr(self, name)

    def partner(self, partner_type: str) -> Partner:
        if partner_type not in self._partners:
            self._partners[partner_type] = make_partner(
                f"The {partner_type.replace('_', ' ')} partner", partner_type
            )
        return self._partners[partner_type]

    @classmethod
    def people(cls) -> list[str]:
        return [f.name for f in fields(cls) if not f.name.endswith("case") and f.name[0] != "_"]


@pytest.fixture
def personas(
    officer,
    colleague,
    pso,
    spo,
    other_officer,
    area_manager,
    qpm,
    service_centre,
    administrator,
    case,
    other_team_case,
):
    excluded = StaffFactory(username="excluded", team=case.team)
    CaseAccessEntryFactory(case=case, staff=excluded, reason="Neighbour", added_by=spo)
    elsewhere = TeamFactory()
    outsider_spo = StaffFactory(username="outsider_spo", spo=True, team=elsewhere)
    outsider_area_manager = StaffFactory(
        username="outsider_am", area_manager=True, managed_area=elsewhere.office.area
    )
    # Named so a test can check the name never shows to someone not on the list.
    restricted_case = CaseFactory(
        crn="A654321",
        team=case.team,
        responsible_officer=colleague,
        first_name="Secret",
        last_name="Person",
    )
    CaseAccessEntryFactory(
        case=restricted_case,
        staff=colleague,
        kind=AccessListKind.RESTRICTION,
        reason="Works alongside the person's partner",
        added_by=spo,
    )
    return Personas(
        officer=officer,
        colleague=colleague,
        pso=pso,
        spo=spo,
        outsider=other_officer,
        area_manager=area_manager,
        qpm=qpm,
        service_centre=service_centre,
        administrator=administrator,
        excluded=excluded,
        outsider_spo=outsider_spo,
        outsider_area_manager=outsider_area_manager,
        case=case,
        restricted_case=restricted_case,
        out_of_scope_case=other_team_case,
    )


@pytest.fixture(autouse=True)
def _no_broker_publish(request, monkeypatch):
    """Keep tests from publishing delivery tasks into a real broker (the developer's
    var/broker, or CI's Redis) where no test is waiting for them. Tests marked
    `integration` talk to the real broker and a real worker."""
    if request.node.get_closest_marker("integration"):
        return
    monkeypatch.setattr(
        notification_tasks.deliver_outbox_message, "apply_async", lambda *a, **k: None
    )


_django_force_login = Client.force_login


def _force_login_with_second_factor(self, user, backend=None):
    """Client.force_login, plus a verified second factor, as if the person had entered
    a code from their app: every page but the sign-in steps needs one. Tests of the
    second-factor gate itself use `password_only_login`."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _django_force_login(self, user, backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counters (the token endpoint's, the API's) live in the cache, and every
    # test client comes from the same address.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_verifies_the_second_factor(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login_with_second_factor)


@pytest.fixture
def password_only_login():
    """password_only_login(client, user): signed in by password, no second factor yet."""
    return _django_force_login
