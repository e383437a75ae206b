"""schemathesis against the generated schema (issue 15, items 3 and 5): every partner type's
token against every operation, in process (WSGI), parametrised type × operation.

For every generated request:
- no server error, and the response conforms to the schema (status, content type,
  headers, body);
- a partner type's token on an operation its type may not use is 404 `Not found.`, and a
  record of another partner (a real id of the same kind) is never disclosed: 404 (or a
  400 about the input, which a made-up id gets too);
- every 4xx is JSON naming the problem: a 400 names the field (or header) at fault, any
  other 4xx carries a `detail`;
- a refused request (any 4xx) changes nothing: not one row of the case record, unpaid
  work, resettlement, interventions, alerts or their history (access-log rows and the
  stored idempotent outcome are written for refusals too, by design);
- a list answers with the partner's own records only.

Path ids and CRNs in bodies are drawn from the partner's own records, other partners'
records and the generator's own values, so the generator reaches real records.

Bounded (a few examples per pair, more where the type may use the operation) and
derandomised, so CI runs the same examples every time; widen the search by hand with
SCHEMATHESIS_RANDOM=1 (and SCHEMATHESIS_EXAMPLES=200) when changing the API. `-m contract`
runs it alone.
"""

import functools
import itertools
import json
import os
from pathlib import Path

import pytest
import schemathesis
from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cases.models import SignificantChange
from crc.api.schema_snapshot import schema_generate
from crc.api.throttles import PartnerRateThrottle
from crc.organisation.models import PartnerType
from crc.wsgi import application
from interventions.models import ProviderAppointment
from resettlement.models import CustodyEpisode
from tests.api.contract_world import ID_KINDS, World, world_build

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=False)]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Which operations each partner type may use, written out here rather than read from
# crc.api.partners, so a change to the allow-list has to change this table too.
REACHES: dict[str, tuple[str, ...]] = {
    PartnerType.POLICE: ("/api/v1/information-requests/", "/api/v1/events/"),
    PartnerType.CHILDRENS_SOCIAL_CARE: ("/api/v1/information-requests/",),
    PartnerType.PRISON: (
        "/api/v1/resettlement/receptions/",
        "/api/v1/resettlement/release-date-changes/",
    ),
    PartnerType.RESETTLEMENT_PROVIDER: (
        "/api/v1/resettlement/plans/",
        "/api/v1/resettlement/plan-actions/",
    ),
    PartnerType.UNPAID_WORK_HOST: ("/api/v1/unpaid-work/",),
    PartnerType.INTERVENTION_PROVIDER: ("/api/v1/interventions/",),
    PartnerType.NPS: (),
}

# Examples per (partner type, operation): the pairs a type may use are where the work is.
EXAMPLES_REACHED = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 12))
EXAMPLES_REFUSED = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 3))

# Rows a refusal may write: the disclosure/denial log and the stored idempotent outcome.
WRITTEN_ON_REFUSAL = {"access.AccessLog", "api.IdempotencyRecord"}
WATCHED_APPS = (
    "cases",
    "unpaidwork",
    "resettlement",
    "interventions",
    "notifications",
    "organisation",
    "retention",
)


# Whose content is compared row by row, not only counted.
WRITTEN_BY_PARTNERS = [
    *(model for _, model in ID_KINDS),
    CustodyEpisode,
    SignificantChange,
    ProviderAppointment,
]


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


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # A failing example is shrunk with many more calls than max_examples: a 429 then
    # would hide the real failure. Throttling has its own test (test_auth.py).
    for scope in ("partner-read", "partner-write"):
        monkeypatch.setitem(PartnerRateThrottle.THROTTLE_RATES, scope, "100000/min")


@pytest.fixture
def world(request, case, officer, other_team_case, other_officer) -> World:
    return world_build(
        path=request.node.callspec.params["path"],
        case=case,
        other_case=other_team_case,
        officer=officer,
        other_officer=other_officer,
    )


@functools.cache
def _operations() -> dict[tuple[str, str], object]:
    schema = schemathesis.openapi.from_dict(schema_generate())
    schema.app = application
    operations = (result.ok() for result in schema.get_all_operations())
    return {(op.method.upper(), op.path): op for op in operations}


