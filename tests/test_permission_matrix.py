"""The permission matrix: every URL pattern, every persona, every partner type.

The URL conf is walked (crc.access.marks.walk); each pattern is filled with the
officer's case, a restricted case and a case out of scope, and every person's answer is
compared with tests/permission_matrix_table.py. All mismatches are collected and
reported together; a pattern with no row in the table is a mismatch naming it.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from crc.access.marks import walk
from crc.organisation.models import Role
from tests import permission_matrix_admin_table as admin_table
from tests import permission_matrix_table as table
from tests.conftest import sign_in
from tests.factories import (
    AuditSampleFactory,
    ContactFactory,
    ContactLevelDecisionFactory,
    EscalationFactory,
    InformationRequestFactory,
    InterventionServiceFactory,
    NotificationFactory,
    OrderFactory,
    PlanActionFactory,
    ReferralFactory,
    RegistrationFactory,
    ReviewFactory,
    ServiceCentreTaskFactory,
    StaffFactory,
)
from tests.factories.unpaidwork import (
    NominationFactory,
    ProjectSessionFactory,
    UnpaidWorkOrderFactory,
)

SATELLITES = {
    "uw_coordinator": Role.UNPAID_WORK_COORDINATOR,
    "uw_supervisor": Role.UNPAID_WORK_SUPERVISOR,
    "resettlement_worker": Role.RESETTLEMENT_WORKER,
    "provider_caseworker": Role.PROVIDER_CASEWORKER,
}


def classify(response) -> object:
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "")
        if "login" in location and "two-factor" not in location:
            return table.LOGIN
        if "/reason/" in location:
            return table.REASON
        return "redirect"
    return response.status_code


def _objects(personas) -> dict[str, int]:
    """One object of each kind on the officer's case, for the `<int:...>` parts."""
    case = personas.case
    police = personas.partner("police").organisation
    contact = ContactFactory(case=case, outcome="unacceptable_absence")
    return {
        "order_id": OrderFactory(case=case).pk,
        "registration_id": RegistrationFactory(case=case).pk,
        "decision_id": ContactLevelDecisionFactory(case=case, status="pending").pk,
        "escalation_id": EscalationFactory(case=case).pk,
        "request_id": InformationRequestFactory(case=case, partner_organisation=police).pk,
        "pk": InformationRequestFactory(case=case, partner_organisation=police).pk,
        "action_id": PlanActionFactory(objective__plan__case=case).pk,
        "contact_id": contact.pk,
        "review_id": ReviewFactory(case=case).pk,
        "task_id": ServiceCentreTaskFactory(case=case).pk,
        "notification_id": NotificationFactory(recipient=personas.officer).pk,
        **_unpaid_work_objects(),
        "referral_id": ReferralFactory(case=case).pk,
        "service_id": InterventionServiceFactory().pk,
        # Through the Gate: one of the seven pathways.
        "pathway": "health",
        **_audit_objects(case),
    }


def _audit_objects(case) -> dict[str, object]:
    sample = AuditSampleFactory(case=case)
    return {"audit_id": sample.audit_id, "sample_id": sample.pk, "standard": "2.1"}


def _unpaid_work_objects() -> dict[str, int]:
    session = ProjectSessionFactory(supervisor=None)
    return {
        "session_id": session.pk,
        "project_id": session.project_id,
        "uw_order_id": UnpaidWorkOrderFactory().pk,
        "nomination_id": NominationFactory().pk,
    }


def _fill(route: str, values: dict[str, object]) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    return "/" + path.replace("^.*$", "anything-else/")


def _people(personas) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for name in table.STAFF:
        person = (
            StaffFactory(username=name, role=SATELLITES[name], team=personas.case.team)
            if name in SATELLITES
            else personas[name]
        )
        clients[name] = Client()
        sign_in(clients[name], person)
    return clients


def _case_answer(row: dict, person: str, case_key: str):
    if person == "anonymous":
        return table.LOGIN
    if row["post_only"]:
        return table.NA  # the method is refused before the case is looked up
    if person not in table.ACTORS[row["actors"]][case_key]:
        return table.NF
    if person == "administrator":
        return table.REASON
    if row["object"] and case_key != "case":
        return table.NF  # another case's object under this CRN
    allowed = row["allowed"]
    return allowed.get(case_key, table.OK) if isinstance(allowed, dict) else allowed


def missing_rows(routes) -> list[str]:
    return [
        f"{route}: no row in tests/permission_matrix_table.py"
        for route in routes
        if route not in table.ROUTES
    ]


def test_a_new_url_with_no_row_in_the_table_is_reported_by_name():
    routes = [route for route, _ in walk() if not route.startswith(("admin/", "_errors/"))]
    assert missing_rows(routes) == []
    assert missing_rows([*routes, "cases/<str:crn>/new-thing/"]) == [
        "cases/<str:crn>/new-thing/: no row in tests/permission_matrix_table.py"
    ]


@pytest.mark.django_db
def test_every_url_answers_every_person_as_designed(personas):
    ids = _objects(personas)
    clients = _people(personas)
    # Tokens that outlive the walk: on a busy machine it takes longer than a 10-minute token.
    partners = {
        kind: personas.partner(kind).client(expires_in=3600) for kind in table.PARTNER_TYPES
    }
    mismatches = []

    def check(route, who, url, expected, client):
        got = classify(client.get(url))
        if got != expected:
            mismatches.append(f"{route} as {who} ({url}): expected {expected}, got {got}")

    for route, _pattern in walk():
        if route.startswith("admin/") or route.startswith("_errors/"):
            continue
        row = table.ROUTES.get(route)
        if row is None:
            mismatches.extend(missing_rows([route]))
            continue
        if row["kind"] == "case":
            for case_key in table.CASES:
                url = _fill(route, {**ids, "crn": personas[case_key].crn})
                for person, client in clients.items():
                    check(route, person, url, _case_answer(row, person, case_key), client)
        elif row["kind"] == "reason":
            for case_key in table.CASES:
                url = _fill(route, {**ids, "crn": personas[case_key].crn})
                for person, client in clients.items():
                    expected = (
                        table.LOGIN
                        if person == "anonymous"
                        else (table.OK if person in table.READERS[case_key] else table.NF)
                    )
                    check(route, person, url, expected, client)
        elif row["kind"] == "page":
            url = _fill(route, {**ids, "uidb64": "MQ", "token": "set-password"})
            for person, client in clients.items():
                check(route, person, url, row["answers"].get(person, row["default"]), client)
        else:
            answers = table.API_ROUTES[route]
            url = _fill(route, ids)
            check(route, "anonymous", url, answers["anonymous"], Client())
            check(route, "staff (session)", url, answers["staff"], clients["officer"])
            for kind, client in partners.items():
                check(route, f"{kind} partner", url, answers[kind], client)

    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        label = model._meta.label_lower
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        designed = admin_table.ADMIN_CHANGELISTS.get(label)
        if designed is None:
            mismatches.append(f"admin changelist {label}: no row in ADMIN_CHANGELISTS")
            continue
        for person, client in clients.items():
            expected = designed.get(person, table.LOGIN)
            check(f"admin changelist {label}", person, url, expected, client)
    for case_key in table.CASES:
        url = reverse("admin:cases_case_change", args=[personas[case_key].pk])
        for person, client in clients.items():
            expected = admin_table.ADMIN_CASE_CHANGE[case_key].get(person, table.LOGIN)
            check("admin case change page", person, url, expected, client)

    assert not mismatches, "\n".join(mismatches)
