"""Accounts (issue 9, findings 2 and 10): nobody sets another person's password, an
administrator sends a one-time link instead, role and team-management changes are an
administrator's, nobody edits their own grants, and breached passwords are refused."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from crc.organisation.models import PartnerType, Role, SecurityEvent
from tests.conftest import sign_in
from tests.factories import PartnerOrganisationFactory
from tests.organisation.helpers import staff_admin_action, staff_form

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


# --- Nobody sets another person's password -----------------------------------------


@pytest.mark.parametrize("actor", ["service_centre", "administrator"])
def test_nobody_sets_another_persons_password_in_the_admin(client, request, actor, officer):
    client.force_login(request.getfixturevalue(actor))
    url = reverse("admin:auth_user_password_change", args=[officer.pk])

    page = client.get(url)
    posted = client.post(url, {"password1": "Taken-over-2026!", "password2": "Taken-over-2026!"})

    assert page.status_code == 403
    assert posted.status_code == 403
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
    change_page = client.get(reverse("admin:organisation_staff_change", args=[officer.pk]))
    assert b"/password/" not in change_page.content


def test_a_new_account_has_no_password_until_the_person_sets_one(client, administrator, team_a):
    client.force_login(administrator)

    client.post(
        reverse("admin:organisation_staff_add"),
        {
            "username": "newstarter",
            "first_name": "New",
            "last_name": "Starter",
            "email": "new@crc.example",
            "role": Role.PROBATION_OFFICER,
            "team": team_a.pk,
        },
    )

    from crc.organisation.models import Staff

    assert not Staff.objects.get(username="newstarter").has_usable_password()


def send_link(client, person):
    return staff_admin_action(client, "send_password_link", person)


def test_an_administrator_sends_a_one_time_link_and_the_person_chooses_a_password(
    client, administrator, officer, django_capture_on_commit_callbacks
):
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        send_link(client, officer)

    officer.refresh_from_db()
    assert not officer.has_usable_password()  # the old password no longer signs in
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [officer.email]
    link = re.search(r"http://testserver(/account/reset/\S+/)", mail.outbox[0].body)[1]
    assert link not in str(SecurityEvent.objects.values_list("detail", flat=True))
    person = client.__class__()
    # Django's confirm view moves the token into the session, then shows the form.
    form_page = person.get(link, follow=True)
    assert "Set your password" in form_page.content.decode()
    done = person.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lantern-Orchid-Quiet-47", "new_password2": "Lantern-Orchid-Quiet-47"},
    )
    assert done.status_code == 302 and done["Location"] == "/login/"
    officer.refresh_from_db()
    assert officer.check_password("Lantern-Orchid-Quiet-47")
    # The link never signs anyone in, and it works once.
    assert "_auth_user_id" not in person.session
    again = person.get(link, follow=True)
    assert "This link has expired or has been used" in again.content.decode()
    assert SecurityEvent.objects.filter(kind="password_link", staff=officer).count() == 1


def test_the_service_centre_cannot_send_password_links(client, service_centre, officer):
    client.force_login(service_centre)

    send_link(client, officer)

    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
    assert mail.outbox == []


# --- Self-service password change and the breached list ----------------------------


def test_signed_in_staff_change_their_own_password(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Lantern-Orchid-Quiet-47",
            "new_password2": "Lantern-Orchid-Quiet-47",
        },
    )

    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Lantern-Orchid-Quiet-47")
    assert client.get("/").status_code == 200  # this session carries on
    assert SecurityEvent.objects.filter(kind="password_changed", staff=officer).exists()


@pytest.mark.parametrize("breached", ["Password12345!", "qwertyuiop123", "Probation2026"])
def test_a_password_from_the_breached_list_is_refused(client, officer, breached):
    client.force_login(officer)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": breached, "new_password2": breached},
    )

    assert response.status_code == 200
    assert "appeared in a data breach" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_the_breached_list_is_a_bundled_file_and_common_passwords_are_checked_too(settings):
    from crc.organisation.passwords import LIST_PATH, breached_passwords

    names = [v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert "django.contrib.auth.password_validation.CommonPasswordValidator" in names
    assert "crc.organisation.passwords.BreachedPasswordValidator" in names
    assert LIST_PATH.exists() and len(breached_passwords()) > 50


# --- Roles, team management and partner types ---------------------------------------


@pytest.mark.parametrize(
    "who, role",
    [("officer", Role.PROBATION_OFFICER), ("service_centre", Role.SERVICE_CENTRE)],
)
def test_the_service_centre_cannot_make_anyone_an_spo_itself_included(
    client, request, service_centre, team_a, who, role
):
    person = request.getfixturevalue(who)
    client.force_login(service_centre)
    url = reverse("admin:organisation_staff_change", args=[person.pk])

    client.post(
        url,
        staff_form(person, role=Role.SENIOR_PROBATION_OFFICER, managed_teams=[team_a.pk]),
    )

    person.refresh_from_db()
    assert person.role == role
    assert not person.managed_teams.exists()


def test_the_service_centre_opens_officer_accounts_only(client, service_centre, team_a):
    client.force_login(service_centre)
    add = reverse("admin:organisation_staff_add")

    page = client.get(add).content.decode()
    client.post(
        add,
        {
            "username": "newspo",
            "first_name": "N",
            "last_name": "S",
            "email": "n@crc.example",
            "role": Role.SENIOR_PROBATION_OFFICER,
            "team": team_a.pk,
        },
    )

    assert 'value="spo"' not in page and 'value="po"' in page
    from crc.organisation.models import Staff

    assert not Staff.objects.filter(username="newspo").exists()


def test_the_service_centre_still_updates_a_persons_details(client, service_centre, spo):
    client.force_login(service_centre)
    url = reverse("admin:organisation_staff_change", args=[spo.pk])

    response = client.post(url, staff_form(spo, last_name="Renamed"))

    assert response.status_code == 302
    spo.refresh_from_db()
    assert spo.last_name == "Renamed"
    assert spo.role == Role.SENIOR_PROBATION_OFFICER


def test_an_administrator_cannot_change_their_own_role(client, administrator):
    client.force_login(administrator)
    url = reverse("admin:organisation_staff_change", args=[administrator.pk])

    client.post(url, staff_form(administrator, role=Role.PROBATION_OFFICER))

    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_an_administrator_can_make_an_officer_an_spo(client, administrator, officer, team_a):
    client.force_login(administrator)
    url = reverse("admin:organisation_staff_change", args=[officer.pk])

    response = client.post(
        url,
        staff_form(officer, role=Role.SENIOR_PROBATION_OFFICER, managed_teams=[team_a.pk]),
    )

    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.role == Role.SENIOR_PROBATION_OFFICER
    assert list(officer.managed_teams.all()) == [team_a]


def test_groups_and_second_factor_devices_are_not_edited_in_the_admin(client, administrator):
    # Groups follow roles in code; Django's own group form also fails axe (aria-prohibited-attr).
    sign_in(client, administrator)

    assert client.get("/admin/auth/group/").status_code == 404
    assert client.get("/admin/auth/group/add/").status_code == 404
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


def test_only_an_administrator_changes_a_partners_type(client, service_centre, administrator):
    partner = PartnerOrganisationFactory(partner_type=PartnerType.PRISON)
    url = reverse("admin:organisation_partnerorganisation_change", args=[partner.pk])
    client.force_login(service_centre)

    client.post(url, {"name": partner.name, "partner_type": PartnerType.POLICE, "active": "on"})
    assert client.get(reverse("admin:organisation_partnerorganisation_add")).status_code == 403

    partner.refresh_from_db()
    assert partner.partner_type == PartnerType.PRISON
    client.force_login(administrator)
    response = client.post(
        url, {"name": partner.name, "partner_type": PartnerType.POLICE, "active": "on"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.partner_type == PartnerType.POLICE


def test_the_home_page_links_to_changing_your_password(client, officer):
    client.force_login(officer)

    html = client.get("/").content.decode()
    page = client.get("/account/password/")

    assert 'href="/account/password/">Change your password</a>' in html
    assert page.status_code == 200
    assert "<title>Change your password - Manage a probation case</title>" in page.content.decode()
