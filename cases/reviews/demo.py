"""Demo reviews and oversight (seed_demo, order 50). Proportions follow the inspection:
reviews are often missing, so a good share of periodic reviews is overdue, and about
half the cases have a completed review on file. Bulk-created: the london scale has
about 29,000 cases."""

import datetime as dt

from django.utils import timezone

from cases.models import (
    Case,
    CaseStatus,
    OversightEntry,
    OversightKind,
    Review,
    ReviewKind,
    ReviewStatus,
)
from cases.reviews import rules
from cases.reviews.services import periodic_review_weeks
from crc.organisation.demo import DemoContext
from crc.organisation.models import Role, Staff

SECTION_TEXT = {
    "compliance_and_engagement": [
        "Attended all appointments since the last review; engaged well in sessions.",
        "Two missed appointments, one acceptable (hospital). Engagement is improving.",
        "Compliance has been poor: a warning letter was sent in the period.",
    ],
    "desistance_progress": [
        "Has started a college course and has stable accommodation.",
        "Completed the first half of the Thinking Skills Programme.",
        "Reduced alcohol use reported and confirmed by the keyworker.",
    ],
    "risk_of_harm_change": [
        "No change in risk of harm: protective factors are holding.",
        "Risk to a known adult increased after the relationship resumed; plan updated.",
    ],
    "persons_involvement": [
        "Took part in the review in the office and agreed the next objectives.",
        "Reviewed by telephone; the person's own words are recorded in the plan.",
    ],
    "other_agencies": [
        "Police domestic abuse call-out check returned no new incidents.",
        "Children's social care confirmed the case is closed to them.",
        "No other agencies involved in this period.",
    ],
}
OVERSIGHT_TEXT = [
    "Discussed in supervision: the plan addresses the risk factors; review the contact "
    "level after the next appointment.",
    "Case file audited: information from the police is missing. Send the request this week.",
    "Agree with the officer's assessment; no change to RoSH needed at this point.",
]


def seed_reviews(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    weeks = periodic_review_weeks()
    done = set(Review.objects.values_list("case_id", flat=True).distinct())
    cases = list(
        Case.objects.filter(status=CaseStatus.ACTIVE)
        .exclude(pk__in=done)
        .values_list("pk", "team_id", "responsible_officer_id")
    )
    if not cases:
        ctx.log("reviews: nothing to do")
        return
    spo_by_team = {}
    for spo in Staff.objects.filter(role=Role.SENIOR_PROBATION_OFFICER).prefetch_related(
        "managed_teams"
    ):
        for team in spo.managed_teams.all():
            spo_by_team.setdefault(team.pk, spo.pk)

    progress = ctx.progress("reviews", len(cases), "people")
    reviews, entries = [], []
    for case_id, team_id, officer_id in cases:
        progress.advance()
        # The next periodic review: a third overdue (the report's missing reviews).
        roll = rng.random()
        if roll < 0.33:
            due = today - dt.timedelta(days=rng.randint(1, 40))
        elif roll < 0.5:
            due = today + dt.timedelta(days=rng.randint(0, 7))
        else:
            due = today + dt.timedelta(days=rng.randint(8, 110))
        due = rules.next_working_day(due) if due >= today else due
        # Half have a completed review, and the next one falls 16 weeks after it.
        if rng.random() < 0.5:
            completed_on = due - dt.timedelta(weeks=weeks)
            completed_at = dt.datetime.combine(completed_on, dt.time(11, 0), tzinfo=dt.UTC)
            contacts = rng.randint(3, 14)
            failures = rng.choice([0, 0, 0, 1, 2])
            snapshot = {
                "since": (completed_at - dt.timedelta(weeks=weeks)).isoformat(),
                "contacts": {"total": contacts, "failures": failures, "by_outcome": {}},
                **{key: [] for key in rules.EVENT_LISTS},
                "count": contacts,
            }
            reviews.append(
                Review(
                    case_id=case_id,
                    kind=ReviewKind.PERIODIC,
                    due_on=completed_on - dt.timedelta(days=rng.randint(-5, 10)),
                    status=ReviewStatus.COMPLETE,
                    completed_at=completed_at,
                    completed_by_id=officer_id,
                    grid_reapplied=rng.random() < 0.7,
                    changes_since_last=snapshot,
                    source_key=f"demo-complete:{case_id}",
                    **{name: rng.choice(texts) for name, texts in SECTION_TEXT.items()},
                )
            )
        reviews.append(
            Review(
                case_id=case_id,
                kind=ReviewKind.PERIODIC,
                due_on=due,
                source_key=f"periodic:{case_id}:{due.isoformat()}",
            )
        )
        if team_id in spo_by_team and rng.random() < 0.06:
            entries.append(
                OversightEntry(
                    case_id=case_id,
                    kind=OversightKind.NOTE,
                    text=rng.choice(OVERSIGHT_TEXT),
                    author_id=spo_by_team[team_id],
                )
            )
    Review.objects.bulk_create(reviews, batch_size=2000, ignore_conflicts=True)
    OversightEntry.objects.bulk_create(entries, batch_size=2000)
    progress.finish()
    ctx.log(f"reviews: {len(reviews)} reviews, {len(entries)} oversight entries")
