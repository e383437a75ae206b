"""The inbox pages: who sees what, marking read, redirects and query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from crc import navigation
from crc.notifications.models import Notification
from tests.conftest import Personas, sign_in
from tests.permissions import as_persona, persona_matrix

INBOX = reverse("notifications:inbox")


def _notify(recipient, n: int = 1, **fields) -> list[Notification]:
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=recipient,
            subject=fields.get("subject", f"Notification {i}"),
            body=fields.get("body", ""),
            url=fields.get("url", ""),
            category="test",
            created_at=now - dt.timedelta(minutes=i),
            read_at=fields.get("read_at"),
        )
        for i in range(n)
    )


def test_signing_in_is_required(client, db):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_inbox_lists_my_notifications_newest_first_with_new_ones_tagged(
    client, officer, colleague
):
    _notify(officer, subject="Older", read_at=timezone.now())
    Notification.objects.filter(subject="Older").update(
        created_at=timezone.now() - dt.timedelta(days=1)
    )
    _notify(officer, subject="Newer")
    _notify(colleague, subject="Someone else's")
    sign_in(client, officer)

    response = client.get(INBOX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Someone else&#39;s" not in html and "Someone else's" not in html
    # One tag, on the unread one only.
    assert re.findall(r'<strong class="govuk-tag[^"]*">\s*(\w+)\s*</strong>', html) == ["New"]


def test_the_inbox_pages_by_25(client, officer):
    _notify(officer, 30)
    sign_in(client, officer)

    first = client.get(INBOX).content.decode()
    second = client.get(INBOX, {"page": 2}).content.decode()

    assert "Notification 0" in first and "Notification 24" in first
    assert "Notification 25" not in first
    assert "Notification 25" in second and "Notification 29" in second
    assert "govuk-pagination" in first


@pytest.mark.parametrize("rows", [5, 50])
def test_the_inbox_query_count_does_not_grow_with_rows(
    client, officer, rows, django_assert_max_num_queries
):
    _notify(officer, rows)
    sign_in(client, officer)
    # session, user, page count, page rows, unread count (an EXISTS first, then, as
    # something is unread, the access-checked count: crc/notifications/selectors.py);
    # then the session save the test settings make on every request (savepoint, update,
    # release inside a test).
    with django_assert_max_num_queries(9):
        response = client.get(INBOX)
    assert response.status_code == 200


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, officer):
    (notification,) = _notify(officer, url="/cases/12/")
    sign_in(client, officer)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/cases/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_without_a_link_goes_back_to_the_inbox(client, officer):
    (notification,) = _notify(officer)
    sign_in(client, officer)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response["Location"] == INBOX


def test_a_link_that_leaves_the_service_is_never_followed(client, officer):
    # Written past the validators (e.g. by a bad migration): the view checks again.
    (notification,) = _notify(officer, url="//evil.example/phish")
    sign_in(client, officer)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response["Location"] == INBOX


@persona_matrix(
    {
        "colleague": 302,
        "officer": 404,
        "spo": 404,
        "area_manager": 404,
        "service_centre": 404,
        "administrator": 404,
    }
)
def test_only_the_recipient_may_open_a_notification(client, personas, persona, expected):
    (notification,) = _notify(personas.colleague)

    response = as_persona(client, personas, persona).post(
        reverse("notifications:read", args=[notification.pk])
    )

    assert response.status_code == expected
    notification.refresh_from_db()
    assert (notification.read_at is not None) == (persona == "colleague")


@persona_matrix({name: 200 for name in Personas.people()})
def test_everyone_who_signs_in_has_an_inbox(client, personas, persona, expected):
    assert as_persona(client, personas, persona).get(INBOX).status_code == expected


def test_marking_read_needs_a_post(client, officer):
    (notification,) = _notify(officer)
    sign_in(client, officer)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_mark_all_as_read(client, officer, colleague):
    _notify(officer, 3)
    _notify(colleague, 2)
    sign_in(client, officer)

    response = client.post(reverse("notifications:read_all"))

    assert response["Location"] == INBOX
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 2


def test_the_header_counts_my_unread_notifications(rf, officer, colleague):
    _notify(officer, 3)
    _notify(officer, 1, read_at=timezone.now())
    _notify(colleague, 2)
    request = rf.get("/")
    request.user = officer
    assert navigation.unread_count(request) == 3


def test_the_inbox_is_in_everyones_navigation(rf, officer):
    request = rf.get(INBOX)
    request.user = officer
    inbox = [item for item in navigation.items_for(request) if item["text"] == "Inbox"]
    assert inbox == [{"href": INBOX, "text": "Inbox", "active": True}]
