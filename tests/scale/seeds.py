"""Seeders for the query-budget table: each `seed(world, n)` adds `n` rows that the
budget's viewer sees on the page, and returns a few strings the page must show (so a
seeder whose rows fall out of the viewer's scope fails loudly instead of measuring an
empty page)."""

import datetime as dt

from django.utils import timezone

from cases.models import RegistrationType, SentencePlan
from cases.models.risk import NeedArea
from crc.access.models import AccessKind
from crc.dashboards.models import KeyQuestion
from tests.factories import (
    AccessLogFactory,
    AppointmentFactory,
    AttendanceFactory,
    AuditAnswerFactory,
    AuditSampleFactory,
    CaseAccessEntryFactory,
    CaseFactory,
    ContactFactory,
    CriminogenicNeedFactory,
    DesiredOutcomeFactory,
    EscalationFactory,
    InformationRequestFactory,
    InterventionServiceFactory,
    NominationFactory,
    NotificationFactory,
    OrderFactory,
    OversightEntryFactory,
    PlanActionFactory,
    ProjectFactory,
    ProjectSessionFactory,
    ProviderAppointmentFactory,
    QualityAuditFactory,
    ReferralFactory,
    RegistrationFactory,
    ReleaseDateChangeFactory,
    RequirementFactory,
    ResettlementPlanActionFactory,
    ReviewFactory,
    SentencePlanFactory,
    ServiceCentreTaskFactory,
    SignificantChangeFactory,
    StaffFactory,
)


