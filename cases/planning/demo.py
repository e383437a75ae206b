"""Demo assessments, information requests and sentence plans (seed_demo, order 30).

Shaped by the inspection: about 70% of cases assessed (most complete), plans for about
60%, the police or children's social care asked in most (not all) cases with a domestic
abuse or child flag, in every state (answered, waiting, overdue for a chase, escalated),
and some plans without a risk-of-harm objective, so the tab's prompts have work to do.
Written in bulk; cases that already have an assessment or a plan are left alone.
"""

import datetime as dt

from django.utils import timezone

from cases.deadlines import deadline_working_days
from cases.models import (
    Agency,
    Assessment,
    AssessmentStatus,
    Case,
    CaseStatus,
    InformationRequest,
    NeedArea,
    PlanAction,
    PlanObjective,
    Registration,
    SentencePlan,
)
from crc.organisation.demo import DemoContext
from crc.organisation.models import PartnerOrganisation, PartnerType
from crc.workingdays import add_working_days

CHILD_FLAGS = {"child_concerns", "child_protection", "risk_to_children"}

OFFENDING = [
    "Offending linked to alcohol use at weekends and conflict with a former partner.",
    "Acquisitive offending to fund heroin and crack cocaine use; long pattern since age 17.",
    "Violence when intoxicated in the night-time economy; peers involved in each offence.",
    "Offending began after losing accommodation and work; debts and isolation since.",
]
VICTIMS = [
    "Former partner (named in the police report) and her two children.",
    "Shop staff at local stores; no identified individual victim.",
    "Members of the public in the town centre at night.",
    "Current partner; potential risk to her 4-year-old son.",
]
ROSH = [
    "Risk of physical and emotional harm to a known adult, most likely when drinking and "
    "when contact with the children is refused. Imminence low while abstinent.",
    "Risk of harm to the public is low: no violence in the current or previous offences.",
    "Risk of serious physical harm to the public when carrying a weapon with peers; "
    "more likely at weekends and when not working.",
]
DIVERSITY = [
    "Dyslexia: written material read through together. Works shifts; appointments after 3pm.",
    "English is a second language; an interpreter is not needed but plain English helps.",
    "Caring for a parent with dementia three days a week.",
]
READINESS = [
    "Says he wants to stop drinking; has attended two recovery meetings on his own.",
    "Ambivalent: sees the offending as a response to debt, not a pattern.",
    "Motivated by wanting to see his daughter again.",
]
STRENGTHS = [
    "Supportive sister; steady work history as a plasterer.",
    "Completed a level 2 qualification in custody; keen to find work.",
    "Stable tenancy and a good relationship with his GP.",
]
OWN_VIEW = [
    '"I know I need to sort my drinking out. I don\'t want to lose my kids."',
    '"I just need a job and a place of my own, then I\'m fine."',
    '"The people I was with got me into this."',
]
OTHER_AGENCIES = [
    "Police (Metropolitan Police Service), answered by phone: two call-outs to the address "
    "in the last year, no charges. Shared with the MARAC coordinator.",
    "Children's social care: the children are on a child in need plan; social worker named "
    "in the case notes.",
]
POLICE_QUESTION = (
    "Please share any domestic abuse call-outs to the address or involving this person in the "
    "last 2 years, and any current intelligence relevant to risk of harm."
)
CSC_QUESTION = (
    "Please tell us whether this person, or any child in their household, is known to "
    "children's social care, and about any current plans or concerns."
)
POLICE_ANSWER = [
    "Three call-outs to the home address in the last 18 months, the most recent in March; "
    "no charges. Partner declined to support a prosecution.",
    "No domestic abuse call-outs recorded. No current intelligence.",
    "One call-out last year (verbal argument, no injuries). Intelligence suggests continued "
    "contact with the victim despite the restraining order.",
]
CSC_ANSWER = [
    "Known: the two children are on a child in need plan since January. Social worker "
    "will attend the next professionals' meeting.",
    "Not known to children's social care.",
    "Closed case from 2022 (neglect concerns). No current involvement.",
]
RISK_OBJECTIVES = [
    "Keep his former partner and her children safe: no contact outside the agreed arrangements.",
    "Understand the warning signs before violence and use the plan agreed in sessions.",
    "Stop carrying weapons and reduce time with the peers involved in the offence.",
]
NEED_OBJECTIVES = {
    NeedArea.ACCOMMODATION: "Find and keep settled accommodation.",
    NeedArea.ETE: "Get into paid work or training by the end of the order.",
    NeedArea.DRUGS: "Stay engaged with drug treatment and reduce use.",
    NeedArea.ALCOHOL: "Reduce drinking and stay abstinent at weekends.",
    NeedArea.FINANCE: "Get debts under control with a repayment plan.",
    NeedArea.RELATIONSHIPS: "Build safe, supportive relationships with family.",
    NeedArea.THINKING_BEHAVIOUR: "Use consequential thinking skills in everyday situations.",
}
# Actions that fit their objective: "risk" for risk-of-harm objectives, else the need.
ACTIONS = {
    "risk": [
        ("Attend the Building Better Relationships programme", "The person"),
        ("Share the risk management plan with the MARAC coordinator", "Responsible officer"),
        ("Ask the police for a check of call-outs to the address", "Responsible officer"),
        ("Agree the warning signs and what to do about them", "The person"),
    ],
    NeedArea.ACCOMMODATION: [
        ("Book an appointment with the housing options team", "The person"),
        ("Refer to St Mungo's for a tenancy support worker", "Responsible officer"),
    ],
    NeedArea.ETE: [
        ("Meet the ETE worker and agree a CV", "The person"),
        ("Apply for the CSCS card course", "The person"),
    ],
    NeedArea.DRUGS: [
        ("Refer to the local drug and alcohol service", "Responsible officer"),
        ("Attend the first key-work appointment", "The person"),
    ],
    NeedArea.ALCOHOL: [
        ("Refer to the local drug and alcohol service", "Responsible officer"),
        ("Keep a drinking diary for four weeks", "The person"),
    ],
    NeedArea.FINANCE: [
        ("Complete a budgeting session with Citizens Advice", "Citizens Advice"),
        ("Bring the debt letters to the next appointment", "The person"),
    ],
    NeedArea.RELATIONSHIPS: [
        ("Invite his sister to a three-way meeting", "Responsible officer"),
        ("Attend the family mediation assessment", "The person"),
    ],
    NeedArea.THINKING_BEHAVIOUR: [
        ("Complete the consequential thinking sessions", "The person"),
        ("Practise the stop-and-think plan before the next appointment", "The person"),
    ],
}
MEASURES = {
    "constructive_measures": "Building Better Relationships programme; drug and alcohol "
    "service appointments; support into work through the ETE worker.",
    "restrictive_measures": "Restraining order (no contact with the victim); exclusion "
    "zone around her address; weekly reporting.",
    "contingency_plan": "If contact with the victim is suspected: inform the police the "
    "same day, share with MARAC, home visit within 2 working days and consider breach or "
    "recall with the SPO.",
    "agency_links": "Police domestic abuse unit (named officer); children's social care "
    "(social worker); MARAC.",
}


