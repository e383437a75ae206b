"""Every form that edits an existing record refuses a stale save (crc.stale, ADR 0008).

Tried as two people would: both open the same form (the same version), the first saves,
the second saves something else. The second is refused with a clear message and what
is saved now, their answers stay in the form, nothing of theirs is written, and the
first save's values are still what the database holds.

One row of FORMS per form: how to set the record up, where the page that carries the
version is, the two submissions, and what the first one must have left behind.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from cases.models import (
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    ContactLevelStatus,
    Escalation,
    NeedArea,
    Registration,
    Requirement,
)
from cases.risk import services as risk_services
from tests.cases.helpers import admin_url, date_data, person_form, sign_in, snapshot

STALE = "Someone else saved a change to this"
VERSION = re.compile(r'name="version"[^>]*value="([0-9a-f]+)"')


@dataclass
class Stale:
    """One form under test; the callables take the test's `request` to reach fixtures."""

    user: str
    url: object  # (request) -> the form's URL
    first: dict
    second: dict
    saved: object  # (request) -> None, asserts the first save's values are in the database
    history: object  # (request) -> how many history rows the edited record has
    page: object = None  # (request) -> the URL of the page carrying the version, if not `url`
    shows: list[str] = field(default_factory=list)  # on the refusal: what is saved now
    follow: bool = False  # a button refused with a banner on the page it came from
    # History rows the first save writes: one, except where a new contact level also
    # closes the one it replaces (two rows: the new level and the old one superseded).
    grew: int = 1


def _case(request) -> Case:
    return request.getfixturevalue("supervised_case")


def _crn_url(name):
    return lambda request: reverse(name, args=[_case(request).crn])


def _person_saved(request):
    case = Case.objects.get(pk=_case(request).pk)
    assert (case.phone, case.email) == ("0700 900 111", "")


def _case_history(request) -> int:
    return Case.history.filter(id=_case(request).pk).count()


def _risk_saved(request):
    case = Case.objects.get(pk=_case(request).pk)
    assert (case.rosh_children, case.rosh_staff) == ("medium", "low")


def _needs_data(strengths: str) -> dict:
    return {f"need_{area.value}": "none" for area in NeedArea} | {"strengths": strengths}


def _registration(request) -> Registration:
    return request.getfixturevalue("registration")


def _registration_url(name):
    def url(request):
        registration = _registration(request)
        return reverse(name, args=[_case(request).crn, registration.pk])

    return url


def _registration_history(request) -> int:
    return Registration.history.filter(id=_registration(request).pk).count()


def _reviewed(request):
    registration = Registration.objects.get(pk=_registration(request).pk)
    assert registration.next_review_date > dt.date.today()


def _ended(request):
    registration = Registration.objects.get(pk=_registration(request).pk)
    assert registration.end_reason == "Risk has reduced"


def _levels_history(request) -> int:
    return ContactLevelDecision.history.filter(case_id=_case(request).pk).count()


def _escalation(request) -> Escalation:
    return request.getfixturevalue("escalation")


def _requirements_url(request):
    case = _case(request)
    return reverse("cases:requirement_add", args=[case.crn, case.orders.get().pk])


def _access_saved(request):
    entries = CaseAccessEntry.objects.filter(case=_case(request))
    assert [e.staff for e in entries] == [request.getfixturevalue("colleague")]


def _decision(request) -> ContactLevelDecision:
    return request.getfixturevalue("pending_reduction")