def _at(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def team_case(w, *, officer=None, **kwargs):
    return CaseFactory(
        team=w.case.team, responsible_officer=officer or w.officer, last_name="Budget", **kwargs
    )


# --- People's lists -------------------------------------------------------------------


def my_cases(w, n):
    return [team_case(w).crn for _ in range(n)]


def team_cases(w, n):
    """The SPO's team: cases held by several officers, and some waiting to be allocated."""
    crns = []
    for i in range(n):
        officer = w.officer if i % 2 else w.colleague
        crns.append(team_case(w, officer=officer).crn)
    CaseFactory(team=w.case.team, responsible_officer=None, last_name="Budget")
    return crns


def search_hits(w, n):
    # Cases in the area manager's area, all matching the query "Budget".
    return [team_case(w).crn for _ in range(n)]


def officer_work(w, n):
    """Cases of the officer's with something waiting on each: the home page's work."""
    crns = []
    today = timezone.localdate()
    for _ in range(n):
        case = team_case(w)
        AppointmentFactory(case=case, starts_at=_at(0, 23), booked_by=w.officer)
        AppointmentFactory(case=case, starts_at=_at(3), booked_by=w.officer)
        AppointmentFactory(case=case, starts_at=_at(-2), booked_by=w.officer)
        ReviewFactory(case=case, due_on=today + dt.timedelta(days=5))
        RegistrationFactory(case=case, next_review_date=today + dt.timedelta(days=3))
        InformationRequestFactory(case=case)
        crns.append(case.crn)
    return crns[:1]


def spo_work(w, n):
    """Decisions waiting for the SPO: cases to allocate, escalations, pending levels."""
    today = timezone.localdate()
    for _ in range(n):
        CaseFactory(team=w.case.team, responsible_officer=None, last_name="Budget")
        case = team_case(w)
        EscalationFactory(case=case, raised_by=w.officer)
        ReviewFactory(case=case, due_on=today - dt.timedelta(days=3))
    return ["Decisions waiting"]


def outcomes_to_record(w, n):
    crns = []
    for _ in range(n):
        case = team_case(w)
        AppointmentFactory(case=case, starts_at=_at(-2), booked_by=w.officer)
        crns.append(case.crn)
    return crns


def service_centre_tasks(w, n):
    return [ServiceCentreTaskFactory(case=team_case(w)).case.crn for _ in range(n)]


def notifications(w, n):
    subjects = []
    for _ in range(n):
        crn = team_case(w).crn
        subjects.append(NotificationFactory(recipient=w.officer, case_crn=crn).subject)
    return subjects


def access_log_rows(w, n):
    rows = []
    for _ in range(n):
        case = team_case(w)
        AccessLogFactory(staff=w.officer, case=case, kind=AccessKind.VIEW)
        rows.append(case.crn)
    return rows


# --- One case's tabs: rows of every kind on the officer's case ---------------------------


def case_record(w, n):
    """Every kind of row the case's tabs list, `n` of each, on the officer's case."""
    case, officer = w.case, w.officer
    today = timezone.localdate()
    types = list(RegistrationType.values)
    if not case.escalations.exists():
        EscalationFactory(case=case, raised_by=officer)  # one open escalation at a time
    plan = SentencePlan.objects.filter(case=case).first() or SentencePlanFactory(case=case)
    needs = list(NeedArea.values)
    for _ in range(n):
        i = w.next()
        ContactFactory(case=case, recorded_by=officer, summary=f"Contact {i}")
        ContactFactory(case=case, recorded_by=officer, failed=True)
        AppointmentFactory(case=case, starts_at=_at(i), booked_by=officer)
        order = OrderFactory(case=case)
        RequirementFactory(order=order)
        RegistrationFactory(case=case, registration_type=types[i % len(types)])
        CriminogenicNeedFactory(case=case, need=needs[i % len(needs)])
        InformationRequestFactory(case=case)
        PlanActionFactory(objective__plan=plan)
        ReviewFactory(case=case, due_on=today + dt.timedelta(days=i))
        SignificantChangeFactory(case=case)
        OversightEntryFactory(case=case)
        case.phone = f"07700 900{i:03d}"
        case.save()  # a history row
    return [case.crn]


def case_timeline(w, n):
    """The case record's rows plus each satellite's registered source: unpaid work
    sessions, a custody episode's screening and plan, an intervention's sessions."""
    case_record(w, n)
    order = w.uw_order
    episode = w.episode
    for _ in range(n):
        worked_session(w, order)
        ResettlementPlanActionFactory(plan=episode.plan)
        referral = ReferralFactory(case=w.case, service=w.intervention, referred_by=w.officer)
        ProviderAppointmentFactory(referral=referral)
    return ["Contact 1"]


def access_list(w, n):
    return [
        CaseAccessEntryFactory(
            case=w.case, staff=StaffFactory(team=w.case.team, last_name="Budget"), added_by=w.spo
        ).staff.get_full_name()
        for _ in range(n)
    ][:1]


def team_officers(w, n):
    """Officers the SPO may allocate the case to, each with a caseload."""
    for _ in range(n):
        colleague = StaffFactory(team=w.case.team, last_name="Budget")
        team_case(w, officer=colleague)
    return ["Budget"]


# --- Unpaid work -----------------------------------------------------------------------


def supervisor_sessions(w, n):
    """Sessions the supervisor runs in the next four weeks, each with people expected."""
    names = []
    for _ in range(n):
        project = ProjectFactory(area=w.case.team.office.area, supervisor=w.uw_supervisor)
        session = ProjectSessionFactory(
            project=project,
            supervisor=w.uw_supervisor,
            date=timezone.localdate() + dt.timedelta(days=w.next() % 20),
        )
        AttendanceFactory(session=session)
        names.append(project.name)
    return names


def expected_at(w, session, n):
    """n people on unpaid work orders, each expected at `session`: their CRNs."""
    crns = []
    for _ in range(n):
        order = w.unpaid_work_order(team_case(w))
        AttendanceFactory(session=session, order=order)
        crns.append(order.case.crn)
    return crns


def register_rows(w, n):
    """People expected at the session: the register's rows."""
    return expected_at(w, w.session, n)


def projects(w, n):
    names = []
    for _ in range(n):
        project = ProjectFactory(area=w.case.team.office.area, supervisor=StaffFactory())
        ProjectSessionFactory(project=project, supervisor=project.supervisor)
        names.append(project.name)
    return names


def project_sessions(w, n):
    """Upcoming sessions of the project, each with its own supervisor."""
    for _ in range(n):
        session = ProjectSessionFactory(
            project=w.project,
            supervisor=StaffFactory(last_name="Budget"),
            date=timezone.localdate() + dt.timedelta(days=w.next()),
        )
        AttendanceFactory(session=session)
    return ["Budget"]


def worked_session(w, order):
    """A past session of the world's project (a different day each call) that the person
    on `order` attended."""
    session = ProjectSessionFactory(
        project=w.project,
        supervisor=w.uw_supervisor,
        date=timezone.localdate() - dt.timedelta(days=w.next()),
    )
    AttendanceFactory(session=session, order=order)


def case_unpaid_work(w, n):
    """Unpaid work orders on the officer's case, each with sessions worked."""
    for _ in range(n):
        order = w.unpaid_work_order(w.case)
        for _ in range(2):
            worked_session(w, order)
    return [w.project.name]


# --- Through the Gate ------------------------------------------------------------------


def prison_caseload(w, n):
    """Cases in custody at the worker's prison."""
    return [w.custody(team_case(w)).case.crn for _ in range(n)]


def officers_in_custody(w, n):
    return [w.custody(team_case(w), release_in_days=30).case.crn for _ in range(n)]


def episode_rows(w, n):
    """The episode page's lists: plan actions, release date changes."""
    episode = w.episode
    for _ in range(n):
        ResettlementPlanActionFactory(plan=episode.plan, description=f"Action {w.next()}")
        ReleaseDateChangeFactory(episode=episode)
    return ["Action"]


# --- Interventions -----------------------------------------------------------------------


def provider_referrals(w, n):
    """Referrals to the caseworker's provider: some theirs, some unassigned."""
    crns = []
    for i in range(n):
        case = team_case(w)
        ReferralFactory(
            case=case,
            service=w.intervention,
            referred_by=w.officer,
            caseworker=w.provider_caseworker if i % 2 else None,
            status="assigned" if i % 2 else "sent",
        )
        crns.append(case.crn)
    return crns


def referral_rows(w, n):
    """The referral page's lists: appointments and desired outcomes."""
    referral = w.referral
    for _ in range(n):
        ProviderAppointmentFactory(referral=referral, number=w.next())
        DesiredOutcomeFactory(referral=referral)
    return [referral.case.crn]


def case_referrals(w, n):
    """Referrals on the officer's case, each to its own service, with appointments."""
    names = []
    for _ in range(n):
        service = InterventionServiceFactory(provider=w.provider)
        referral = ReferralFactory(case=w.case, service=service, referred_by=w.officer)
        ProviderAppointmentFactory(referral=referral, number=w.next())
        DesiredOutcomeFactory(referral=referral)
        names.append(service.name)
    return names


def directory_services(w, n):
    """Services in the directory, each at its own provider."""
    return [InterventionServiceFactory().name for _ in range(n)]


def open_uw_orders(w, n):
    """Open unpaid work orders, each on its own case."""
    return [w.unpaid_work_order(team_case(w)).case.crn for _ in range(n)]


def uw_order_rows(w, n):
    """The coordinator's order page: sessions worked on the order."""
    order = w.uw_order
    for _ in range(n):
        worked_session(w, order)
    return [order.case.crn]


def nominations(w, n):
    return [NominationFactory(location=f"Budget street {w.next()}").location for _ in range(n)]


def no_work_list_yet(seed):
    """The role has no work-list provider registered today: its home page lists nothing
    of the seeded rows, but the budget holds it the day one is registered."""

    def seed_without_markers(w, n):
        seed(w, n)
        return []

    return seed_without_markers


# --- Dashboards --------------------------------------------------------------------------


def dashboard_cases(w, n):
    """Cases of the team with overdue reviews, officers with workloads."""
    today = timezone.localdate()
    crns = []
    for i in range(n):
        officer = w.officer if i % 2 else StaffFactory(team=w.case.team, last_name="Budget")
        case = team_case(w, officer=officer)
        ReviewFactory(case=case, due_on=today - dt.timedelta(days=3))
        ContactFactory(case=case, recorded_by=officer)
        crns.append(case.crn)
    return crns


def dashboard_figures(w, n):
    """The dashboard shows figures, not cases: the figure must be on it."""
    dashboard_cases(w, n)
    return ["Reviews overdue"]


def audits(w, n):
    return [QualityAuditFactory(created_by=w.qpm).title for _ in range(n)]


def audit_samples(w, n):
    """Cases sampled for the audit, each with an answer to a key question."""
    question = KeyQuestion.objects.order_by("position", "pk").first()
    crns = []
    for _ in range(n):
        sample = AuditSampleFactory(audit=w.audit, case=team_case(w))
        AuditAnswerFactory(sample=sample, question=question, answered_by=w.qpm)
        crns.append(sample.case.crn)
    return crns


def audit_ratings(w, n):
    """The ratings table is per standard: its answered-cases figure must be on it."""
    audit_samples(w, n)
    return ["Standard"]


# --- The partner API ---------------------------------------------------------------------


def information_requests_to(partner_type):
    def seed(w, n):
        organisation = w.personas.partner(partner_type).organisation
        return [
            str(InformationRequestFactory(case=team_case(w), partner_organisation=organisation).pk)
            for _ in range(n)
        ]

    return seed
