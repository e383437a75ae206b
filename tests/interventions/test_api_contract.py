"""schemathesis against the provider endpoints of the generated schema (like
tests/api/test_schemathesis.py): no server error, every response as the schema says."""

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
from tests.partners import Partner

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=False)]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 15
BASE = "/api/v1/interventions/referrals/"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", BASE),
        ("GET", BASE + "{id}/"),
        ("POST", BASE + "{id}/action-plan/"),
        ("POST", BASE + "{id}/sessions/"),
        ("POST", BASE + "{id}/end-of-service-report/"),
    ],
)
def test_the_provider_api_honours_its_schema(method, path, walk, provider, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    walk.approved()
    link, secret = partner_application_create(partner_organisation=provider)
    token = Partner(organisation=provider, link=link, secret=secret).token()
    schema = schemathesis.openapi.from_dict(json.loads(json.dumps(schema_generate())))
    schema.app = application
    (operation,) = [
        op
        for op in (r.ok() for r in schema.get_all_operations())
        if (op.method.upper(), op.path) == (method, path)
    ]

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        case.call_and_validate(checks=CHECKS)

    run()
