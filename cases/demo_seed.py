"""Demo cases with realistic distributions (DOMAIN.md §2-3; the inspection report).

RoSH mostly low and medium, tiers across B-D, about 11% women, a fifth with ethnicity
missing (the report's data-quality finding), registrations, a few restricted cases and
escalations, caseloads of 40-70 per officer (small), the report's 28,819 people
(london) or 260,000 (national). Written in bulk, 5,000 people at a time, each row with
its "created" history row: the national scale must build in a few minutes.
"""

import datetime as dt
from types import SimpleNamespace

from django.db.models import Max
from django.utils import timezone

from cases.allocation import rules as allocation_rules
from cases.demo_names import COURTS, FEMALE_NAMES, MALE_NAMES, OFFENCES, STREETS, SURNAMES
from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    ContactLevelSource,
    ContactLevelStatus,
    CriminogenicNeed,
    Escalation,
    Ethnicity,
    GridRule,
    NeedArea,
    Order,
    Registration,
    Requirement,
    ServiceCentreTask,
    TaskKind,
)
from cases.risk import rules
from cases.risk.rules import add_months
from crc.bulkload import RowWriter, fill_history
from crc.organisation.demo import PEOPLE, DemoContext
from crc.organisation.models import Role, Staff

LONDON_PEOPLE = PEOPLE["london"]
ETHNICITIES = list(Ethnicity.values)
NEED_AREAS = list(NeedArea.values)
CHUNK = 5000  # people written per round trip set (more than the small scale holds)
REGISTRATION_RATES = {
    "domestic_abuse": 0.22,
    "child_concerns": 0.10,
    "child_protection": 0.04,
    "mental_health": 0.25,
    "suicide_self_harm": 0.10,
    "vulnerability": 0.06,
    "weapons": 0.05,
    "street_gangs": 0.05,
    "adult_at_risk": 0.02,
}


def _letters(rng) -> str:
    return "".join(rng.choice("ABDEFGHJLNPQRSTUWXY") for _ in range(2))


def _weighted(rng, options: dict):
    roll, total = rng.random(), 0.0
    for option, weight in options.items():
        total += weight
        if roll < total:
            return option
    return option


