"""The quality-audit pages: draw a sample, answer a case (stale-save, access log), the
Annex 2 table with an override beside the computed rating, and completing the audit."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from crc.access.models import AccessKind, AccessLog
from crc.dashboards import rules, selectors
from crc.dashboards.models import AuditAnswer, QualityAudit, StandardOverride
from tests.conftest import sign_in
from tests.factories import CaseAccessEntryFactory, CaseFactory, OrderFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 9, 15, 10, 0, tzinfo=dt.UTC)
IN_WINDOW = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _eligible(team, officer, n):
    cases = CaseFactory.create_batch(n, team=team, responsible_officer=officer)
    for case in cases:
        OrderFactory(case=case, order_type="co", start_date=IN_WINDOW, sentence_date=IN_WINDOW)
    return cases


def _draw(client, qpm, title="September audit"):
    sign_in(client, qpm)
    return client.post(reverse("dashboards:audits"), {"title": title})


def _all_yes(audit_version="", **overrides):
    data = {"version": audit_version}
    for code in [
        *(f"2.{s}.{q}" for s in range(1, 5) for q in range(1, 4)),
        "4.1.1",
        "4.1.2",
        "4.1.3",
        "4.1.4",
        "4.2.1",
        "4.2.2",
        "4.2.3",
    ]:
        data["q_" + code.replace(".", "_")] = "yes"
    data.update(overrides)
    return data


def test_a_qpm_draws_a_sample_sized_by_the_rule_and_sees_it(client, qpm, team_a, officer):
    _eligible(team_a, officer, 12)

    response = _draw(client, qpm)

    audit = QualityAudit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:audit", args=[audit.pk])
    assert (audit.population, audit.sample_size) == (12, rules.sample_size(12))
    page = client.get(response["Location"]).content.decode()
    for sample in audit.samples.all():
        assert reverse("dashboards:audit_case", args=[audit.pk, sample.pk]) in page


def test_drawing_with_no_eligible_case_is_a_clear_error_and_draws_nothing(client, qpm):
    response = _draw(client, qpm)

    assert response.status_code == 400
    assert "6 to 7 months into supervision" in response.content.decode()
    assert not QualityAudit.objects.exists()


def test_drawing_without_a_title_is_refused(client, qpm, team_a, officer):
    _eligible(team_a, officer, 2)
    response = _draw(client, qpm, title="")
    assert response.status_code == 400
    assert "Enter a title for the audit" in response.content.decode()
    assert not QualityAudit.objects.exists()


@pytest.mark.parametrize("persona", ["spo", "area_manager", "officer", "administrator"])
def test_only_quality_managers_use_the_audit_pages(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(reverse("dashboards:audits")).status_code == 404


@pytest.fixture
def drawn(client, qpm, team_a, officer):
    _eligible(team_a, officer, 3)
    _draw(client, qpm)
    audit = QualityAudit.objects.get()
    return audit, audit.samples.order_by("pk")


def _case_url(audit, sample):
    return reverse("dashboards:audit_case", args=[audit.pk, sample.pk])


def _version(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="version" value="([^"]*)"', page.content.decode()).group(1)


def test_answering_a_case_saves_every_answer_and_logs_the_view(client, drawn):
    audit, samples = drawn
    sample = samples[0]
    url = _case_url(audit, sample)
    version = _version(client, url)

    response = client.post(url, _all_yes(version, q_2_1_3="na", n_2_1_3="No risk issue"))

    assert response.status_code == 302
    assert AuditAnswer.objects.filter(sample=sample).count() == 19
    na = AuditAnswer.objects.get(sample=sample, question__code="2.1.3")
    assert (na.answer, na.notes) == ("na", "No risk issue")
    logged = AccessLog.objects.filter(case_id=sample.case_id, page="dashboards:audit_case")
    assert set(logged.values_list("kind", flat=True)) == {AccessKind.VIEW, AccessKind.CHANGE}


def test_not_applicable_on_a_question_for_every_case_is_refused_and_nothing_saved(client, drawn):
    audit, samples = drawn
    url = _case_url(audit, samples[0])
    response = client.post(url, _all_yes(_version(client, url), q_2_1_1="na"))
    assert response.status_code == 400
    assert not AuditAnswer.objects.exists()


def test_a_second_auditor_from_the_same_version_is_refused_and_sees_why(client, drawn):
    audit, samples = drawn
    url = _case_url(audit, samples[0])
    version = _version(client, url)
    assert client.post(url, _all_yes(version)).status_code == 302

    response = client.post(url, _all_yes(version, q_2_2_1="no"))

    assert response.status_code == 400
    assert "Someone else saved a change" in response.content.decode()
    assert AuditAnswer.objects.get(sample=samples[0], question__code="2.2.1").answer == "yes"


def test_a_case_restricted_since_the_draw_is_404(client, qpm, drawn):
    audit, samples = drawn
    CaseAccessEntryFactory(case=samples[0].case, staff=qpm, kind="exclusion")
    assert client.get(_case_url(audit, samples[0])).status_code == 404


def test_a_sample_of_another_audit_is_404(client, drawn):
    audit, samples = drawn
    url = reverse("dashboards:audit_case", args=[audit.pk + 1, samples[0].pk])
    assert client.get(url).status_code == 404


def test_the_ratings_table_bands_each_question_and_rates_each_standard_at_its_lowest(client, drawn):
    audit, samples = drawn
    for index, sample in enumerate(samples):
        url = _case_url(audit, sample)
        # 2.1.1: yes, yes, no -> 67%, Good; 2.1 is rated Good (the rest are 100%).
        answers = _all_yes(_version(client, url), q_2_1_1="no" if index == 2 else "yes")
        assert client.post(url, answers).status_code == 302

    response = client.get(reverse("dashboards:ratings", args=[audit.pk]))

    assert response.status_code == 200
    results = {r.code: r for r in selectors.audit_results(audit)}
    first = dict((q.code, outcome) for q, outcome in results["2.1"].questions)["2.1.1"]
    assert (first.yes, first.applicable, first.percent, first.band) == (2, 3, 67, rules.Band.GOOD)
    assert results["2.1"].rating.computed == rules.Band.GOOD
    assert results["2.2"].rating.computed == rules.Band.OUTSTANDING
    page = response.content.decode()
    assert "67%" in page and "Requires improvement" not in page
    assert page.count("crc-band--good") == 3  # 2.1.1, and 2.1 twice (summary, standard)


def test_an_override_shows_beside_the_computed_rating_with_its_reason(client, drawn):
    audit, samples = drawn
    url = _case_url(audit, samples[0])
    client.post(url, _all_yes(_version(client, url)))
    override_url = reverse("dashboards:override", args=[audit.pk, "2.4"])
    version = _version(client, override_url)

    missing = client.post(override_url, {"version": version, "rating": "good", "reason": ""})
    assert missing.status_code == 400
    assert not StandardOverride.objects.exists()

    saved = client.post(
        override_url, {"version": version, "rating": "good", "reason": "Wider evidence <b>"}
    )
    assert saved.status_code == 302
    page = client.get(reverse("dashboards:ratings", args=[audit.pk])).content.decode()
    assert "Wider evidence &lt;b&gt;" in page
    assert "Outstanding" in page and "Good" in page

    stale = client.post(override_url, {"version": version, "rating": "inadequate", "reason": "x"})
    assert stale.status_code == 400
    assert StandardOverride.objects.get().rating == "good"


def test_completing_the_audit_sends_findings_and_closes_answers(client, drawn):
    audit, samples = drawn
    url = _case_url(audit, samples[0])
    client.post(url, _all_yes(_version(client, url)))

    response = client.post(reverse("dashboards:audit_complete", args=[audit.pk]))

    assert response.status_code == 302
    samples[0].refresh_from_db()
    assert samples[0].findings_sent_at is not None
    closed = client.get(url).content.decode()
    assert "This audit is complete" in closed
    assert 'name="q_2_1_1"' not in closed


def test_the_qpm_home_lists_audits_in_progress(client, qpm, drawn):
    audit, _samples = drawn
    page = client.get(reverse("home")).content.decode()
    assert "Quality audits in progress" in page
    assert reverse("dashboards:audit", args=[audit.pk]) in page


def test_the_audit_pages_run_a_fixed_number_of_queries(
    client, drawn, django_assert_max_num_queries, team_a, officer
):
    audit, samples = drawn
    for sample in samples:
        url = _case_url(audit, sample)
        client.post(url, _all_yes(_version(client, url)))
    with django_assert_max_num_queries(14):
        client.get(reverse("dashboards:audit", args=[audit.pk]))
    with django_assert_max_num_queries(14):
        client.get(reverse("dashboards:ratings", args=[audit.pk]))
