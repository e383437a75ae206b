"""Two-factor sign-in for every staff account (issue 9, finding 3)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from crc.organisation.models import SecurityEvent
from tests.organisation.helpers import staff_admin_action

PASSWORD = "correct-horse-battery"  # tests.factories.StaffFactory's password

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, drift=offset):06d}"


def sign_in_with_password(client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **extra})


@pytest.fixture
def app(officer):
    return TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)


PROTECTED = ["/", "/cases/", "/notifications/", "/access-log/", "/admin/", "/api/docs/"]


@pytest.mark.parametrize("path", PROTECTED)
def test_a_password_alone_reaches_nothing_but_the_second_step(client, officer, app, path):
    sign_in_with_password(client, officer)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/two-factor/?next=")


@pytest.mark.parametrize("role_fixture", ["service_centre", "administrator"])
def test_admin_roles_need_the_second_factor_at_login_too(client, request, role_fixture):
    person = request.getfixturevalue(role_fixture)

    response = sign_in_with_password(client, person)
    assert response["Location"] == "/login/two-factor/set-up/"
    assert client.get("/admin/").status_code == 302
    assert client.get("/access-log/").status_code == 302


def test_public_pages_and_sign_out_stay_open_to_a_password_only_session(client, officer, app):
    sign_in_with_password(client, officer)

    assert client.get("/accessibility/").status_code == 200
    assert client.get("/healthz").status_code in {200, 503}
    assert client.get("/assets/css/app.css").status_code == 200
    response = client.post("/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_first_sign_in_shows_a_qr_code_and_the_key_as_text(client, officer):
    sign_in_with_password(client, officer)

    html = client.get("/login/two-factor/set-up/").content.decode()

    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert "<svg" in html and 'class="segno"' in html
    assert 'role="img"' in html
    secret = re.sub(r"\s", "", re.search(r'id="totp-key">\s*<code>([A-Z2-7 ]+)</code>', html)[1])
    assert secret == device.config_url.split("secret=")[1].split("&")[0]
    # The page works without JavaScript and loads nothing from elsewhere.
    assert "http" not in re.search(r"<svg.*?</svg>", html, re.S)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    # Reloading shows the same key: an app already scanned keeps working.
    again = client.get("/login/two-factor/set-up/").content.decode()
    assert secret in re.sub(r"\s", "", again)


def test_confirming_the_app_signs_in_and_shows_ten_backup_codes_once(client, officer):
    sign_in_with_password(client, officer, next="/accessibility/")
    client.get("/login/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=officer, confirmed=False)

    response = client.post(
        "/login/two-factor/set-up/", {"code": code_for(device), "next": "/accessibility/"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/login/two-factor/backup-codes/")
    page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(codes) == settings.BACKUP_CODE_COUNT == 10
    assert set(
        StaticDevice.objects.get(user=officer).token_set.values_list("token", flat=True)
    ) == set(codes)
    assert 'href="/accessibility/"' in page.content.decode()
    # Shown once: the codes are gone from the session.
    assert client.get(response["Location"]).status_code == 302
    assert client.get("/").status_code == 200
    assert SecurityEvent.objects.filter(kind="2fa_enrolled", staff=officer).exists()


def test_a_wrong_code_does_not_confirm_the_app(client, officer):
    sign_in_with_password(client, officer)
    client.get("/login/two-factor/set-up/")

    response = client.post("/login/two-factor/set-up/", {"code": "000000"})

    assert response.status_code == 200
    assert "Enter a correct code" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_a_stolen_password_cannot_enrol_a_new_app_over_the_old_one(client, officer, app):
    sign_in_with_password(client, officer)

    response = client.get("/login/two-factor/set-up/")

    assert response.status_code == 302
    assert response["Location"] == "/login/two-factor/"
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_a_code_from_the_app_completes_sign_in(client, officer, app):
    response = sign_in_with_password(client, officer)
    assert response["Location"] == "/login/two-factor/"
    key_before = client.session.session_key

    response = client.post("/login/two-factor/", {"code": code_for(app)})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.session.session_key != key_before


def test_a_used_code_cannot_be_replayed(client, officer, app):
    code = code_for(app)
    sign_in_with_password(client, officer)
    client.post("/login/two-factor/", {"code": code})
    client.post("/logout/")

    sign_in_with_password(client, officer)
    response = client.post("/login/two-factor/", {"code": code})

    assert response.status_code == 200
    assert "Enter a correct code" in response.content.decode()


def test_a_backup_code_signs_in_once(client, officer, app):
    backup = StaticDevice.objects.create(user=officer, name="Backup codes", confirmed=True)
    backup.token_set.create(token="abcd2345")
    sign_in_with_password(client, officer)

    response = client.post("/login/two-factor/", {"code": "ABCD 2345"})

    assert response["Location"] == "/"
    client.post("/logout/")
    sign_in_with_password(client, officer)
    again = client.post("/login/two-factor/", {"code": "abcd2345"})
    assert again.status_code == 200
    assert "Enter a correct code" in again.content.decode()


def test_the_admin_still_demands_a_verified_session(settings):
    from django.contrib import admin
    from django_otp.admin import OTPAdminSite

    assert isinstance(admin.site, OTPAdminSite)
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True


# --- An administrator's reset -------------------------------------------------------


def reset_action(client, person):
    return staff_admin_action(client, "reset_two_factor", person)


def test_an_administrator_resets_a_second_factor_and_ends_the_persons_sessions(
    client, administrator, officer, app
):
    from django.test import Client

    theirs = Client()
    theirs.force_login(officer)
    assert theirs.get("/").status_code == 200
    client.force_login(administrator)

    response = reset_action(client, officer)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    gone = theirs.get("/")
    assert gone.status_code == 302 and gone["Location"].startswith("/login/")
    event = SecurityEvent.objects.get(kind="2fa_reset", staff=officer)
    assert event.actor == administrator
    officer.refresh_from_db()
    latest = officer.history.first()
    assert "Two-factor reset" in latest.history_change_reason
    # Next sign-in enrols a new app.
    assert sign_in_with_password(theirs, officer)["Location"] == "/login/two-factor/set-up/"


def test_the_service_centre_cannot_reset_a_second_factor(client, service_centre, officer, app):
    client.force_login(service_centre)

    reset_action(client, officer)

    assert TOTPDevice.objects.filter(user=officer).exists()
    assert not SecurityEvent.objects.filter(kind="2fa_reset").exists()


def test_a_password_only_session_is_shown_no_navigation(client, officer, app):
    sign_in_with_password(client, officer)

    html = client.get("/login/two-factor/").content.decode()

    assert 'href="/cases/"' not in html
    assert "crc-timeout-warning" not in html
    assert 'action="/logout/"' in html


def test_the_api_does_not_accept_a_password_only_session(client, officer, password_only_login):
    password_only_login(client, officer)

    response = client.get("/api/v1/information-requests/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/two-factor/set-up/")
