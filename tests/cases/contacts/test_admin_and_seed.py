"""The contacts admin (scoped, read-only, logged) and the demo histories."""

import subprocess
import sys

import pytest
from django.urls import reverse

from cases.models import (
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Contact,
    EnforcementAction,
    ServiceCentreTask,
    SignificantChange,
)
from crc.access.models import AccessLog
from tests.cases.contacts.conftest import make_contact
from tests.cases.helpers import ADMIN_REASON, give_admin_reason
from tests.conftest import sign_in
from tests.factories import CaseAccessEntryFactory

pytestmark = pytest.mark.django_db

MODELS = [Appointment, Contact, EnforcementAction, SignificantChange]
# The administrator (a superuser) is used here: the service centre's view permission on
# these models needs lines in crc/organisation/roles.py (asked for in the report).


def admin_url(model, view, *args):
    return reverse(f"admin:cases_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS)
def test_each_changelist_renders(client, administrator, model):
    sign_in(client, administrator)
    assert client.get(admin_url(model, "changelist")).status_code == 200


def test_a_contact_page_is_logged_and_read_only(client, administrator, supervised):
    contact = make_contact(supervised, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    sign_in(client, administrator)
    give_admin_reason(client, supervised)
    response = client.get(admin_url(Contact, "change", contact.pk))
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert (row.page, row.reason) == ("admin:cases_contact_change", ADMIN_REASON)
    assert client.post(admin_url(Contact, "change", contact.pk), {}).status_code == 403
    assert client.get(admin_url(Contact, "add")).status_code == 403


def test_an_excluded_case_is_absent_and_404(client, administrator, supervised):
    contact = make_contact(supervised, summary="Hidden from the neighbour")
    CaseAccessEntryFactory(
        case=supervised, staff=administrator, kind="exclusion", reason="Neighbour"
    )
    sign_in(client, administrator)
    assert client.get(admin_url(Contact, "change", contact.pk)).status_code == 404
    assert client.get(admin_url(Contact, "history", contact.pk)).status_code == 404
    assert contact.case.crn not in client.get(admin_url(Contact, "changelist")).content.decode()


def test_the_admin_module_imports_in_either_order():
    # cases/admin.py imports this module; importing this one first must work too.
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'crc.settings_test');"
        "django.setup(); import cases.contacts.admin as a;"
        "print(a.ContactAdmin.__mro__[1].__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().endswith("CaseRecordAdmin"), result.stderr[-2000:]


def test_the_demo_seeder_writes_realistic_histories(db):
    from cases.contacts.demo_seed import seed_contacts
    from cases.demo_seed import seed_cases
    from crc.organisation.demo_seed import seed_organisation
    from tests.demo import quiet_demo_context

    ctx = quiet_demo_context(7)
    seed_organisation(ctx)
    seed_cases(ctx)
    seed_contacts(ctx)
    assert Contact.objects.filter(outcome=AttendanceOutcome.ATTENDED_COMPLIED).exists()
    assert Contact.objects.filter(outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE).exists()
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).exists()
    assert EnforcementAction.objects.filter(kind="warning").exists()
    assert ServiceCentreTask.objects.filter(source_key__startswith="enforcement:").exists()
    # Every contact from an appointment points at one that is closed.
    assert not Contact.objects.filter(appointment__status=AppointmentStatus.BOOKED).exists()
    before = Contact.objects.count()
    seed_contacts(ctx)  # idempotent
    assert Contact.objects.count() == before
