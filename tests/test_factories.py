"""Every model has a factory, and what each factory builds passes model validation."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from cases.models import AccessListKind
from crc.organisation.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = [getattr(factories, name) for name in factories.__all__ if name.endswith("Factory")]


def project_models():
    """Every model the project's own apps define (not Django's or a library's), so a new
    app's models need factories too."""
    root = Path(settings.BASE_DIR).resolve()
    own = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).resolve().relative_to(root).parts
    ]
    return {
        model
        for config in own
        for model in config.get_models()
        if not model.__name__.startswith("Historical")
    }


def test_every_project_model_has_a_factory():
    covered = {factory._meta.model for factory in FACTORIES}
    models = project_models()
    assert {m._meta.app_label for m in models} >= {"cases", "organisation", "access", "api"}
    assert sorted(m._meta.label for m in models - covered) == []


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_builds_a_valid_row(factory):
    instance = factory()
    instance.full_clean()
    assert type(instance)._default_manager.filter(pk=instance.pk).exists()


@pytest.mark.parametrize(
    "trait, role",
    [
        ("pso", Role.PROBATION_SERVICES_OFFICER),
        ("spo", Role.SENIOR_PROBATION_OFFICER),
        ("area_manager", Role.AREA_MANAGER),
        ("qpm", Role.QUALITY_PERFORMANCE_MANAGER),
        ("service_centre", Role.SERVICE_CENTRE),
        ("administrator", Role.ADMINISTRATOR),
    ],
)
def test_each_role_trait_makes_a_valid_member_of_staff_in_that_role(trait, role):
    person = factories.StaffFactory(**{trait: True})
    person.full_clean()
    assert person.role == role


def test_an_spo_manages_their_own_team():
    spo = factories.StaffFactory(spo=True)
    assert list(spo.managed_teams.all()) == [spo.team]


def test_the_area_manager_trait_runs_an_area_and_holds_no_team():
    manager = factories.StaffFactory(area_manager=True)
    assert manager.team is None
    assert manager.area == manager.managed_area


def test_a_restricted_case_names_only_its_responsible_officer():
    officer = factories.StaffFactory()
    case = factories.CaseFactory(restricted=True, team=officer.team, responsible_officer=officer)
    entries = list(case.access_entries.values_list("kind", "staff"))
    assert entries == [(AccessListKind.RESTRICTION, officer.pk)]


def test_case_traits_set_what_they_say():
    woman = factories.CaseFactory(women=True)
    high = factories.CaseFactory(high_rosh=True)
    for case in (woman, high):
        case.full_clean()
    assert woman.sex == "female"
    assert (high.rosh_overall, high.rosh_public) == ("high", "high")


def test_an_unpaid_work_requirement_counts_hours():
    requirement = factories.RequirementFactory(unpaid_work=True)
    requirement.full_clean()
    assert (requirement.requirement_type, requirement.length) == ("unpaid_work", 120)


@pytest.mark.parametrize(
    "factory, trait",
    [
        (factories.OrderFactory, "licence"),
        (factories.ContactLevelDecisionFactory, "awaiting_approval"),
        (factories.AssessmentFactory, "complete"),
        (factories.InformationRequestFactory, "answered"),
        (factories.ContactFactory, "failed"),
        (factories.SignificantChangeFactory, "from_partner"),
        (factories.ReviewFactory, "complete"),
        (factories.OversightEntryFactory, "on_escalation"),
        (factories.OutboxMessageFactory, "delivered"),
        (factories.PartnerOrganisationFactory, "childrens_social_care"),
    ],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_each_trait_builds_a_valid_row(factory, trait):
    instance = factory(**{trait: True})
    instance.full_clean()
    assert instance.pk is not None


def test_an_enforcement_action_hangs_off_a_failure_on_the_same_case():
    action = factories.EnforcementActionFactory()
    assert action.failure.case == action.case
    assert action.failure.outcome == "failed_to_comply"