FORMS = {
    "person details": Stale(
        user="officer",
        url=_crn_url("cases:person_edit"),
        first={"phone": "0700 900 111"},
        second={"phone": "0700 900 222", "email": "new@example.com"},
        saved=_person_saved,
        history=_case_history,
        shows=["0700 900 111"],
    ),
    "person details in the admin": Stale(
        user="service_centre",
        url=lambda request: admin_url(Case, "change", _case(request).pk),
        first={"phone": "0700 900 111"},
        second={"phone": "0700 900 222"},
        saved=_person_saved,
        history=_case_history,
        shows=["Phone is now: 0700 900 111"],
    ),
    "a requirement added to an order": Stale(
        user="officer",
        url=_requirements_url,
        first={"requirement_type": "curfew", "length": "3"},
        second={"requirement_type": "exclusion", "length": "6"},
        saved=lambda request: Requirement.objects.get(requirement_type="curfew"),
        history=lambda request: Requirement.history.count(),
        shows=["Curfew"],
    ),
    "risk of serious harm and scores": Stale(
        user="officer",
        url=_crn_url("cases:risk_edit"),
        first={"rosh_children": "medium"},
        second={"rosh_staff": "high"},
        saved=_risk_saved,
        history=_case_history,
        shows=["Risk to children"],
    ),
    "needs": Stale(
        user="officer",
        url=_crn_url("cases:needs_edit"),
        first=_needs_data("Family support"),
        second=_needs_data("A steady job"),
        saved=lambda request: Case.objects.get(pk=_case(request).pk, strengths="Family support"),
        history=_case_history,
        shows=["Family support"],
    ),
    "registration review": Stale(
        user="officer",
        url=_registration_url("cases:registration_review"),
        first={},
        second={},
        saved=_reviewed,
        history=_registration_history,
        shows=["Next review date"],
    ),
    "registration end": Stale(
        user="officer",
        url=_registration_url("cases:registration_end"),
        first={"reason": "Risk has reduced"},
        second={"reason": "Moved away"},
        saved=_ended,
        history=_registration_history,
        shows=["Risk has reduced"],
    ),
    "contact level change": Stale(
        user="officer",
        url=_crn_url("cases:contact_level_change"),
        first={"contacts": "2", "period_days": "7", "face_to_face": "1", "reason": "Unsettled"},
        second={"contacts": "1", "period_days": "7", "face_to_face": "0", "reason": "Settled"},
        saved=lambda request: ContactLevelDecision.objects.get(
            case=_case(request), status=ContactLevelStatus.ACTIVE, contacts=2
        ),
        history=_levels_history,
        grew=2,
        shows=["Contact level in force"],
    ),
    "apply the Grid": Stale(
        user="officer",
        url=_crn_url("cases:contact_level_apply_grid"),
        page=_crn_url("cases:risk"),
        first={},
        second={},
        saved=lambda request: ContactLevelDecision.objects.get(
            case=_case(request), status=ContactLevelStatus.ACTIVE, source="grid"
        ),
        history=_levels_history,
        grew=2,
        shows=["The Grid was not applied", "Contact level in force"],
        follow=True,
    ),
    "contact level decision": Stale(
        user="spo",
        url=lambda request: reverse(
            "cases:contact_level_decide", args=[_case(request).crn, _decision(request).pk]
        ),
        page=_crn_url("cases:risk"),
        first={"decision": "approve", "note": ""},
        second={"decision": "decline", "note": "Not yet"},
        saved=lambda request: ContactLevelDecision.objects.get(
            pk=_decision(request).pk, status=ContactLevelStatus.ACTIVE
        ),
        history=_levels_history,
        # Approving also supersedes the level that was in force, with its own history row.
        grew=2,
        shows=["Change waiting for approval"],
    ),
    "escalation progress": Stale(
        user="spo",
        url=lambda request: reverse(
            "cases:escalation_progress", args=[_case(request).crn, _escalation(request).pk]
        ),
        first={"to_status": "referred", "note": "Referral sent"},
        second={"to_status": "closed", "note": "Not needed after all"},
        saved=lambda request: Escalation.objects.get(pk=_escalation(request).pk, status="referred"),
        history=lambda request: Escalation.history.filter(id=_escalation(request).pk).count(),
        shows=["Referred", "Referral sent"],
    ),
    "allocation": Stale(
        user="spo",
        url=_crn_url("cases:allocate"),
        first={"officer": "colleague", "reason": "Balancing the caseload"},
        second={"officer": "pso", "reason": "Lower risk now"},
        saved=lambda request: Case.objects.get(
            pk=_case(request).pk, responsible_officer=request.getfixturevalue("colleague")
        ),
        history=_case_history,
        shows=["Responsible officer"],
    ),
    "access lists": Stale(
        user="spo",
        url=_crn_url("cases:access_lists"),
        first={"staff": "colleague", "kind": "exclusion", "reason": "Knows the family"},
        second={"staff": "other_officer", "kind": "exclusion", "reason": "Neighbour"},
        saved=_access_saved,
        history=lambda request: CaseAccessEntry.objects.count(),
        shows=["Exclusion list"],
    ),
}


