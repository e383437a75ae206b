"""Two-factor sign-in in the browser: first sign-in enrolment, and a backup code."""

import re
from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from playwright.sync_api import expect

from tests.e2e.conftest import authenticator_app, enter_password


def test_a_first_sign_in_sets_up_the_app_and_shows_backup_codes_once(
    page, live_server, axe_check, officer
):
    enter_password(page, live_server, axe_check, officer)

    assert page.url == f"{live_server.url}/login/two-factor/set-up/"
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    expect(page.locator("svg.segno")).to_be_visible()
    key = page.locator("#totp-key").inner_text()
    axe_check(page, "two-factor-set-up")

    secret = re.sub(r"\s", "", key)
    page.locator("input[name=code]").fill(f"{totp(b32decode(secret)):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and continue").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    codes = page.locator(".crc-backup-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c.strip()) for c in codes)
    axe_check(page, "two-factor-backup-codes")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    assert page.url == f"{live_server.url}/"
    expect(page.locator("body")).to_contain_text("Olu Officer")
    axe_check(page, "home-after-set-up")
    # Shown once: the codes page now has nothing to show and moves on.
    page.goto(f"{live_server.url}/login/two-factor/backup-codes/")
    assert page.url == f"{live_server.url}/"
    axe_check(page, "home-again")


def test_a_backup_code_signs_in_when_the_phone_is_not_to_hand(
    page, live_server, axe_check, officer
):
    authenticator_app(officer)
    backup = StaticDevice.objects.create(user=officer, name="Backup codes", confirmed=True)
    backup.token_set.create(token="k7q2m4xz")
    enter_password(page, live_server, axe_check, officer)

    assert page.url == f"{live_server.url}/login/two-factor/"
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    axe_check(page, "two-factor-code")
    page.locator("input[name=code]").fill("k7q2m4xz")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    assert page.url == f"{live_server.url}/"
    expect(page.locator("body")).to_contain_text("You used a backup code. You have 0 left.")
    axe_check(page, "home-after-backup-code")
    assert not backup.token_set.exists()


def test_a_wrong_code_is_refused_with_an_error_summary(page, live_server, axe_check, officer):
    authenticator_app(officer)
    enter_password(page, live_server, axe_check, officer)

    page.locator("input[name=code]").fill("123")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct code")
    axe_check(page, "two-factor-code-error")
