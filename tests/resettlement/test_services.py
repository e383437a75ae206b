"""Custody episodes, release-date changes, screening and the plan, through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.domain import DomainError, StaleVersionError
from crc.notifications.models import OutboxMessage
from resettlement import rules, services
from resettlement.models import (
    ChangeSource,
    Pathway,
    PathwayStatus,
    PlanStatus,
    ReleaseDateChange,
)
from tests.factories import CaseFactory, PartnerOrganisationFactory
from tests.resettlement.conftest import add_action, open_episode, update_plan

pytestmark = pytest.mark.django_db


def release_date_messages():
    return list(OutboxMessage.objects.filter(dedupe_key__startswith="resettlement:release-date"))


def test_opening_an_episode_sets_the_screening_due_date_and_every_pathway_not_started(
    episode,
):
    screening = episode.screening
    assert screening.due_on == rules.screening_due(episode.reception_date)
    assert sorted(p.pathway for p in screening.pathways.all()) == sorted(Pathway.values)
    assert {p.status for p in screening.pathways.all()} == {PathwayStatus.NOT_STARTED}
    assert episode.plan.status == PlanStatus.DRAFT
    assert episode.checklist.first_appointment is None
    assert episode.community_officer == episode.case.responsible_officer


def test_a_second_open_episode_for_the_same_person_is_refused(episode, worker, prison):
    with pytest.raises(DomainError, match="already has an open custody episode"):
        open_episode(episode.case, worker, prison)


def test_an_episode_with_release_before_reception_is_refused(case, worker, prison):
    with pytest.raises(DomainError) as refused:
        open_episode(case, worker, prison, received_days_ago=5, release_in_days=-10)
    assert refused.value.field == "expected_release_date"


def test_a_provider_that_is_not_a_resettlement_provider_is_refused(case, worker, prison):
    police = PartnerOrganisationFactory()
    with pytest.raises(DomainError):
        open_episode(case, worker, prison, resettlement_provider=police)


def test_a_release_date_change_keeps_history_and_tells_the_officer(episode, officer):
    old = episode.expected_release_date
    new = old - dt.timedelta(days=21)
    change, created = services.release_date_change(
        episode=episode,
        new_date=new,
        source=ChangeSource.PRISON_API,
        reason="Home detention curfew granted",
        key="nomis-123",
    )
    episode.refresh_from_db()
    assert created
    assert (change.old_date, change.new_date, episode.expected_release_date) == (old, new, new)
    assert episode.history.filter(expected_release_date=old).exists()
    [message] = release_date_messages()
    assert message.payload["recipient_ids"] == [officer.pk]


def test_the_same_release_date_change_posted_twice_notifies_the_officer_exactly_once(episode):
    new = episode.expected_release_date + dt.timedelta(days=7)
    for _ in range(2):
        services.release_date_change(
            episode=episode,
            new_date=new,
            source=ChangeSource.PRISON_API,
            reason="Added days",
            key="nomis-456",
        )
    assert ReleaseDateChange.objects.count() == 1
    assert len(release_date_messages()) == 1
    episode.refresh_from_db()
    assert episode.version == 2


def test_a_key_reused_for_a_different_date_is_refused_and_changes_nothing(episode):
    first = episode.expected_release_date + dt.timedelta(days=7)
    services.release_date_change(
        episode=episode, new_date=first, source="prison_api", reason="Added days", key="k1"
    )
    with pytest.raises(DomainError, match="different change"):
        services.release_date_change(
            episode=episode,
            new_date=first + dt.timedelta(days=1),
            source="prison_api",
            reason="Added days",
            key="k1",
        )
    episode.refresh_from_db()
    assert episode.expected_release_date == first


def test_two_changes_with_different_keys_each_tell_the_officer(episode):
    base = episode.expected_release_date
    for days, key in [(7, "a"), (14, "b")]:
        services.release_date_change(
            episode=episode,
            new_date=base + dt.timedelta(days=days),
            source="officer",
            reason="Sentence recalculated",
            key=key,
        )
    assert len(release_date_messages()) == 2


def test_a_release_date_change_needs_a_reason(episode):
    with pytest.raises(DomainError) as refused:
        services.release_date_change(
            episode=episode,
            new_date=episode.expected_release_date,
            source="officer",
            reason=" ",
            key="x",
        )
    assert refused.value.field == "reason"


def screen(episode, by, pathway, status, **more):
    """One pathway of the episode's screening recorded through the service, from version 1
    unless `expected_version` says otherwise."""
    more.setdefault("expected_version", 1)
    return services.screening_record(
        screening=episode.screening, by=by, pathway=pathway, status=status, **more
    )


def screen_all(episode, by, status=PathwayStatus.SUPPORT_NOT_REQUIRED):
    """Every pathway of the screening answered with `status`."""
    view = "Wants to get back to work"
    for row in episode.screening.pathways.all():
        screen(episode, by, row.pathway, status, expected_version=row.version, own_view=view)


def test_a_pathway_screening_records_the_persons_own_view(episode, worker):
    mums = "Cannot go back to my mum's"
    row = screen(
        episode, worker, Pathway.ACCOMMODATION, PathwayStatus.SUPPORT_REQUIRED, own_view=mums
    )
    assert (row.status, row.own_view, row.version) == ("support_required", mums, 2)
    assert row.history.first().history_user == worker


def test_a_stale_pathway_screening_is_refused(episode, worker):
    screen(episode, worker, Pathway.HEALTH, PathwayStatus.IN_PROGRESS)
    with pytest.raises(StaleVersionError):
        screen(episode, worker, Pathway.HEALTH, PathwayStatus.IN_PROGRESS)


def test_a_pathway_cannot_jump_from_not_started_to_done(episode, worker):
    with pytest.raises(DomainError, match="cannot go from not started to done"):
        screen(episode, worker, Pathway.ETE, PathwayStatus.DONE)


def test_screening_cannot_be_completed_without_the_risk_of_harm_section(episode, worker):
    screen_all(episode, worker)
    with pytest.raises(DomainError, match="who may be at risk"):
        services.screening_complete(screening=episode.screening, by=worker, expected_version=1)
    episode.screening.refresh_from_db()
    assert episode.screening.completed_at is None


def test_a_complete_screening_carries_its_risk_section_into_the_plan(episode, worker):
    screen_all(episode, worker)
    section = {"risk_to_whom": "Former partner", "risk_plan": "Non-contact condition requested"}
    screening = services.screening_risk_record(
        screening=episode.screening, by=worker, expected_version=1, **section
    )
    services.screening_complete(screening=screening, by=worker, expected_version=2)
    episode.plan.refresh_from_db()
    assert episode.plan.risk_to_whom == "Former partner"


def test_a_plan_cannot_be_completed_without_the_risk_of_harm_section(episode, worker):
    plan = episode.plan
    add_action(episode, worker, Pathway.HEALTH, owner="worker", description="GP registration")
    with pytest.raises(DomainError) as refused:
        services.plan_complete(plan=plan, by=worker, expected_version=1)
    assert refused.value.field == "risk_to_whom"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_plan_needs_an_action_for_each_pathway_needing_support(episode, worker):
    screen(episode, worker, Pathway.ACCOMMODATION, PathwayStatus.SUPPORT_REQUIRED)
    plan = update_plan(episode.plan, worker, version=1, prison_delivers="Parenting course")
    with pytest.raises(DomainError, match="Accommodation"):
        services.plan_complete(plan=plan, by=worker, expected_version=2)
    due = timezone.localdate() + dt.timedelta(weeks=4)
    add_action(
        episode,
        worker,
        Pathway.ACCOMMODATION,
        owner="provider",
        description="Housing referral",
        due_on=due,
    )
    plan = services.plan_complete(plan=plan, by=worker, expected_version=2)
    assert plan.status == PlanStatus.COMPLETE and plan.completed_by == worker


def test_a_complete_plan_keeps_its_risk_of_harm_section(episode, worker):
    plan = update_plan(episode.plan, worker, version=1)
    services.plan_complete(plan=plan, by=worker, expected_version=2)
    with pytest.raises(DomainError):
        update_plan(plan, worker, version=3, risk_to_whom="", risk_plan="")


def test_a_plan_action_update_is_stale_checked_and_follows_the_transitions(episode, worker):
    action = add_action(episode, worker, Pathway.FINANCE, owner="worker", description="ID")
    action = services.plan_action_update(
        action=action, by=worker, expected_version=1, status="cancelled"
    )
    with pytest.raises(StaleVersionError):
        services.plan_action_update(action=action, by=worker, expected_version=1, status="done")
    with pytest.raises(DomainError, match="cannot go from cancelled"):
        services.plan_action_update(action=action, by=worker, expected_version=2, status="done")


def test_episodes_open_only_on_active_cases(worker, prison):
    closed = CaseFactory(status="terminated")
    with pytest.raises(DomainError):
        open_episode(closed, worker, prison)
