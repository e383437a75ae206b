"""Named personas every permission test reuses (healthchecks style).

officer          a probation officer in team A (holds cases)
colleague        another officer in team A
other_officer    an officer in team B (same office)
spo              the senior probation officer managing team A
area_manager     manages the area both teams are in
qpm              quality and performance manager
service_centre   service-centre staff (uses the admin)
administrator    system administrator
"""

import pytest
from django.test import Client

from crc.notifications import tasks as notification_tasks
from crc.organisation.models import Role
from tests.factories import AreaFactory, OfficeFactory, StaffFactory, TeamFactory


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


@pytest.fixture
def officer(team_a):
    return StaffFactory(username="officer", first_name="Olu", last_name="Officer", team=team_a)


@pytest.fixture
def colleague(team_a):
    return StaffFactory(username="colleague", first_name="Cal", last_name="Colleague", team=team_a)


@pytest.fixture
def other_officer(team_b):
    return StaffFactory(username="other", first_name="Oona", last_name="Other", team=team_b)


@pytest.fixture
def pso(team_a):
    return StaffFactory(
        username="pso",
        first_name="Pat",
        last_name="Services",
        team=team_a,
        role=Role.PROBATION_SERVICES_OFFICER,
    )


@pytest.fixture
def spo(team_a):
    person = StaffFactory(
        username="spo",
        first_name="Sam",
        last_name="Senior",
        team=team_a,
        role=Role.SENIOR_PROBATION_OFFICER,
    )
    person.managed_teams.add(team_a)
    return person


@pytest.fixture
def area_manager(area):
    return StaffFactory(
        username="areamanager",
        first_name="Ada",
        last_name="Manager",
        team=None,
        managed_area=area,
        role=Role.AREA_MANAGER,
    )


@pytest.fixture
def qpm(db):
    return StaffFactory(
        username="qpm",
        first_name="Quinn",
        last_name="Quality",
        team=None,
        role=Role.QUALITY_PERFORMANCE_MANAGER,
    )


@pytest.fixture
def service_centre(db):
    return StaffFactory(
        username="servicecentre",
        first_name="Sol",
        last_name="Centre",
        team=None,
        role=Role.SERVICE_CENTRE,
    )


@pytest.fixture
def administrator(db):
    return StaffFactory(
        username="admin",
        first_name="Alex",
        last_name="Admin",
        team=None,
        role=Role.ADMINISTRATOR,
    )


@pytest.fixture
def case(team_a, officer):
    """A case of the officer's, in team A."""
    from tests.factories import CaseFactory

    return CaseFactory(crn="A123456", team=team_a, responsible_officer=officer)


@pytest.fixture
def other_team_case(team_b, other_officer):
    from tests.factories import CaseFactory

    return CaseFactory(crn="B123456", team=team_b, responsible_officer=other_officer)


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