def seed_cases(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    officers = list(
        Staff.objects.filter(
            role__in=[Role.PROBATION_OFFICER, Role.PROBATION_SERVICES_OFFICER], team__isnull=False
        ).order_by("username")
    )
    if not officers:
        ctx.log("cases: no officers, nothing to do")
        return
    if ctx.large:
        people = PEOPLE[ctx.scale]
        per_officer = [people // len(officers)] * len(officers)
        for i in range(people - sum(per_officer)):
            per_officer[i] += 1
    else:
        per_officer = [rng.randint(40, 70) for _ in officers]

    existing = set(Case.objects.values_list("crn", flat=True))
    grid = {(g.tier, g.phase): g for g in GridRule.objects.all()}
    spo_by_team = {}
    for spo in Staff.objects.filter(role=Role.SENIOR_PROBATION_OFFICER).prefetch_related(
        "managed_teams"
    ):
        for team in spo.managed_teams.all():
            spo_by_team.setdefault(team.pk, spo)

    by_team: dict[int, list[Staff]] = {}
    for officer in officers:
        by_team.setdefault(officer.team_id, []).append(officer)
    progress = ctx.progress("cases", sum(per_officer), "people")
    history_models = [Case, *WRITTEN, ServiceCentreTask, CaseAccessEntry]
    tops = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in history_models}
    totals = {"cases": 0, "registrations": 0, "escalations": 0, "restricted": 0}
    # Two years of history at the large scales (orders up to two years old).
    oldest_start = 730 if ctx.large else 540
    cases, plans = [], []
    serial = 0
    for officer, count in zip(officers, per_officer, strict=True):
        for _ in range(count):
            serial += 1
            crn = f"{'CDEFGHJKLMNPRSTVWX'[serial % 18]}{100000 + serial:06d}"
            female = rng.random() < 0.11
            rosh = _weighted(rng, {"low": 0.42, "medium": 0.53, "high": 0.05})
            if officer.role == Role.PROBATION_SERVICES_OFFICER and rosh == "high":
                rosh = "medium"
            registrations = {k for k, rate in REGISTRATION_RATES.items() if rng.random() < rate}
            needs = {
                need: _weighted(rng, {"none": 0.45, "standard": 0.4, "severe": 0.15})
                for need in NEED_AREAS
            }
            ogrs = rng.randint(8, 95)
            rsr = round(
                rng.uniform(0.2, 6.9 if officer.role == Role.PROBATION_SERVICES_OFFICER else 8.5), 2
            )
            mappa_level = 1 if rng.random() < 0.03 else None
            order_type = _weighted(rng, {"co": 0.55, "sso": 0.25, "licence": 0.15, "pss": 0.05})
            requirement_types = []
            if order_type in ("co", "sso"):
                if rng.random() < 0.65:
                    requirement_types.append("rar")
                if rng.random() < 0.45 or not requirement_types:
                    requirement_types.append("unpaid_work")
                if rng.random() < 0.1:
                    requirement_types.append("programme")
                if rng.random() < 0.08:
                    requirement_types.append("drug_rehab")
            behaviour_change = order_type in ("licence", "pss") or any(
                t != "unpaid_work" for t in requirement_types
            )
            start = today - dt.timedelta(days=rng.randint(0, oldest_start))
            release = start if order_type in ("licence", "pss") else None
            assessed = rng.random() < 0.9
            tier = rules.calculate_tier(
                rules.TierInputs(
                    rosh=rules.Rosh(rosh),
                    rsr=rsr,
                    mappa_level=mappa_level,
                    registrations=frozenset(registrations),
                    is_female=female,
                    women_factors=frozenset({"parenting_responsibilities"})
                    if female and rng.random() < 0.4
                    else frozenset(),
                    needs={k: rules.Severity(v) for k, v in needs.items()},
                    ogrs=ogrs,
                    has_assessment=assessed,
                    has_behaviour_change_requirement=behaviour_change,
                )
            )
            if (
                officer.role == Role.PROBATION_SERVICES_OFFICER
                and not allocation_rules.psos_may_hold(tier.code)
            ):
                # Keep the demo lawful: a PSO's case that comes out tier B goes to a PO.
                officer_for_case = next(
                    o
                    for o in officers
                    if o.team_id == officer.team_id and o.role == Role.PROBATION_OFFICER
                )
            else:
                officer_for_case = officer
            if crn in existing:
                continue
            first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            case = SimpleNamespace(  # a Case row, written by RowWriter in _write
                crn=crn,
                first_name=first,
                last_name=rng.choice(SURNAMES),
                date_of_birth=today - dt.timedelta(days=rng.randint(18 * 365, 65 * 365)),
                sex="female" if female else "male",
                gender_identity="same" if rng.random() < 0.8 else "",
                ethnicity="" if rng.random() < 0.21 else rng.choice(ETHNICITIES),
                disability=rng.random() < 0.3 if rng.random() < 0.85 else None,
                first_language="English"
                if rng.random() < 0.85
                else rng.choice(["Polish", "Somali", "Turkish", "Bengali", "Portuguese"]),
                accommodation_status=_weighted(
                    rng, {"settled": 0.6, "temporary": 0.25, "nfa": 0.1, "approved_premises": 0.05}
                ),
                employment_status=_weighted(
                    rng, {"employed": 0.3, "unemployed": 0.55, "education": 0.05, "unable": 0.1}
                ),
                address=f"{rng.randint(1, 220)} {rng.choice(STREETS)}, London",
                postcode=f"N{rng.randint(1, 22)} {rng.randint(1, 9)}{_letters(rng)}",
                responsible_officer_id=officer_for_case.pk,
                team_id=officer_for_case.team_id,
                rosh_overall=rosh,
                rosh_public=rosh,
                rosh_known_adult=rosh if "domestic_abuse" in registrations else "low",
                rosh_children="medium"
                if registrations & {"child_concerns", "child_protection"}
                else "low",
                rosh_staff="low",
                rosh_assessed_on=start + dt.timedelta(days=rng.randint(5, 30))
                if assessed
                else None,
                ogrs_score=ogrs,
                rsr_score=rsr,
                mappa_category=2 if mappa_level else None,
                mappa_level=mappa_level,
                parenting_responsibilities=female and rng.random() < 0.4,
                needs_assessed_on=start + dt.timedelta(days=14) if assessed else None,
                strengths=rng.choice(
                    [
                        "Supportive family",
                        "Motivated to find work",
                        "Engages well with appointments",
                        "Stable housing",
                        "",
                    ]
                ),
                tier=tier.code,
                tier_calculated_at=now,
                tier_working={
                    "protect_points": tier.protect_points,
                    "change_points": tier.change_points,
                    "change_note": tier.change_note,
                    "lines": [
                        {
                            "axis": p.axis,
                            "source": p.source,
                            "points": p.points,
                            "counted": p.counted,
                        }
                        for p in tier.working
                    ],
                },
            )
            cases.append(case)
            plans.append(
                {
                    "order_type": order_type,
                    "requirements": requirement_types,
                    "start": start,
                    "release": release,
                    "registrations": registrations,
                    "needs": needs,
                    "assessed": assessed,
                    "female": female,
                }
            )
            if len(cases) >= CHUNK:
                _write(ctx, cases, plans, grid, spo_by_team, by_team, totals)
                progress.advance(len(cases))
                cases, plans = [], []
    if cases:
        _write(ctx, cases, plans, grid, spo_by_team, by_team, totals)
        progress.advance(len(cases))
    if not totals["cases"]:
        ctx.log("cases: all demo cases already exist")
        return
    progress.finish()
    for model in history_models:  # each new row's "created" history row
        fill_history(model, pk_from=tops[model] + 1)
    ctx.log(
        f"cases: {totals['cases']} people, {totals['registrations']} registrations, "
        f"{totals['escalations']} escalations, {totals['restricted']} restricted"
    )


WRITTEN = {
    Order: [
        "case_id",
        "order_type",
        "court",
        "sentence_date",
        "start_date",
        "release_date",
        "expected_end_date",
        "index_offence",
    ],
    Requirement: ["order_id", "requirement_type", "length"],
    Registration: ["case_id", "registration_type", "registered_on", "next_review_date"],
    CriminogenicNeed: ["case_id", "need", "severity"],
    ContactLevelDecision: [
        "case_id",
        "contacts",
        "period_days",
        "face_to_face",
        "source",
        "tier",
        "phase",
        "reason",
        "status",
        "requested_at",
    ],
    Allocation: ["case_id", "officer_id", "team_id", "reason", "started_at"],
    Escalation: ["case_id", "reasons", "raised_at"],
}


def _write(ctx: DemoContext, cases, plans, grid, spo_by_team, by_team, totals) -> None:
    """One chunk of people and their orders, risk records and tasks (history rows are
    written at the end, by `seed_cases`)."""
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    case_rows = RowWriter(Case, list(vars(cases[0])))
    for case in cases:
        case.pk = case_rows.add(**vars(case))
    case_rows.flush()
    saved = {c.crn: c for c in cases}
    w = {model: RowWriter(model, fields) for model, fields in WRITTEN.items()}
    escalations, tasks = [], []
    registrations = 0
    for case, plan in zip(cases, plans, strict=True):
        order_id = w[Order].add(
            case_id=case.pk,
            order_type=plan["order_type"],
            court=rng.choice(COURTS),
            sentence_date=plan["start"],
            start_date=plan["start"],
            release_date=plan["release"],
            expected_end_date=plan["start"] + dt.timedelta(days=rng.choice([365, 540, 730])),
            index_offence=rng.choice(OFFENCES),
        )
        for t in plan["requirements"]:
            w[Requirement].add(
                order_id=order_id,
                requirement_type=t,
                length={
                    "unpaid_work": rng.choice([60, 80, 100, 150, 200]),
                    "rar": rng.choice([10, 15, 20, 30]),
                }.get(t),
            )
        for registration_type in plan["registrations"]:
            registered = plan["start"] + dt.timedelta(days=rng.randint(0, 20))
            months = 3 if registration_type == "child_protection" else 6
            next_review = add_months(registered, months)
            # Some reviews are overdue: the inspectors found registrations left unreviewed.
            while next_review < today - dt.timedelta(days=rng.choice([0, 0, 0, 20, 60])):
                next_review = add_months(next_review, months)
            w[Registration].add(
                case_id=case.pk,
                registration_type=registration_type,
                registered_on=registered,
                next_review_date=next_review,
            )
            registrations += 1
        if plan["assessed"]:
            for need, severity in plan["needs"].items():
                w[CriminogenicNeed].add(case_id=case.pk, need=need, severity=severity)
        phase = rules.sentence_phase(start=plan["start"], release=plan["release"], today=today)
        rule = grid[(rules.grid_key(case.tier), phase.value)]
        w[ContactLevelDecision].add(
            case_id=case.pk,
            contacts=rule.contacts,
            period_days=rule.period_days,
            face_to_face=rule.face_to_face,
            source=ContactLevelSource.GRID,
            tier=case.tier,
            phase=phase.value,
            reason="Set by the Grid at allocation",
            status=ContactLevelStatus.ACTIVE,
            requested_at=now,
        )
        w[Allocation].add(
            case_id=case.pk,
            officer_id=case.responsible_officer_id,
            team_id=case.team_id,
            reason="Allocated at sentence",
            started_at=now - dt.timedelta(days=(today - plan["start"]).days),
        )
        if case.rosh_overall == "high":
            reasons = "RoSH is high"
            pk = w[Escalation].add(
                case_id=case.pk,
                reasons=reasons,
                raised_at=now - dt.timedelta(days=rng.randint(1, 10)),
            )
            escalations.append((pk, case.pk, reasons))
    for writer in w.values():
        writer.flush()
    for pk, case_id, reasons in escalations:
        tasks.append(
            ServiceCentreTask(
                case_id=case_id,
                kind=TaskKind.NPS_REFERRAL,
                description=f"Prepare and send the NPS referral: {reasons}",
                due_date=today + dt.timedelta(days=rng.randint(-3, 2)),
                source_key=f"escalation:{pk}:referral",
            )
        )
    ServiceCentreTask.objects.bulk_create(tasks, batch_size=2000, ignore_conflicts=True)

    # A few restricted cases (about 1%): half exclude a team colleague, half are limited to
    # the officer and their SPO.
    entries = []
    restricted = [c for c in cases if rng.random() < 0.01]
    for n, case in enumerate(restricted, start=totals["restricted"]):
        case = saved[case.crn]
        colleagues = [o for o in by_team[case.team_id] if o.pk != case.responsible_officer_id]
        if n % 2 == 0 and colleagues:
            entries.append(
                CaseAccessEntry(
                    case_id=case.pk,
                    staff=rng.choice(colleagues),
                    kind=AccessListKind.EXCLUSION,
                    reason="Known to the staff member",
                )
            )
        else:
            for person in {
                case.responsible_officer_id,
                getattr(spo_by_team.get(case.team_id), "pk", None),
            } - {None}:
                entries.append(
                    CaseAccessEntry(
                        case_id=case.pk,
                        staff_id=person,
                        kind=AccessListKind.RESTRICTION,
                        reason="High-profile case: named staff only",
                    )
                )
    CaseAccessEntry.objects.bulk_create(entries, ignore_conflicts=True)
    totals["cases"] += len(cases)
    totals["registrations"] += registrations
    totals["escalations"] += len(escalations)
    totals["restricted"] += len(restricted)
