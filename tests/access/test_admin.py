"""The access log in the Django admin: visible to administrators, changeable by no one."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from crc.access.models import AccessKind, AccessLog
from crc.access.services import access_log_record
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def log_rows(staff, case, count: int) -> None:
    for _ in range(count):
        access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=staff, case=case)


def test_administrator_lists_the_log_in_bounded_queries(
    client, administrator, officer, case, django_assert_max_num_queries
):
    sign_in(client, administrator)
    log_rows(officer, case, 5)
    with django_assert_max_num_queries(12):
        small = client.get(reverse("admin:access_accesslog_changelist"))
    assert small.status_code == 200
    log_rows(officer, case, 40)
    with django_assert_max_num_queries(12):
        large = client.get(reverse("admin:access_accesslog_changelist"))
    assert large.status_code == 200
    assert case.crn in large.content.decode()


@pytest.mark.parametrize(
    "query", ["?q=A123456", "?kind__exact=view", "?at__year=2020", "?q=officer"]
)
def test_administrator_filters_and_searches_the_log(client, administrator, officer, case, query):
    sign_in(client, administrator)
    log_rows(officer, case, 2)
    assert client.get(reverse("admin:access_accesslog_changelist") + query).status_code == 200


def test_nobody_can_add_change_or_delete_a_row_even_a_superuser(administrator, officer, case):
    assert administrator.is_superuser
    model_admin = site._registry[AccessLog]
    request = RequestFactory().get("/admin/")
    request.user = administrator
    row = access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case)
    assert model_admin.has_view_permission(request, row)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)


def test_the_change_page_is_read_only_and_posts_change_nothing(
    client, administrator, officer, case
):
    sign_in(client, administrator)
    row = access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case)
    url = reverse("admin:access_accesslog_change", args=[row.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    response = client.post(url, {"reason": "rewritten", "kind": "change"})
    assert response.status_code == 403
    row = AccessLog.objects.get(pk=row.pk)
    assert (row.kind, row.reason) == (AccessKind.VIEW, "")


def test_delete_and_add_pages_are_refused(client, administrator, officer, case):
    sign_in(client, administrator)
    row = access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case)
    assert client.post(reverse("admin:access_accesslog_delete", args=[row.pk])).status_code == 403
    assert client.get(reverse("admin:access_accesslog_add")).status_code == 403
    changelist = client.post(
        reverse("admin:access_accesslog_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert changelist.status_code == 200
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_service_centre_cannot_open_the_log_in_the_admin(client, service_centre):
    sign_in(client, service_centre)
    response = client.get(reverse("admin:access_accesslog_changelist"))
    assert response.status_code == 403
