"""The people bench/load.py sends at the server: locust users (read by `locust -f`).

Not run by itself: bench/load.py starts gunicorn, writes the plan (accounts, partner
clients) to the file named by LOAD_PLAN and runs locust on this file. Every response
time, with its page name and error kind, is written to LOAD_SAMPLES when the run stops,
so load.py computes exact percentiles (sign-in apart from browsing).

- Officers sign in through the real form and second step (a code from their
  authenticator secret, by django-otp's own TOTP), then browse their caseload, open
  cases (overview, contacts, risk, timeline), look at their work list, and now and then
  record a contact (a real write: form, service, history, outbox).
- SPOs sign in the same way and look at their work list, the team caseload, the
  dashboards and their teams' cases.
- Partners take a client-credentials token and poll their list endpoint, rotating
  through the partner clients of every type that has one to poll.
"""

import base64
import datetime as dt
import itertools
import json
import os
import random
import re
from pathlib import Path

from django_otp.oath import totp
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text()) if "LOAD_PLAN" in os.environ else {}
# Each account signs in once: a TOTP code is accepted once per device and time step.
_accounts = {role: iter(PLAN.get(role, [])) for role in ("officers", "spos")}
_partners = itertools.cycle(PLAN.get("partners") or [{}])
SAMPLES: list[tuple[str, float, str]] = []  # (name, ms, error kind or "")
CRN_LINK = re.compile(r'href="/cases/([A-Z][0-9]{6})/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT = 120


def error_kind(status: int, exception) -> str:
    if exception is not None and not status:
        return type(exception).__name__
    if status >= 400 or status == 0:
        return f"HTTP {status}"
    return ""


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **_):
    status = getattr(response, "status_code", 0) or 0
    kind = error_kind(status, exception)
    if exception is not None and not kind:
        kind = str(exception)[:80]  # a failure we marked ourselves (wrong page)
    SAMPLES.append((name, response_time, kind))


@events.quitting.add_listener
def _dump(environment, **_):
    path = os.environ.get("LOAD_SAMPLES")
    if path:
        with open(path, "w") as out:
            json.dump(SAMPLES, out)


def code_for(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


class StaffUser(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 5)  # a person reading the page before the next click
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        self.account = next(_accounts[self.role], None)
        self.crns: list[str] = []
        if self.account is None:
            raise RuntimeError(f"more {self.role} than accounts in the plan")
        self.sign_in()

    def form_token(self, url: str, name: str) -> str | None:
        with self.client.get(url, name=name, catch_response=True) as response:
            match = CSRF.search(response.text or "")
            if response.status_code != 200 or not match:
                response.failure(f"no form at {url}")
                return None
            response.success()
            return match.group(1)

    def sign_in(self):
        token = self.form_token("/login/", "sign-in: form")
        if token is None:
            return
        with self.client.post(
            "/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": self.account["username"],
                "password": self.account["password"],
            },
            name="sign-in: password",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "two-factor" not in response.headers.get(
                "Location", ""
            ):
                response.failure("password refused")
                return
        token = self.form_token("/login/two-factor/", "sign-in: code form")
        if token is None:
            return
        with self.client.post(
            "/login/two-factor/",
            data={"csrfmiddlewaretoken": token, "code": code_for(self.account["totp_secret"])},
            name="sign-in: code",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/login/" in response.headers.get("Location", ""):
                response.failure("code refused")

    def page(self, url: str, name: str) -> str:
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
                response.failure("signed out (redirected to sign-in)")
                return ""
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return ""
            return response.text or ""

    def caseload(self, url: str, name: str) -> None:
        found = CRN_LINK.findall(self.page(url, name))
        if found:
            self.crns = list(dict.fromkeys(found))

    def a_case(self) -> str | None:
        if not self.crns:
            self.caseload(self.caseload_url, self.caseload_name)
        return random.choice(self.crns) if self.crns else None


class Officer(StaffUser):
    weight = 6
    role = "officers"
    caseload_url, caseload_name = "/cases/", "my caseload"

    @task(2)
    def home(self):
        self.page("/", "home (work list)")

    @task(3)
    def my_caseload(self):
        self.caseload(self.caseload_url, self.caseload_name)

    @task(3)
    def overview(self):
        crn = self.a_case()
        if crn:
            self.page(f"/cases/{crn}/", "case overview")

    @task(2)
    def contacts(self):
        crn = self.a_case()
        if crn:
            self.page(f"/cases/{crn}/contacts/", "case contacts")

    @task(1)
    def risk(self):
        crn = self.a_case()
        if crn:
            self.page(f"/cases/{crn}/risk/", "case risk and tier")

    @task(1)
    def timeline(self):
        crn = self.a_case()
        if crn:
            self.page(f"/cases/{crn}/timeline/", "case timeline")

    @task(1)
    def record_contact(self):
        crn = self.a_case()
        if not crn:
            return
        url = f"/cases/{crn}/contacts/new/"
        token = self.form_token(url, "record a contact: form")
        if token is None:
            return
        yesterday = dt.date.today() - dt.timedelta(days=1)
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": token,
                "contact_type": "office",
                "date_day": str(yesterday.day),
                "date_month": str(yesterday.month),
                "date_year": str(yesterday.year),
                "time": "10:30",
                "outcome": "complied",
                "check_in": "Load test: settled at the same address.",
                "summary": "Load test: engaged well.",
            },
            name="record a contact: save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"contact not saved (HTTP {response.status_code})")


class SeniorProbationOfficer(StaffUser):
    weight = 2
    role = "spos"
    caseload_url, caseload_name = "/cases/team/", "SPO team caseload"

    @task(2)
    def home(self):
        self.page("/", "SPO home (work list)")

    @task(3)
    def team_caseload(self):
        self.caseload(self.caseload_url, self.caseload_name)

    @task(2)
    def dashboards(self):
        self.page("/dashboards/", "dashboards (SPO)")

    @task(1)
    def overview(self):
        crn = self.a_case()
        if crn:
            self.page(f"/cases/{crn}/", "case overview (SPO)")


class Partner(FastHttpUser):
    weight = 2
    wait_time = between(2, 10)  # a partner system polling
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        self.client_info = next(_partners)
        self.token = None

    def take_token(self):
        info = self.client_info
        with self.client.post(
            "/o/token/",
            data={
                "grant_type": "client_credentials",
                "client_id": info["client_id"],
                "client_secret": info["client_secret"],
                "scope": " ".join(info["scopes"]),
            },
            name="partner: token",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"token refused (HTTP {response.status_code})")
                return
            self.token = json.loads(response.text)["access_token"]

    @task
    def poll(self):
        if not self.client_info:
            return
        if self.token is None:
            self.take_token()
            if self.token is None:
                return
        kind = self.client_info["type"]
        with self.client.get(
            self.client_info["poll"],
            headers={"Authorization": f"Bearer {self.token}"},
            name=f"partner: {kind}",
            catch_response=True,
        ) as response:
            if response.status_code == 401:
                self.token = None  # expired: a new one next time
                response.failure("HTTP 401")
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
