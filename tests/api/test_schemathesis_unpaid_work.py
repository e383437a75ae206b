"""schemathesis against the placement host's endpoints (scope `unpaid-work`), in process
with a real host token, as tests/api/test_schemathesis.py does for the other partners."""

import datetime as dt
import os

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from crc.api.schema_snapshot import schema_generate
from crc.organisation.models import PartnerType
from crc.wsgi import application
from tests.api import test_schemathesis as base
from tests.factories import (
    AttendanceFactory,
    ProjectFactory,
    ProjectSessionFactory,
    UnpaidWorkOrderFactory,
)
from tests.partners import make_partner

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=False)]

WANTED = {
    "GET sessions": ("GET", "/api/v1/unpaid-work/sessions/"),
    "GET session": ("GET", "/api/v1/unpaid-work/sessions/{id}/"),
    "POST outcome": ("POST", "/api/v1/unpaid-work/attendances/{id}/outcome/"),
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # As in test_schemathesis.py: the WSGI app must not close the test's connection.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_dict(schema_generate())
    schema.app = application
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def host_with_a_session(team_a):
    host = make_partner("Islington Parks Trust", PartnerType.UNPAID_WORK_HOST)
    project = ProjectFactory(host=host.organisation)
    session = ProjectSessionFactory(
        project=project, date=timezone.localdate() - dt.timedelta(days=1)
    )
    for _ in range(2):
        AttendanceFactory(
            session=session, order=UnpaidWorkOrderFactory(requirement__order__case__team=team_a)
        )
    return host


@pytest.mark.parametrize("operation_label", list(WANTED))
def test_the_host_api_honours_its_schema(operation_label, host_with_a_session, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    wanted = WANTED[operation_label]
    (operation,) = [op for op in operations() if (op.method.upper(), op.path) == wanted]
    headers = {"Authorization": f"Bearer {host_with_a_session.token()}"}

    @hypothesis_settings(
        max_examples=base.MAX_EXAMPLES,
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.headers = {**(case.headers or {}), **headers}
        case.call_and_validate(checks=base.CHECKS)

    run()