def _prepare(name: str, request) -> None:
    """Bring the record to a state where the two saves change only what they name."""
    case = _case(request)
    officer = request.getfixturevalue("officer")
    if name == "risk of serious harm and scores":
        values = {"rosh_overall": "medium", "rosh_children": "low", "rosh_staff": "low"}
        risk_services.risk_record(case=case, by=officer, rosh_assessed_on=dt.date.today(), **values)
    elif name == "needs":
        risk_services.needs_record(case=case, by=officer, needs={a.value: "none" for a in NeedArea})
    elif name == "registration review":
        Registration.objects.filter(pk=_registration(request).pk).update(
            next_review_date=dt.date.today()
        )
    elif name in ("contact level change", "apply the Grid"):
        request.getfixturevalue("weekly_level")
    elif name == "contact level decision":
        _decision(request)
    elif name == "escalation progress":
        _escalation(request)


def _form_data(name: str, spec: Stale, request, values: dict) -> dict:
    case = Case.objects.get(pk=_case(request).pk)
    data = {
        key: request.getfixturevalue(value).pk if key in ("officer", "staff") else value
        for key, value in values.items()
    }
    if name == "person details":
        three_boxes = date_data("date_of_birth", case.date_of_birth)
        return person_form(case) | three_boxes | data
    if name == "person details in the admin":
        return person_form(case) | data
    if name == "risk of serious harm and scores":
        base = {"rosh_overall": "medium", "rosh_public": "", "rosh_known_adult": ""}
        base |= {"rosh_children": "low", "rosh_staff": "low", "ogrs_score": "", "rsr_score": ""}
        base |= {"mappa_category": "", "mappa_level": ""}
        return base | date_data("rosh_assessed_on", dt.date.today()) | data
    return data


@pytest.mark.parametrize("name", FORMS)
def test_the_second_of_two_saves_from_the_same_version_is_refused_and_nothing_is_lost(
    client, request, supervised_case, name
):
    spec = FORMS[name]
    _prepare(name, request)
    sign_in(client, request.getfixturevalue(spec.user))
    url = spec.url(request)
    page = client.get(spec.page(request) if spec.page else url)
    assert page.status_code == 200
    version = VERSION.search(page.content.decode()).group(1)
    first = _form_data(name, spec, request, spec.first) | {"version": version}
    second = _form_data(name, spec, request, spec.second) | {"version": version}
    history_before = spec.history(request)

    saved = client.post(url, first)
    assert saved.status_code == 302, saved.content.decode().split("error-summary__list")[-1][:600]
    assert spec.history(request) == history_before + spec.grew
    after_first = snapshot()

    refused = client.post(url, second, follow=spec.follow)

    assert refused.status_code == 200
    html = refused.content.decode()
    assert STALE in html
    for text in spec.shows:
        assert text in html, text
    assert snapshot() == after_first
    spec.saved(request)


def test_the_stale_person_page_keeps_the_answers_and_moves_the_version_on(
    client, request, supervised_case
):
    """Saving again from the refusal is a deliberate choice, and it then succeeds."""
    spec = FORMS["person details"]
    case = _case(request)
    sign_in(client, request.getfixturevalue("officer"))
    url = spec.url(request)
    version = VERSION.search(client.get(url).content.decode()).group(1)
    client.post(url, _form_data("person details", spec, request, spec.first) | {"version": version})
    mine = _form_data("person details", spec, request, spec.second) | {"version": version}

    refused = client.post(url, mine).content.decode()

    assert 'value="0700 900 222"' in refused and 'value="new@example.com"' in refused
    assert "What is saved now" in refused
    newer = VERSION.search(refused).group(1)
    assert newer != version
    again = client.post(url, mine | {"version": newer})
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.phone, case.email) == ("0700 900 222", "new@example.com")
