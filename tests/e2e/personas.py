"""The people the browser journeys sign in as (fixtures in conftest.py)."""

from crc.organisation.models import Role
from tests.conftest import named_staff

PASSWORD = "a-long-demo-password-for-tests"


def journey_staff(
    username: str, first_name: str, last_name: str, role: Role, *, team=None, **fields
):
    """Someone a journey signs in as through the real login form: the journeys' password,
    and no team unless given one (most roles outside probation teams hold none)."""
    return named_staff(
        username, first_name, last_name, role=role, team=team, password=PASSWORD, **fields
    )
