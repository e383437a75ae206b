"""Every write for custody episodes, release dates, screening and the resettlement plan
(DOMAIN.md §6). Keyword-only, atomic, <noun>_<verb>; pre-release work and release are in
resettlement/release.py.

Permission to act is the caller's job (crc.access, part 2); these services check the
state they depend on. Records edited in place take the version the user started from
and refuse a stale save (crc.domain.StaleVersionError).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case, CaseStatus
from cases.notify import CaseNotice, case_notify_many
from crc import history
from crc.domain import DomainError, StaleVersionError
from crc.organisation.models import PartnerOrganisation, PartnerType
from resettlement import rules
from resettlement.models import (
    ActionOwner,
    ActionStatus,
    ChangeSource,
    CustodyEpisode,
    EpisodeStatus,
    Pathway,
    PathwayScreening,
    PathwayStatus,
    PlanAction,
    PlanStatus,
    Prison,
    ReleaseChecklist,
    ReleaseDateChange,
    ReleaseKind,
    ResettlementPlan,
    Screening,
)

STALE = (
    "Someone else saved this record after you opened it. Nothing of yours was saved: "
    "check their changes and save again."
)
CATEGORY = "resettlement"


def locked(model, pk: int, *, expected_version: int):
    """The row locked for update, checked against the version the user read."""
    row = model.objects.select_for_update().get(pk=pk)
    if row.version != expected_version:
        raise StaleVersionError(STALE)
    return row


def open_episode(episode: CustodyEpisode) -> CustodyEpisode:
    if episode.status != EpisodeStatus.IN_CUSTODY:
        raise DomainError("This custody episode has ended")
    return episode


# --- Episodes -----------------------------------------------------------------------------


@transaction.atomic
def episode_open(
    *,
    case: Case,
    by,
    prison: Prison,
    reception_date: dt.date,
    expected_release_date: dt.date,
    release_kind: str,
    resettlement_provider: PartnerOrganisation | None = None,
    resettlement_worker=None,
) -> CustodyEpisode:
    """A reception into a resettlement prison: the episode with its screening (due 5
    working days later, every pathway not started), an empty plan and checklist."""
    if case.status != CaseStatus.ACTIVE:
        raise DomainError("Custody episodes are opened on active cases only")
    if not prison.active:
        raise DomainError("Choose a resettlement prison we serve now", field="prison")
    if release_kind not in ReleaseKind.values:
        raise DomainError("Choose licence or post-sentence supervision", field="release_kind")
    if expected_release_date < reception_date:
        raise DomainError(
            "The expected release date cannot be before reception", field="expected_release_date"
        )
    if reception_date > timezone.localdate():
        raise DomainError("Reception cannot be in the future", field="reception_date")
    if resettlement_provider is not None and (
        resettlement_provider.partner_type != PartnerType.RESETTLEMENT_PROVIDER
    ):
        raise DomainError("Choose a resettlement provider", field="resettlement_provider")
    episode = CustodyEpisode(
        case=case,
        prison=prison,
        reception_date=reception_date,
        expected_release_date=expected_release_date,
        release_kind=release_kind,
        resettlement_provider=resettlement_provider,
        resettlement_worker=resettlement_worker,
        opened_by=by,
        updated_by=by,
    )
    history.save_new_once(
        episode, by, refused=DomainError("This person already has an open custody episode")
    )
    screening = Screening(
        episode=episode, due_on=rules.screening_due(reception_date), updated_by=by
    )
    history.save_as(screening, by)
    PathwayScreening.objects.bulk_create(
        PathwayScreening(screening=screening, pathway=pathway, updated_by=by)
        for pathway in Pathway.values
    )
    for model in (ResettlementPlan, ReleaseChecklist):
        row = model(episode=episode, updated_by=by)
        history.save_as(row, by)
    return episode


@transaction.atomic
def episode_assign(
    *,
    episode: CustodyEpisode,
    by,
    expected_version: int,
    resettlement_worker=None,
    resettlement_provider: PartnerOrganisation | None = None,
) -> CustodyEpisode:
    episode = open_episode(locked(CustodyEpisode, episode.pk, expected_version=expected_version))
    if resettlement_provider is not None and (
        resettlement_provider.partner_type != PartnerType.RESETTLEMENT_PROVIDER
    ):
        raise DomainError("Choose a resettlement provider", field="resettlement_provider")
    episode.resettlement_worker = resettlement_worker
    episode.resettlement_provider = resettlement_provider
    return history.save_new_version(episode, by)


@transaction.atomic
def release_date_change(
    *,
    episode: CustodyEpisode,
    new_date: dt.date,
    source: str,
    reason: str,
    key: str,
    by=None,
) -> tuple[ReleaseDateChange, bool]:
    """Change the expected release date, keeping the change and telling the community
    officer. `key` (an Idempotency-Key from the prison, or one the form makes) makes a
    repeat of the same change a no-op: (the change, False) and nobody told twice. The
    same key with a different change is refused."""
    if source not in ChangeSource.values:
        raise DomainError("Say where the change came from", field="source")
    if not reason.strip():
        raise DomainError("Say why the release date changed", field="reason")
    if not key.strip():
        raise DomainError("A change needs a key", field="key")
    key = f"{episode.pk}:{key.strip()}"
    existing = ReleaseDateChange.objects.filter(key=key).first()
    if existing is not None:
        if existing.new_date != new_date or existing.episode_id != episode.pk:
            raise DomainError("That key was used for a different change", field="key")
        return existing, False
    episode = open_episode(CustodyEpisode.objects.select_for_update().get(pk=episode.pk))
    if new_date < episode.reception_date:
        raise DomainError("The release date cannot be before reception", field="new_date")
    change = ReleaseDateChange(
        episode=episode,
        old_date=episode.expected_release_date,
        new_date=new_date,
        source=source,
        reason=reason.strip(),
        key=key,
        changed_by=by,
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        # The same change posted twice at once: the other request saved it first.
        return ReleaseDateChange.objects.get(key=key), False
    episode.expected_release_date = new_date
    history.save_new_version(episode, by)
    release_date_change_notify(change=change)
    return change, True


def release_date_change_notice(change: ReleaseDateChange) -> CaseNotice:
    """The notice of a release-date change to the community officer, once per change
    (the dedupe key is the change's own key)."""
    episode = change.episode
    case = episode.case
    return CaseNotice(
        case=case,
        people=[case.responsible_officer],
        subject=f"Release date changed for {case.crn}",
        body=(
            f"{episode.prison}: expected release moved from {change.old_date:%d %B %Y} "
            f"to {change.new_date:%d %B %Y} ({change.get_source_display()}). {change.reason}"
        ),
        dedupe_key=f"resettlement:release-date:{change.key}",
    )


def release_date_change_notify(*, change: ReleaseDateChange) -> bool:
    """Tell the community officer of a release-date change. False when there is nobody
    to tell yet."""
    return bool(case_notify_many(notices=[release_date_change_notice(change)], category=CATEGORY))


# --- Screening ----------------------------------------------------------------------------


@transaction.atomic
def screening_record(
    *,
    screening: Screening,
    pathway: str,
    by,
    expected_version: int,
    status: str,
    own_view: str = "",
    notes: str = "",
) -> PathwayScreening:
    """One pathway's screening: its status and the person's own view of their needs."""
    if pathway not in Pathway.values:
        raise DomainError("Choose a pathway", field="pathway")
    if status not in PathwayStatus.values:
        raise DomainError("Choose a status", field="status")
    row = PathwayScreening.objects.select_for_update().get(screening=screening, pathway=pathway)
    if row.version != expected_version:
        raise StaleVersionError(STALE)
    open_episode(row.screening.episode)
    if not rules.can_move(rules.PATHWAY_TRANSITIONS, row.status, status):
        raise DomainError(
            f"A pathway cannot go from {row.get_status_display().lower()} to "
            f"{PathwayStatus(status).label.lower()}",
            field="status",
        )
    row.status = status
    row.own_view = own_view.strip()
    row.notes = notes.strip()
    return history.save_new_version(row, by)


@transaction.atomic
def screening_risk_record(
    *, screening: Screening, by, expected_version: int, risk_to_whom: str, risk_plan: str
) -> Screening:
    screening = locked(Screening, screening.pk, expected_version=expected_version)
    open_episode(screening.episode)
    screening.risk_to_whom = risk_to_whom.strip()
    screening.risk_plan = risk_plan.strip()
    return history.save_new_version(screening, by)


@transaction.atomic
def screening_complete(*, screening: Screening, by, expected_version: int) -> Screening:
    """Complete the screening: every pathway answered and risk of harm to others written."""
    screening = locked(Screening, screening.pk, expected_version=expected_version)
    open_episode(screening.episode)
    if screening.completed_at is not None:
        raise DomainError("This screening is already complete")
    statuses = dict(screening.pathways.values_list("pathway", "status"))
    gaps = rules.screening_gaps(
        pathway_statuses=statuses,
        pathways=Pathway.values,
        risk_to_whom=screening.risk_to_whom,
        risk_plan=screening.risk_plan,
    )
    if gaps:
        raise DomainError("; ".join(gaps))
    screening.completed_at = timezone.now()
    screening.completed_by = by
    history.save_new_version(screening, by)
    # The plan starts from what the screening found about risk; the worker refines it.
    plan = ResettlementPlan.objects.select_for_update().get(episode=screening.episode_id)
    if not plan.risk_to_whom and not plan.risk_plan:
        plan.risk_to_whom, plan.risk_plan = screening.risk_to_whom, screening.risk_plan
        history.save_new_version(plan, by)
    return screening


# --- Plan ---------------------------------------------------------------------------------


@transaction.atomic
def plan_update(
    *,
    plan: ResettlementPlan,
    by,
    expected_version: int,
    risk_to_whom: str,
    risk_plan: str,
    prison_delivers: str,
) -> ResettlementPlan:
    plan = locked(ResettlementPlan, plan.pk, expected_version=expected_version)
    open_episode(plan.episode)
    plan.risk_to_whom = risk_to_whom.strip()
    plan.risk_plan = risk_plan.strip()
    plan.prison_delivers = prison_delivers.strip()
    if plan.status == PlanStatus.COMPLETE and rules.risk_of_harm_gaps(
        risk_to_whom=plan.risk_to_whom, risk_plan=plan.risk_plan
    ):
        raise DomainError("A complete plan keeps its risk-of-harm section", field="risk_to_whom")
    return history.save_new_version(plan, by)


def check_action(*, pathway: str, owner: str, description: str, due_on: dt.date | None) -> None:
    if pathway not in Pathway.values:
        raise DomainError("Choose a pathway", field="pathway")
    if owner not in ActionOwner.values:
        raise DomainError("Choose who owns the action", field="owner")
    if not description.strip():
        raise DomainError("Describe the action", field="description")


@transaction.atomic
def plan_action_add(
    *,
    plan: ResettlementPlan,
    by,
    pathway: str,
    owner: str,
    description: str,
    due_on: dt.date | None = None,
) -> PlanAction:
    check_action(pathway=pathway, owner=owner, description=description, due_on=due_on)
    plan = ResettlementPlan.objects.select_for_update().get(pk=plan.pk)
    open_episode(plan.episode)
    action = PlanAction(
        plan=plan,
        pathway=pathway,
        owner=owner,
        description=description.strip(),
        due_on=due_on,
        updated_by=by,
    )
    return history.save_as(action, by)


@transaction.atomic
def plan_action_update(
    *,
    action: PlanAction,
    by,
    expected_version: int,
    status: str,
    description: str | None = None,
    owner: str | None = None,
    due_on: dt.date | None = None,
) -> PlanAction:
    action = locked(PlanAction, action.pk, expected_version=expected_version)
    open_episode(action.plan.episode)
    if status not in ActionStatus.values:
        raise DomainError("Choose a status", field="status")
    if not rules.can_move(rules.ACTION_TRANSITIONS, action.status, status):
        raise DomainError(
            f"An action cannot go from {action.get_status_display().lower()} to "
            f"{ActionStatus(status).label.lower()}",
            field="status",
        )
    description = action.description if description is None else description
    owner = action.owner if owner is None else owner
    check_action(pathway=action.pathway, owner=owner, description=description, due_on=due_on)
    action.status = status
    action.description = description.strip()
    action.owner = owner
    if due_on is not None:
        action.due_on = due_on
    return history.save_new_version(action, by)


@transaction.atomic
def plan_complete(*, plan: ResettlementPlan, by, expected_version: int) -> ResettlementPlan:
    """Complete the plan. Refused without the risk-of-harm section (who may be at risk,
    what the plan does about it) and without an action for each pathway needing support."""
    plan = locked(ResettlementPlan, plan.pk, expected_version=expected_version)
    open_episode(plan.episode)
    if plan.status == PlanStatus.COMPLETE:
        raise DomainError("This plan is already complete")
    needing = PathwayScreening.objects.filter(
        screening__episode=plan.episode_id, status=PathwayStatus.SUPPORT_REQUIRED
    ).values_list("pathway", flat=True)
    with_actions = plan.actions.exclude(status=ActionStatus.CANCELLED).values_list(
        "pathway", flat=True
    )
    gaps = rules.plan_gaps(
        risk_to_whom=plan.risk_to_whom,
        risk_plan=plan.risk_plan,
        pathways_needing_support=[Pathway(p).label for p in needing],
        pathways_with_actions=[Pathway(p).label for p in with_actions],
    )
    if gaps:
        risk_gaps = rules.risk_of_harm_gaps(
            risk_to_whom=plan.risk_to_whom, risk_plan=plan.risk_plan
        )
        raise DomainError("; ".join(gaps), field="risk_to_whom" if risk_gaps else None)
    plan.status = PlanStatus.COMPLETE
    plan.completed_at = timezone.now()
    plan.completed_by = by
    return history.save_new_version(plan, by)