def _due_dates():
    chase = deadline_working_days("information-request-chase")
    escalate = deadline_working_days("information-request-escalate")
    cache: dict[dt.date, tuple[dt.date, dt.date]] = {}

    def due(sent: dt.date) -> tuple[dt.date, dt.date]:
        if sent not in cache:
            cache[sent] = (add_working_days(sent, chase), add_working_days(sent, escalate))
        return cache[sent]

    return due


def _request(rng, *, case_id, officer_id, agency, partner, question, answers, today, now, due):
    # Roughly: most answered, some waiting, some overdue for a chase, some escalated.
    state = rng.choices(
        ["answered", "sent", "overdue", "chased", "escalated"], [0.55, 0.15, 0.1, 0.1, 0.1]
    )[0]
    age = {
        "answered": rng.randint(8, 120),
        "sent": rng.randint(0, 4),
        "overdue": rng.randint(8, 11),
        "chased": rng.randint(9, 13),
        "escalated": rng.randint(16, 40),
    }[state]
    sent = today - dt.timedelta(days=age)
    chase_due, escalate_due = due(sent)
    row = InformationRequest(
        case_id=case_id,
        agency=agency,
        partner_organisation=partner,
        question=question,
        status="sent" if state == "overdue" else state,
        sent_on=sent,
        chase_due_on=chase_due,
        escalate_due_on=escalate_due,
        requested_by_id=officer_id,
    )
    if state in ("chased", "escalated"):
        row.chased_on = min(chase_due, today)
    if state == "escalated":
        row.escalated_on = min(escalate_due, today)
    if state == "answered":
        row.answer = rng.choice(answers)
        row.answered_at = now - dt.timedelta(days=rng.randint(0, max(age - 3, 0)))
        if partner is not None and rng.random() < 0.6:
            row.answered_by_partner = "Duty officer"
        else:
            row.answered_by_staff_id = officer_id
    return row


