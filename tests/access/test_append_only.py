"""The access log keeps every row as written: no update, no delete, by any route."""

import pytest

from crc.access.models import AccessKind, AccessLog, AppendOnlyError
from crc.access.services import access_log_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(officer, case):
    return access_log_record(
        kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case, method="GET"
    )


def test_it_refuses_to_save_an_existing_row_again(row):
    row.reason = "tidied up"
    with pytest.raises(AppendOnlyError):
        row.save()
    assert AccessLog.objects.get(pk=row.pk).reason == ""


def test_it_refuses_to_delete_a_row(row):
    with pytest.raises(AppendOnlyError):
        row.delete()
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_it_refuses_queryset_updates(row):
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).update(reason="tidied up")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().update(kind=AccessKind.CHANGE)
    assert AccessLog.objects.get(pk=row.pk).kind == AccessKind.VIEW


def test_it_refuses_queryset_deletes(row):
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.count() == 1


def test_it_keeps_the_username_and_crn_as_text(row, officer, case):
    assert (row.username, row.case_crn, row.case_id) == (officer.username, case.crn, case.pk)
