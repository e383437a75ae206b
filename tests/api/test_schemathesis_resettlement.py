"""schemathesis against the resettlement endpoints (issue 11), as
tests/api/test_schemathesis.py does for the information-request ones: in process, with
a real provider or prison token, bounded examples, derandomised."""

import functools
import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crc.api.schema_snapshot import schema_generate
from crc.api.services import partner_application_create
from crc.wsgi import application
from resettlement import services
from tests.partners import Partner
from tests.resettlement.conftest import episode, prison, provider, worker  # noqa: F401

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=False)]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 15


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@functools.cache
def raw_schema() -> str:
    return json.dumps(schema_generate())


def operations():
    schema = schemathesis.openapi.from_dict(json.loads(raw_schema()))
    schema.app = application
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = {
    "GET plans": ("GET", "/api/v1/resettlement/plans/", "provider"),
    "GET plan": ("GET", "/api/v1/resettlement/plans/{id}/", "provider"),
    "POST action status": ("POST", "/api/v1/resettlement/plan-actions/{id}/status/", "provider"),
    "POST reception": ("POST", "/api/v1/resettlement/receptions/", "prison"),
    "POST release date": ("POST", "/api/v1/resettlement/release-date-changes/", "prison"),
}


@pytest.mark.parametrize("operation_label", list(OPERATIONS))
def test_the_resettlement_api_honours_its_schema(
    operation_label,
    episode,  # noqa: F811
    worker,  # noqa: F811
    prison,  # noqa: F811
    provider,  # noqa: F811
    settings,
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    services.plan_action_add(
        plan=episode.plan, by=worker, pathway="ete", owner="provider", description="CV"
    )
    method, path, who = OPERATIONS[operation_label]
    (operation,) = [op for op in operations() if (op.method.upper(), op.path) == (method, path)]
    organisation = provider if who == "provider" else prison.partner
    link, secret = partner_application_create(partner_organisation=organisation)
    token = Partner(organisation=organisation, link=link, secret=secret).token()
    headers = {"Authorization": f"Bearer {token}"}

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.headers = {**(case.headers or {}), **headers}
        case.call_and_validate(checks=CHECKS)

    run()
