"""Quality audits: drawing a stratified sample in scope, answering with stale-save,
results as the report's Annex 2 table, overrides, and findings back to the case."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import OversightEntry
from crc.dashboards import rules, selectors, services
from crc.dashboards.models import AuditSample, KeyQuestion
from crc.domain import DomainError, StaleVersionError
from crc.notifications.models import OutboxMessage
from tests.factories import CaseAccessEntryFactory, CaseFactory, OrderFactory, StaffFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 15)
IN_WINDOW = dt.date(2026, 3, 1)  # 6½ months before TODAY


def eligible(team, officer, n, *, sex="male", order_type="co", rosh="low", start=IN_WINDOW):
    made = []
    for _ in range(n):
        case = CaseFactory(team=team, responsible_officer=officer, sex=sex, rosh_overall=rosh)
        OrderFactory(case=case, order_type=order_type, start_date=start, sentence_date=start)
        made.append(case)
    return made


def test_a_sample_is_sized_and_stratified_to_match_the_eligible_population(qpm, team_a, officer):
    men = eligible(team_a, officer, 20)
    women = eligible(team_a, officer, 10, sex="female", order_type="sso", rosh="medium")
    eligible(team_a, officer, 5, start=dt.date(2026, 5, 1))  # 4½ months: too early
    audit = services.audit_draw_sample(by=qpm, title="Islington", today=TODAY, seed=7)
    assert (audit.population, audit.sample_size) == (30, rules.sample_size(30))
    drawn = set(audit.samples.values_list("case_id", flat=True))
    expected = rules.stratified_allocation({"m": 20, "f": 10}, audit.sample_size)
    assert len(drawn & {c.pk for c in men}) == expected["m"]
    assert len(drawn & {c.pk for c in women}) == expected["f"]
    assert set(audit.samples.values_list("sex", "disposal_type", "rosh_level")) == {
        ("male", "co", "low"),
        ("female", "sso", "medium"),
    }


def test_a_sample_is_drawn_only_from_cases_the_auditor_may_see(spo, team_a, team_b, officer):
    mine = eligible(team_a, officer, 4)
    eligible(team_b, StaffFactory(team=team_b), 4)
    hidden = mine[0]
    CaseAccessEntryFactory(case=hidden, staff=spo, kind="exclusion")
    audit = services.audit_draw_sample(by=spo, title="Team A", today=TODAY, seed=1)
    assert set(audit.samples.values_list("case_id", flat=True)) == {c.pk for c in mine[1:]}


def test_no_eligible_case_is_a_clear_error(qpm):
    with pytest.raises(DomainError, match="6 to 7 months"):
        services.audit_draw_sample(by=qpm, title="Empty", today=TODAY)


@pytest.fixture
def sample(qpm, team_a, officer):
    eligible(team_a, officer, 1)
    audit = services.audit_draw_sample(by=qpm, title="One case", today=TODAY, seed=1)
    return audit.samples.get()


def _question(code):
    return KeyQuestion.objects.get(code=code)


def test_answering_twice_from_the_same_version_is_refused_as_stale(qpm, sample):
    question = _question("2.1.1")
    first = services.audit_answer(
        sample=sample, question=question, answer="yes", by=qpm, expected_version=None
    )
    with pytest.raises(StaleVersionError):
        services.audit_answer(
            sample=sample, question=question, answer="no", by=qpm, expected_version=None
        )
    second = services.audit_answer(
        sample=sample, question=question, answer="no", by=qpm, expected_version=first.version
    )
    assert (second.answer, second.version) == ("no", 2)


def test_not_applicable_is_only_for_questions_that_do_not_apply_to_every_case(qpm, sample):
    with pytest.raises(DomainError):
        services.audit_answer(
            sample=sample, question=_question("2.1.1"), answer="na", by=qpm, expected_version=None
        )
    answer = services.audit_answer(
        sample=sample, question=_question("2.1.3"), answer="na", by=qpm, expected_version=None
    )
    assert answer.answer == "na"


def test_the_key_questions_are_the_reports_nineteen_in_six_standards():
    codes = list(KeyQuestion.objects.values_list("code", flat=True))
    assert len(codes) == 19
    assert sorted({code.rsplit(".", 1)[0] for code in codes}) == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "4.1",
        "4.2",
    ]
    risk = set(KeyQuestion.objects.filter(allows_not_applicable=True, standard__startswith="2"))
    assert {q.code for q in risk} == {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}


def test_results_give_each_question_its_band_and_each_standard_its_lowest(qpm, team_a, officer):
    eligible(team_a, officer, 4, rosh="medium")
    audit = services.audit_draw_sample(by=qpm, title="Four", today=TODAY, seed=3)
    samples = list(audit.samples.all())
    assert len(samples) == 4
    plan = {"2.1.1": ["yes", "yes", "yes", "no"], "2.1.3": ["yes", "no", "na", "na"]}
    for code, answers in plan.items():
        for sample, answer in zip(samples, answers, strict=True):
            services.audit_answer(
                sample=sample,
                question=_question(code),
                answer=answer,
                by=qpm,
                expected_version=None,
            )
    services.override_record(
        audit=audit, standard="2.1", rating="good", reason="Wider evidence", by=qpm
    )
    with CaptureQueriesContext(connection) as queries:
        results = {r.code: r for r in selectors.audit_results(audit)}
    assert len(queries) <= 3
    assessment = results["2.1"]
    by_code = {q.code: r for q, r in assessment.questions}
    assert (by_code["2.1.1"].percent, by_code["2.1.1"].band) == (75, rules.Band.GOOD)
    assert (by_code["2.1.3"].percent, by_code["2.1.3"].applicable) == (50, 2)
    assert by_code["2.1.2"].band is None
    assert assessment.rating.computed == rules.Band.REQUIRES_IMPROVEMENT
    assert (assessment.rating.shown, assessment.rating.override_reason) == (
        rules.Band.GOOD,
        "Wider evidence",
    )
    assert results["2.2"].rating.computed is None


def test_an_override_needs_a_reason(qpm, sample):
    with pytest.raises(DomainError):
        services.override_record(
            audit=sample.audit, standard="2.4", rating="good", reason=" ", by=qpm
        )


def test_findings_go_back_to_the_case_as_oversight_once(qpm, spo, sample, officer):
    services.audit_answer(
        sample=sample,
        question=_question("2.1.1"),
        answer="no",
        notes="No self-assessment",
        by=qpm,
        expected_version=None,
    )
    assert services.audit_findings_send(sample=sample, by=qpm) is True
    assert services.audit_findings_send(sample=sample, by=qpm) is False
    entry = OversightEntry.objects.get(case_id=sample.case_id)
    assert entry.author == qpm
    assert "2.1.1" in entry.text and "No self-assessment" in entry.text
    [message] = OutboxMessage.objects.filter(dedupe_key__startswith="audit-finding:")
    assert {officer.pk, spo.pk} <= set(message.payload["recipient_ids"])
    assert AuditSample.objects.get(pk=sample.pk).findings_sent_at is not None


def test_a_complete_audit_refuses_new_answers(qpm, sample):
    services.audit_complete(audit=sample.audit, by=qpm)
    with pytest.raises(DomainError):
        services.audit_answer(
            sample=sample,
            question=_question("2.1.1"),
            answer="yes",
            by=qpm,
            expected_version=None,
        )
