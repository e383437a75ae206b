"""The demo's second factor: seeded apps, their secrets, and `make code`."""

import io
import json
from base64 import b32decode

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from crc.organisation.models import Staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return json.loads((tmp_path / "demo-credentials.json").read_text())


def test_every_demo_account_has_an_app_and_its_secret_in_the_credentials_file(seeded):
    staff = seeded["staff"]

    assert staff and all(entry["totp_secret"] for entry in staff)
    for entry in staff:
        device = TOTPDevice.objects.get(user__username=entry["username"], confirmed=True)
        assert b32decode(entry["totp_secret"]) == device.bin_key
    assert TOTPDevice.objects.count() == Staff.objects.count()


def test_make_code_prints_the_current_code_of_a_demo_account(seeded, settings):
    settings.DEBUG = True
    entry = seeded["staff"][0]
    key = b32decode(entry["totp_secret"])
    out = io.StringIO()

    before = totp(key)
    call_command("demo_code", entry["username"], stdout=out)
    after = totp(key)  # the 30-second step may turn over during the call

    code = out.getvalue().strip()
    assert len(code) == 6 and int(code) in {before, after}


def test_make_code_refuses_with_debug_off(seeded, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code", seeded["staff"][0]["username"])


def test_make_code_names_an_unknown_account(settings, db):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="demo-credentials.json"):
        call_command("demo_code", "nobody")
