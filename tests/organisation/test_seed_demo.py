import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from crc.bulkload import history_models
from crc.organisation.models import PartnerOrganisation, Role, Staff, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_it_refuses_to_run_with_debug_off(var_dir):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Staff.objects.count() == 0


def test_it_builds_a_small_crc_with_every_role_and_writes_credentials(var_dir):
    call_command("seed_demo", "--force")
    assert Team.objects.count() == 4
    # One area manager; per team an SPO, two POs and a PSO; two service-centre staff,
    # one quality manager and one administrator; per area an unpaid work coordinator and
    # two supervisors; a resettlement worker in each of the two prisons; two caseworkers
    # at each of the two intervention providers.
    assert Staff.objects.count() == 1 + 4 * (1 + 2 + 1) + 2 + 1 + 1 + (1 + 2) + 2 + 2 * 2
    assert set(
        Staff.objects.filter(role=Role.RESETTLEMENT_WORKER).values_list(
            "partner_organisation__partner_type", flat=True
        )
    ) == {"prison"}
    assert set(Staff.objects.values_list("role", flat=True)) == {r.value for r in Role}
    assert PartnerOrganisation.objects.values("partner_type").distinct().count() == 7
    credentials = json.loads((var_dir / "demo-credentials.json").read_text())
    assert set(credentials) == {"staff", "partners"}
    first = credentials["staff"][0]
    assert set(first) >= {"username", "password", "role", "team"}
    assert Staff.objects.get(username=first["username"]).check_password(first["password"])


def test_it_is_idempotent_and_deterministic(var_dir):
    call_command("seed_demo", "--force", "--seed", "7")
    first = json.loads((var_dir / "demo-credentials.json").read_text())
    counts = (Staff.objects.count(), Team.objects.count(), PartnerOrganisation.objects.count())
    call_command("seed_demo", "--force", "--seed", "7")
    second = json.loads((var_dir / "demo-credentials.json").read_text())
    assert first == second
    assert counts == (
        Staff.objects.count(),
        Team.objects.count(),
        PartnerOrganisation.objects.count(),
    )


def test_every_seeded_row_has_one_created_history_row(var_dir):
    # Seeders write in bulk (bulk_create, COPY); every row they make still gets exactly
    # one "+" (created) history row, as a save through a service would.
    call_command("seed_demo", "--force")
    checked = 0
    for model in history_models():
        pks = set(model._base_manager.values_list("pk", flat=True))
        historical = model.history.model
        pk_name = model._meta.pk.attname
        created = Counter(
            historical.objects.filter(history_type="+").values_list(pk_name, flat=True)
        )
        assert set(created) >= pks, f"{model.__name__}: rows without a created history row"
        assert not [pk for pk in pks if created[pk] != 1], f"{model.__name__}: two '+' rows"
        checked += bool(pks)
    assert checked >= 40  # the seeders fill most of the models with history
