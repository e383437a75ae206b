"""Through the Gate's part of the home page's work list (crc/worklist.py): the community
officer's "release in N weeks, no contact yet" and the resettlement worker's overdue
screenings. A fixed number of queries whatever the caseload; rows name cases by CRN
only."""

import datetime as dt

from django.urls import reverse

from crc.access.pages import Page, may_use
from crc.worklist import ROWS_SHOWN, WorkGroup, WorkItem, WorkRow, item_from, register_provider
from resettlement import caseloads, rules


def _contact_row(episode) -> WorkRow:
    return WorkRow(
        text=episode.case.crn,
        url=reverse("resettlement:pre_release_contact_new", args=[episode.case.crn]),
        hint=f"release {episode.expected_release_date:%-d %b %Y}, {episode.prison}",
    )


def _officer_group(user, today: dt.date) -> WorkGroup:
    """One item per alert threshold (12, 6, 2 weeks; rules.contact_alert_threshold):
    the officer's people released within it, past the wider one, with no contact yet."""
    waiting = (
        caseloads.people_in_custody(user=user)
        .filter(has_officer_contact=False, expected_release_date__gte=today)
        # Only what a row shows: the caseload's ten joins cost ~50 ms of planning per
        # query here, three times per home page (London), for 0.3 ms of execution.
        .select_related(None)
        .select_related("case", "prison")
    )
    tighter = sorted(rules.CONTACT_ALERT_WEEKS)
    # One query for every threshold: the officer's own people released within the
    # widest (a caseload's few), each then placed under the tightest it is within.
    soonest = list(
        waiting.filter(expected_release_date__lte=today + dt.timedelta(weeks=tighter[-1])).order_by(
            "expected_release_date", "id"
        )
    )
    by_threshold: dict[int, list] = {weeks: [] for weeks in tighter}
    for episode in soonest:
        weeks = next(
            w for w in tighter if episode.expected_release_date <= today + dt.timedelta(weeks=w)
        )
        by_threshold[weeks].append(episode)
    items = [
        WorkItem(
            label=f"Release in {weeks} weeks, no contact yet",
            count=len(episodes),
            url=reverse("resettlement:in_custody"),
            overdue=weeks == min(tighter),
            rows=[_contact_row(e) for e in episodes[:ROWS_SHOWN]],
        )
        for weeks, episodes in by_threshold.items()
    ]
    return WorkGroup(title="People in custody", order=25, items=[i for i in items if i.count])


def _worker_group(user, today: dt.date) -> WorkGroup:
    overdue = caseloads.in_reach(user).filter(
        screening__completed_at__isnull=True, screening__due_on__lt=today
    )
    item = item_from(
        "Screenings overdue",
        overdue.select_related("case", "screening").order_by("screening__due_on", "id"),
        reverse("resettlement:caseload") + "?screening_overdue=on",
        lambda e: WorkRow(
            e.case.crn,
            reverse("resettlement:episode", args=[e.case.crn]),
            f"due {e.screening.due_on:%-d %b}",
        ),
        overdue=True,
    )
    return WorkGroup(title="Resettlement", order=25, items=[item] if item.count else [])


def resettlement_work(user, *, today: dt.date) -> list[WorkGroup]:
    groups = []
    if may_use(user, Page.PEOPLE_IN_CUSTODY):
        groups.append(_officer_group(user, today))
    if may_use(user, Page.RESETTLEMENT_CASELOAD):
        groups.append(_worker_group(user, today))
    return groups


def register() -> None:
    register_provider("resettlement", resettlement_work)