def _operation_ids() -> list[tuple[str, str]]:
    # The committed schema (tests/api/test_schema.py keeps it equal to the generated one),
    # read at collection time to parametrise.
    paths = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())["paths"]
    return sorted(
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


OPERATIONS = _operation_ids()


def test_the_suite_covers_every_operation_and_partner_type():
    assert set(REACHES) == set(PartnerType.values)
    for method, path in OPERATIONS:
        assert any(path.startswith(prefix) for prefix in itertools.chain(*REACHES.values())), (
            f"no partner type reaches {method} {path}: add it to REACHES"
        )
        if "{id}" in path:
            assert _id_kind(path) is not None, f"{path}: add what its id names to ID_KINDS"


@functools.cache
def _watched_tables() -> tuple[str, ...]:
    tables = set()
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label not in WRITTEN_ON_REFUSAL:
                tables.add(model._meta.db_table)
    return tuple(sorted(tables))


def _state() -> dict[str, object]:
    """Rows in every watched table and its history table, in one query (every write goes
    through a service with simple-history, so an update adds a history row too), and the
    full content of the tables partner writes land in (the records the world holds)."""
    tables = _watched_tables()
    quote = connection.ops.quote_name
    # Only table names from the model registry are formatted in.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    state: dict[str, object] = dict(zip(tables, counts, strict=True))
    for model in WRITTEN_BY_PARTNERS:
        state[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return state


def _changed(before: dict, after: dict) -> list[str]:
    return [table for table in before if before[table] != after[table]]


def _json(response):
    content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type")
    assert content_type and content_type[0].startswith("application/json"), (
        response.status_code,
        response.headers,
    )
    return json.loads(response.content)


def _names_the_problem(status: int, body) -> None:
    assert isinstance(body, dict) and body, (status, body)
    if status == 400:
        named = set(body) - {"detail"}
        detail = str(body.get("detail", ""))
        # A field (or several), or a header / the body as a whole in the detail.
        assert named or any(w in detail for w in ("X-Acting-Person", "Idempotency-Key", "JSON")), (
            body
        )
        for field, messages in body.items():
            assert messages, (field, body)
    else:
        assert isinstance(body.get("detail"), str) and body["detail"].strip(), (status, body)


def _id_kind(path: str):
    if "{id}" not in path:
        return None
    for prefix, model in ID_KINDS:
        if path.startswith(prefix):
            return model
    return None


@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@pytest.mark.parametrize("partner_type", PartnerType.values)
def test_every_partner_type_gets_a_clear_4xx_never_a_500_and_nothing_changes(
    partner_type, method, path, world: World, settings
):
    # schemathesis's WSGI client calls the application as http://localhost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    operation = _operations()[(method, path)]
    reaches = any(path.startswith(prefix) for prefix in REACHES[partner_type])
    partner = world.partner(partner_type)
    token = partner.token()
    kind = _id_kind(path)
    own_ids = world.own_ids(partner_type, kind) if kind else []
    others_ids = world.others_ids(partner_type, kind) if kind else []
    keys = itertools.count()

    @hypothesis_settings(
        max_examples=EXAMPLES_REACHED if reaches else EXAMPLES_REFUSED,
        # The same examples on every run, so CI is repeatable.
        derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        case = data.draw(operation.as_strategy(), label="case")
        # The token is ours; whatever other header values the generator picked.
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        if method == "POST":
            # A fresh key each time: a reused one is 422 before the request is looked at.
            case.headers["Idempotency-Key"] = f"contract-{next(keys)}"
        whose = "generated"
        if kind is not None:
            whose = data.draw(st.sampled_from(["own", "others", "generated"]), label="whose id")
            pool = {"own": own_ids, "others": others_ids}.get(whose)
            if pool:
                case.path_parameters["id"] = data.draw(st.sampled_from(pool), label="id")
            else:
                whose = "generated"
        if isinstance(case.body, dict) and "crn" in case.body:
            crns = world.crns()
            case.body["crn"] = data.draw(st.sampled_from([*crns, case.body["crn"]]), label="crn")

        before = _state()
        response = case.call()
        status = response.status_code
        assert status < 500, (status, response.content[:500])
        assert status != 429, "throttled: see _no_throttling"
        if not reaches:
            assert (status, _json(response)) == (404, {"detail": "Not found."})
        elif whose == "others":
            assert status in (400, 404), (status, response.content[:500])
        if 400 <= status < 500:
            _names_the_problem(status, _json(response))
            changed = _changed(before, _state())
            assert not changed, f"a {status} changed {changed}"
        if status == 200 and kind is None and method == "GET":
            listed = {row["id"] for row in _json(response)["results"]}
            list_kind = _id_kind(f"{path}{{id}}/")
            assert listed <= set(world.own_ids(partner_type, list_kind)), listed
        case.validate_response(response, checks=CHECKS)

    run()
