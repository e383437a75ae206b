"""Security headers on every kind of page (issue 9): a CSP without 'unsafe-inline', HSTS,
nosniff, no framing, a referrer policy, no caching of personal data, and __Host- cookie
names in production. The partner API's responses: tests/api/test_security_headers_api.py.

Runs on whatever database is configured (CI: PostgreSQL)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def _csp(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response, *, admin_inline_styles: bool = False) -> None:
    csp = _csp(response)
    for directive in ("default-src", "script-src", "style-src"):
        if directive == "style-src" and admin_inline_styles:
            continue
        assert "'unsafe-inline'" not in csp.get(directive, []), directive
        assert "'unsafe-eval'" not in csp.get(directive, []), directive
    assert csp["script-src"][0] == "'self'"
    # The admin's widgets write style attributes (crc/access/middleware.py): inline
    # styles there alone, never inline script anywhere.
    expected_styles = ["'self'", "'unsafe-inline'"] if admin_inline_styles else ["'self'"]
    assert csp["style-src"] == expected_styles
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "no-store" in response.headers["Cache-Control"]


@pytest.fixture
def pages(case):
    return {
        "sign-in page": reverse("login"),
        "home": reverse("home"),
        "caseload": reverse("cases:caseload"),
        "case overview": reverse("cases:overview", args=[case.crn]),
        "case risk tab": reverse("cases:risk", args=[case.crn]),
        "inbox": reverse("notifications:inbox"),
    }


@pytest.mark.parametrize(
    "page",
    ["sign-in page", "home", "caseload", "case overview", "case risk tab", "inbox"],
)
def test_every_page_carries_the_security_headers(client, officer, pages, page):
    if page != "sign-in page":
        client.force_login(officer)
    response = client.get(pages[page], secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_not_found_case_carries_them_too(client, officer):
    client.force_login(officer)
    response = client.get(reverse("cases:overview", args=["Z999999"]), secure=True)
    assert response.status_code == 404
    assert_security_headers(response)


def test_the_admin_carries_them(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("admin:index"), secure=True)
    assert response.status_code == 200
    assert_security_headers(response, admin_inline_styles=True)


def test_static_assets_keep_their_own_caching(client):
    response = client.get("/assets/govuk/govuk-frontend.min.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_hsts_is_sent_over_https_for_a_year_with_subdomains(client):
    # The test settings are the production module with DEBUG off (crc/settings_test.py).
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    response = client.get(reverse("login"), secure=True)
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def _settings_in_a_fresh_process(**env) -> dict[str, str]:
    """Import crc.settings as a deployment would, with only the given environment."""
    names = [
        "DEBUG",
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
    ]
    code = (
        "from django.conf import settings as s\n"
        f"for name in {names!r}:\n"
        "    print(name, getattr(s, name, None))\n"
    )
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**keep, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "crc.settings", **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return dict(line.split(" ", 1) for line in result.stdout.splitlines())


def test_production_settings_use_host_prefixed_secure_cookies(tmp_path):
    production = _settings_in_a_fresh_process(
        SECRET_KEY="x" * 50, ALLOWED_HOSTS="crc.example", CRC_VAR_DIR=str(tmp_path)
    )
    assert production["DEBUG"] == "False"
    assert production["SESSION_COOKIE_SECURE"] == "True"
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_SECURE"] == "True"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert int(production["SECURE_HSTS_SECONDS"]) >= 31536000
    assert production["SECURE_SSL_REDIRECT"] == "True"


def test_over_plain_http_the_cookies_keep_djangos_names(tmp_path):
    laptop = _settings_in_a_fresh_process(DEBUG="1", CRC_VAR_DIR=str(tmp_path))
    assert laptop["SESSION_COOKIE_NAME"] == "sessionid"
    assert laptop["CSRF_COOKIE_NAME"] == "csrftoken"


def test_a_production_sign_in_sets_host_prefixed_cookies(client, officer, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    client.force_login(officer)
    session = client.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert not cookie["domain"]
