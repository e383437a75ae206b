"""Query budgets of the admin's changelists (issue 14, item 2): every registered model's
list runs the same queries for N rows as for 3N, within a ceiling.

Rows come from each model's factory (tests/factories/, one per model), made by an
administrator's view of the admin; a model the admin registers with no factory of ours
(a library's) is named in LIBRARY_MODELS with why, and a model in neither fails
`test_every_changelist_has_a_budget`, naming it.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from crc.access.services import SESSION_REASONS
from tests import factories
from tests import permission_matrix_admin_table as matrix
from tests.conftest import sign_in
from tests.scale.measure import N, assert_did_not_grow, read, report

FACTORY_OF = {
    factory._meta.model: factory
    for factory in (getattr(factories, name) for name in factories.__all__)
    if hasattr(factory, "_meta")
}

# Every changelist's ceiling unless named below (the admin's own queries: session,
# user, permissions, the count, the page of rows, the filters' choices, one INSERT to
# the access log for a list of cases). Measured 8 to 13 on SQLite, November 2026.
CEILING = 16
CEILINGS: dict[str, int] = {}

# Registered by a library with no factory of ours; their lists are the library's admin.
LIBRARY_MODELS: dict[str, str] = {
    "oauth2_provider.grant": "django-oauth-toolkit: no authorisation codes",
    "oauth2_provider.accesstoken": "django-oauth-toolkit's own admin",
    "oauth2_provider.refreshtoken": "django-oauth-toolkit: no refresh tokens are issued",
    "oauth2_provider.idtoken": "django-oauth-toolkit: no OpenID Connect",
    "axes.accessattempt": "django-axes' own admin",
    "axes.accessfailurelog": "django-axes' own admin",
    "axes.accesslog": "django-axes' own admin",
}

# A factory that returns the one row of a singleton (policy tables) makes no new rows;
# workload capacity is one row per role; retention periods one row per record type.
SINGLETONS = {
    "unpaidwork.unpaidworkpolicy",
    "dashboards.workloadcapacity",
    "retention.retentionperiod",
}


def registered() -> list:
    return sorted(
        (model for model in apps.get_models() if admin.site.is_registered(model)),
        key=lambda model: model._meta.label_lower,
    )


def budgeted() -> list:
    return [
        model
        for model in registered()
        if model in FACTORY_OF and model._meta.label_lower not in SINGLETONS
    ]


def test_every_changelist_has_a_budget():
    named = set(LIBRARY_MODELS) | SINGLETONS
    missing = [
        model._meta.label_lower
        for model in registered()
        if model not in FACTORY_OF and model._meta.label_lower not in named
    ]
    assert missing == []


def state_reasons_for_every_case(client) -> None:
    """An administrator's lists show only the cases they have said why they are looking
    at (cases/admin_base.py): say it for every case, as they would one by one."""
    session = client.session
    at = timezone.now().isoformat()
    session[SESSION_REASONS] = {
        str(pk): {"reason": "Checking the record", "at": at}
        for pk in Case.objects.values_list("pk", flat=True)
    }
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("model", budgeted(), ids=lambda model: model._meta.label_lower)
def test_a_changelist_runs_the_same_queries_for_n_rows_as_for_3n(
    client, administrator, service_centre, model
):
    label = model._meta.label_lower
    factory = FACTORY_OF[model]
    # The service centre where the list is theirs too (no reasons needed), else the
    # administrator with a reason stated for every case.
    viewer = service_centre if label in matrix.BOTH else administrator
    sign_in(client, viewer)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    factory.create_batch(N)
    state_reasons_for_every_case(client)
    read(client, url)  # warm

    response, _, few = read(client, url)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= N
    factory.create_batch(2 * N)
    state_reasons_for_every_case(client)
    response, _, many = read(client, url)

    assert response.context["cl"].result_count >= 3 * N
    report(f"admin {label}", len(few), len(many))
    assert_did_not_grow(label, few, many)
    assert len(many) <= CEILINGS.get(label, CEILING), f"{label}: {len(many)} queries"
