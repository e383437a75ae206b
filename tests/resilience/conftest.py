"""Transactional tests (threads need committed rows) start from a flushed database, which
has lost the rows the data migrations seed: the Grid, the policy tables, the reference
data. Seed them again the way the migrations do."""

import importlib

import pytest
from django.apps import apps

SEEDS = [
    ("cases.migrations.0002_policy_defaults", "seed"),
    ("unpaidwork.migrations.0002_policy_row", "create_policy"),
    ("crc.dashboards.migrations.0002_reference_data", "seed"),
    ("resettlement.migrations.0002_resettlement_prisons", "add_prisons"),
]


@pytest.fixture(autouse=True)
def _seeded_policy(request):
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
