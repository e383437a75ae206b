"""What the case page and admin tests share: signing in, posting dates, counting what
a form could write, and reading error pages."""

import datetime as dt

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from cases.models import (
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    CriminogenicNeed,
    DeadlinePolicy,
    Escalation,
    GridRule,
    InterventionSuggestion,
    LicenceCondition,
    Order,
    Registration,
    RegistrationPolicy,
    Requirement,
    ServiceCentreTask,
)
from crc.access.models import AccessLog
from crc.notifications.models import OutboxMessage
from crc.organisation.models import Role
from tests import conftest

ERROR_SUMMARY = "govuk-error-summary"


# --- Helpers -------------------------------------------------------------------------------


def date_data(name: str, day: dt.date) -> dict:
    """A date as the GOV.UK three boxes post it (crc.forms_adapter.GovukDateInput)."""
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def order_data(order_type: str, offence: str, *, sentenced, starts, ends, released=None) -> dict:
    """The add-an-order form as posted; the release date only when given."""
    data = {
        "order_type": order_type,
        **date_data("sentence_date", sentenced),
        **date_data("start_date", starts),
        **date_data("expected_end_date", ends),
        "index_offence": offence,
    }
    if released is not None:
        data.update(date_data("release_date", released))
    return data


def sign_in(client, user, *, reason_for: Case | None = None):
    """Sign in; an administrator also states why they open the case (DPA 2018 s.62)."""
    conftest.sign_in(client, user)
    if reason_for is not None and user.role == Role.ADMINISTRATOR:
        response = client.post(
            reverse("cases:reason", args=[reason_for.crn]),
            {"reason": "Support ticket 4471: checking the record"},
        )
        assert response.status_code == 302
    return client


# The records of a case that its pages and forms write.
CASE_RECORDS = [
    Case,
    Order,
    Requirement,
    Allocation,
    Registration,
    CriminogenicNeed,
    ContactLevelDecision,
    Escalation,
    CaseAccessEntry,
    ServiceCentreTask,
]


def case_page(client, user, url_name: str, case: Case) -> str:
    """Sign in as `user` and return the HTML of the case's page `url_name`."""
    sign_in(client, user)
    return client.get(reverse(url_name, args=[case.crn])).content.decode()


def snapshot() -> dict:
    """Row counts of everything a form could write, history included."""
    models = [*CASE_RECORDS, OutboxMessage]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in models:
        if hasattr(model, "history"):
            counts[f"history:{model.__name__}"] = model.history.count()
    return counts


def assert_error_page(response, *messages: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert ERROR_SUMMARY in html
    assert "<title>Error: " in html
    for message in messages:
        assert message in html, message
    return html


def post_refused(client, url: str, data: dict, *messages: str) -> str:
    """Post a form the service must turn down: the error page shows every message and
    nothing a form could write (snapshot()) has changed. Returns the page's HTML."""
    before = snapshot()
    html = assert_error_page(client.post(url, data), *messages)
    assert snapshot() == before
    return html


def denied_rows() -> int:
    return AccessLog.objects.filter(kind="denied").count()


# Every case model in the admin: the records, licence conditions and the settings.
CASE_MODELS = [
    *CASE_RECORDS,
    LicenceCondition,
    GridRule,
    RegistrationPolicy,
    DeadlinePolicy,
    InterventionSuggestion,
]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:cases_{model._meta.model_name}_{view}", args=args)


def mark_done(client, task: ServiceCentreTask):
    """Tick the task on the service centre's task list in the admin and run "mark done"."""
    return client.post(
        admin_url(ServiceCentreTask, "changelist"),
        {"action": "mark_done", ACTION_CHECKBOX_NAME: [str(task.pk)]},
    )


def person_form(case: Case, **changes) -> dict:
    data = {
        "first_name": case.first_name,
        "last_name": case.last_name,
        "preferred_name": case.preferred_name,
        "date_of_birth": case.date_of_birth.isoformat(),
        "sex": case.sex,
        "gender_identity": case.gender_identity,
        "ethnicity": case.ethnicity,
        "disability": "unknown",
        "disability_details": "",
        "reasonable_adjustments": "",
        "religion": "",
        "first_language": "",
        "caring_responsibilities": "",
        "address": "",
        "postcode": "",
        "accommodation_status": "",
        "employment_status": "",
        "phone": "",
        "email": "",
        "orders-TOTAL_FORMS": "0",
        "orders-INITIAL_FORMS": "0",
        "orders-MIN_NUM_FORMS": "0",
        "orders-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


ADMIN_REASON = "Support: checking a record the service desk asked about"


def give_admin_reason(client, case) -> None:
    """State a reason for a case in the admin, as an administrator must before it shows
    them the case (crc.access: relationship or reason)."""
    response = client.post(admin_url(Case, "reason", case.pk), {"reason": ADMIN_REASON})
    assert response.status_code == 302, response.status_code
