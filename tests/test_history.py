"""crc.history: the save helpers every service writes through name the author in the
history row and keep the caller's transaction usable when a unique key refuses a row."""

import pytest
from django.db import transaction

from cases.models import Case
from crc.domain import DomainError
from crc.history import save_as, save_new_once
from tests.factories import CaseFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_save_as_names_the_author_in_the_history_row():
    case = CaseFactory()
    officer = StaffFactory(team=case.team)
    case.first_name = "Changed"
    assert save_as(case, officer) is case
    latest = case.history.latest()
    assert (latest.first_name, latest.history_user) == ("Changed", officer)


def test_save_new_once_raises_the_callers_error_and_leaves_the_transaction_usable():
    existing = CaseFactory()
    officer = StaffFactory(team=existing.team)
    twin = CaseFactory.build(crn=existing.crn, team=existing.team)
    with transaction.atomic():
        with pytest.raises(DomainError, match="already"):
            save_new_once(twin, officer, refused=DomainError("This case is already recorded"))
        assert Case.objects.filter(crn=existing.crn).count() == 1
