"""schemathesis against the generated schema, in process (WSGI), with a real token.

Checks: no server error, and every response (status code, content type, headers,
body) conforms to the schema. Bounded (max_examples per operation) to stay well
under a minute; it runs in CI with the rest of the suite (`-m contract` runs it alone).
"""

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

from cases.models import InformationRequest, Review, SignificantChange
from crc.api.schema_snapshot import schema_generate
from crc.notifications.models import OutboxMessage
from crc.organisation.models import PartnerType
from crc.wsgi import application

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=False)]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 20


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Called as a real WSGI app, Django would close the database connection at the end
    # of each request (close_old_connections), i.e. the test's own transaction. Django's
    # test client unhooks it the same way.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@functools.cache
def _raw_schema() -> str:
    return json.dumps(schema_generate())


def _operations():
    schema = schemathesis.openapi.from_dict(json.loads(_raw_schema()))
    schema.app = application
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize(
    "operation_label", ["GET list", "GET detail", "POST answer", "POST events"]
)
def test_the_api_honours_its_schema(
    operation_label, police, police_request, csc_request, case, settings
):
    # schemathesis's WSGI client calls the application as http://localhost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    wanted = {
        "GET list": ("GET", "/api/v1/information-requests/"),
        "GET detail": ("GET", "/api/v1/information-requests/{id}/"),
        "POST answer": ("POST", "/api/v1/information-requests/{id}/answer/"),
        "POST events": ("POST", "/api/v1/events/"),
    }[operation_label]
    (operation,) = [op for op in _operations() if (op.method.upper(), op.path) == wanted]
    token = police.token()
    headers = {"Authorization": f"Bearer {token}"}

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        # The same examples on every run, so CI is repeatable; widen the search by hand
        # (SCHEMATHESIS_RANDOM=1) when changing the API.
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        # The token is ours; whatever header values the generator picked otherwise.
        case.headers = {**(case.headers or {}), **headers}
        case.call_and_validate(checks=CHECKS)

    run()


# --- Every partner type's token against every endpoint (issue 15, item 3) ------------------

OPERATIONS = [
    ("GET", "/api/v1/information-requests/"),
    ("GET", "/api/v1/information-requests/{id}/"),
    ("POST", "/api/v1/information-requests/{id}/answer/"),
    ("POST", "/api/v1/events/"),
]
PARTNER_EXAMPLES = 12


def _domain_state():
    """What a partner's call may change: requests and their answers, significant changes
    and the reviews they trigger, alerts. (Access-log rows and stored idempotent outcomes
    are written for refusals too, by design.)"""
    return (
        sorted(InformationRequest.objects.values_list("pk", "status", "answer")),
        SignificantChange.objects.count(),
        Review.objects.count(),
        OutboxMessage.objects.count(),
    )


def _refused_cleanly(response, before) -> None:
    status = response.status_code
    assert status < 500, (status, response.content[:500])
    if 400 <= status < 500:
        assert _domain_state() == before, f"a {status} changed something"
    if status == 400:
        body = json.loads(response.content)
        # Field errors name the field (or header) at fault, never a bare "detail".
        assert isinstance(body, dict) and set(body) - {"detail"}, body


@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@pytest.mark.parametrize("partner_type", PartnerType.values)
def test_every_partner_type_gets_a_clear_4xx_never_a_500(
    partner_type, method, path, partner_of_type, police, police_request, csc_request, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    (operation,) = [op for op in _operations() if (op.method.upper(), op.path) == (method, path)]
    partner = police if partner_type == PartnerType.POLICE else partner_of_type(partner_type)
    headers = {"Authorization": f"Bearer {partner.token()}"}

    @hypothesis_settings(
        max_examples=PARTNER_EXAMPLES,
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.headers = {**(case.headers or {}), **headers}
        before = _domain_state()
        response = case.call()
        _refused_cleanly(response, before)
        case.validate_response(response, checks=CHECKS)

    run()