def seed_planning(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    due = _due_dates()
    cases = list(
        Case.objects.filter(status=CaseStatus.ACTIVE)
        .exclude(assessment__isnull=False)
        .exclude(sentence_plan__isnull=False)
        .order_by("pk")
        .values_list("pk", "rosh_overall", "responsible_officer_id")
    )
    if not cases:
        ctx.log("planning: nothing to do")
        return
    flags: dict[int, set[str]] = {}
    for case_id, kind in Registration.objects.filter(ended_on__isnull=True).values_list(
        "case_id", "registration_type"
    ):
        flags.setdefault(case_id, set()).add(kind)
    asked = set(InformationRequest.objects.values_list("case_id", "agency"))
    partners = {
        kind: list(PartnerOrganisation.objects.filter(partner_type=kind, active=True))
        for kind in (PartnerType.POLICE, PartnerType.CHILDRENS_SOCIAL_CARE)
    }

    progress = ctx.progress("planning", len(cases), "people")
    assessments, plans, plan_shapes, requests = [], [], [], []
    for case_id, rosh, officer_id in cases:
        progress.advance()
        case_flags = flags.get(case_id, set())
        risky = rosh in ("medium", "high", "very_high") or bool(case_flags)
        for agency, wanted, question, answers in (
            (Agency.POLICE, "domestic_abuse" in case_flags, POLICE_QUESTION, POLICE_ANSWER),
            (
                Agency.CHILDRENS_SOCIAL_CARE,
                bool(case_flags & CHILD_FLAGS),
                CSC_QUESTION,
                CSC_ANSWER,
            ),
        ):
            # Not every officer asks: the inspectors found it missing in half the cases.
            if wanted and (case_id, agency) not in asked and rng.random() < 0.8:
                pool = partners[agency]
                partner = rng.choice(pool) if pool and rng.random() < 0.7 else None
                requests.append(
                    _request(
                        rng,
                        case_id=case_id,
                        officer_id=officer_id,
                        agency=agency,
                        partner=partner,
                        question=question,
                        answers=answers,
                        today=today,
                        now=now,
                        due=due,
                    )
                )
        if rng.random() < 0.7:
            complete = rng.random() < 0.75
            updated = now - dt.timedelta(days=rng.randint(1, 90))
            assessments.append(
                Assessment(
                    case_id=case_id,
                    status=AssessmentStatus.COMPLETE if complete else AssessmentStatus.DRAFT,
                    version=rng.randint(1, 6),
                    updated_by_id=officer_id,
                    offending_analysis=rng.choice(OFFENDING),
                    victims=rng.choice(VICTIMS),
                    risk_of_harm_analysis=rng.choice(ROSH)
                    if complete or rng.random() < 0.5
                    else "",
                    diversity_and_circumstances=rng.choice(DIVERSITY),
                    readiness_and_motivation=rng.choice(READINESS),
                    strengths=rng.choice(STRENGTHS),
                    own_view=rng.choice(OWN_VIEW) if rng.random() < 0.7 else "",
                    other_agencies=rng.choice(OTHER_AGENCIES) if rng.random() < 0.3 else "",
                    completed_at=updated if complete else None,
                    completed_by_id=officer_id if complete else None,
                )
            )
        if rng.random() < 0.6:
            full_rmp = risky and rng.random() < 0.6
            plans.append(
                SentencePlan(
                    case_id=case_id,
                    version=rng.randint(1, 4),
                    updated_by_id=officer_id,
                    person_took_part=rng.random() < 0.55,
                    own_words=rng.choice(OWN_VIEW) if rng.random() < 0.55 else "",
                    **{
                        name: text
                        for name, text in MEASURES.items()
                        if full_rmp or (risky and rng.random() < 0.3)
                    },
                )
            )
            needs = rng.sample(list(NEED_OBJECTIVES), rng.randint(1, 3))
            risk_objective = risky and rng.random() < 0.7
            plan_shapes.append((risk_objective, needs))

    # Their "+" history rows are written after the seeder, in bulk (seed_demo).
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    SentencePlan.objects.bulk_create(plans, batch_size=2000)
    InformationRequest.objects.bulk_create(requests, batch_size=2000)

    plan_ids = dict(
        SentencePlan.objects.filter(case_id__in=[p.case_id for p in plans]).values_list(
            "case_id", "pk"
        )
    )
    objectives, action_counts = [], []
    for plan, (risk_objective, needs) in zip(plans, plan_shapes, strict=True):
        plan_id = plan_ids[plan.case_id]
        position = 0
        if risk_objective:
            position += 1
            objectives.append(
                PlanObjective(
                    plan_id=plan_id,
                    description=rng.choice(RISK_OBJECTIVES),
                    addresses_risk_of_harm=True,
                    position=position,
                )
            )
            action_counts.append(("risk", rng.randint(1, 3)))
        for need in needs:
            position += 1
            objectives.append(
                PlanObjective(
                    plan_id=plan_id,
                    description=NEED_OBJECTIVES[need],
                    need=need,
                    position=position,
                )
            )
            action_counts.append((need, rng.randint(0, 2)))
    # bulk_create sets primary keys on SQLite 3.35+ and PostgreSQL, so actions can
    # point at the objectives just written.
    PlanObjective.objects.bulk_create(objectives, batch_size=5000)
    actions = []
    for objective, (kind, count) in zip(objectives, action_counts, strict=True):
        for description, owner in rng.sample(ACTIONS[kind], min(count, len(ACTIONS[kind]))):
            due_on = today + dt.timedelta(days=rng.randint(-60, 90))
            done = due_on < today and rng.random() < 0.6
            actions.append(
                PlanAction(
                    objective_id=objective.pk,
                    description=description,
                    owner=owner,
                    due_on=due_on,
                    done_on=due_on - dt.timedelta(days=rng.randint(0, 5)) if done else None,
                )
            )
    PlanAction.objects.bulk_create(actions, batch_size=5000)
    progress.finish()
    ctx.log(
        f"planning: {len(assessments)} assessments, {len(requests)} information requests, "
        f"{len(plans)} plans with {len(objectives)} objectives and {len(actions)} actions"
    )
