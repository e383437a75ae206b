"""Browser tests: Playwright (sync API) driving Debian's Chromium against live_server.

Every test here is marked `browser`, and one that uses `live_server` gets a transactional
database (the server's thread sees committed rows only), so no test module marks it.

Every page a test visits must be axe-checked with `axe_check(page, name)`; a test that
navigates to a page and forgets is failed at teardown, so accessibility coverage cannot
quietly shrink as journeys grow.

Locally, without /usr/bin/chromium, the package is skipped with the reason shown. In CI
(CI=true) it is never skipped: a missing browser fails the run instead of passing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urldefrag

import pytest

# Playwright's sync API runs an event loop in this thread, which makes Django refuse
# ORM calls from the test (factories) as "async unsafe". There is no real concurrency
# here: the loop only waits on the browser.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, Playwright, sync_playwright  # noqa: E402

from crc.organisation.models import Role  # noqa: E402
from tests.e2e.personas import PASSWORD, journey_staff  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling out to Google, which
# the CI machine's closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
# Short enough that a missing element fails in seconds, not minutes.
TIMEOUT_MS = 10_000
# axe impacts that fail a test; "minor" and "moderate" are reported by axe but are
# outside the WCAG 2.2 AA bar in ARCHITECTURE.md.
BLOCKING_IMPACTS = {"serious", "critical"}

E2E_DIR = Path(__file__).resolve().parent
RESULTS_DIR = E2E_DIR.parents[1] / "test-results"
SCREENSHOTS_DIR = RESULTS_DIR / "screenshots"

IN_CI = os.environ.get("CI") == "true"
SKIP_REASON = (
    f"{CHROMIUM} not found: browser tests skipped. Install Debian's Chromium "
    "(apt-get install chromium) to run them. In CI (CI=true) they fail instead."
)


@pytest.hookimpl(tryfirst=True)  # before pytest-django's, which orders tests by their marks
def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items, so only touch the ones in this package.
    skip = None if CHROMIUM.exists() or IN_CI else pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if E2E_DIR in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if "live_server" in getattr(item, "fixturenames", ()):
                # live_server serves from another thread with its own connection, so the
                # test's data must be committed to be seen there.
                item.add_marker(pytest.mark.django_db(transaction=True))
            if skip:
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so the axe-coverage check can stay quiet
    # when the test body already failed (its own failure is the useful message).
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # One browser for the session (start-up is the slow part); each test gets its own
    # context, so cookies and storage never leak between tests.
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


class AxeTracker:
    """Remembers which URLs a test's pages landed on and which were axe-checked."""

    def __init__(self) -> None:
        self.visited: list[str] = []
        self.checked: set[str] = set()

    def watch(self, page: Page) -> None:
        def on_navigated(frame) -> None:
            if frame == page.main_frame and frame.url.startswith("http"):
                self.visited.append(normalise(frame.url))

        page.on("framenavigated", on_navigated)

    def unchecked(self) -> list[str]:
        return list(dict.fromkeys(url for url in self.visited if url not in self.checked))


def normalise(url: str) -> str:
    return urldefrag(url).url


@pytest.fixture
def axe_tracker() -> AxeTracker:
    return AxeTracker()


@pytest.fixture
def make_page(browser: Browser, axe_tracker: AxeTracker) -> Iterator[Callable[..., Page]]:
    """Open a fresh context and page at the given viewport, e.g. make_page(**MOBILE)."""
    contexts = []

    def _make(width: int = DESKTOP["width"], height: int = DESKTOP["height"]) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        axe_tracker.watch(page)
        return page

    yield _make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page) -> Page:
    """A page at 1280x900 in a context of its own."""
    return make_page(**DESKTOP)


@pytest.fixture
def mobile_page(make_page) -> Page:
    """A page at 375px wide: the narrowest phone the GOV.UK Design System supports."""
    return make_page(**MOBILE)


@pytest.fixture(autouse=True)
def _every_visited_page_is_axe_checked(request, axe_tracker: AxeTracker) -> Iterator[None]:
    yield
    call = getattr(request.node, "rep_call", None)
    if call is None or not call.passed:
        return
    missed = axe_tracker.unchecked()
    if missed:
        pytest.fail(
            "These pages were visited but never axe-checked; call axe_check(page, name) "
            "on each page a test lands on:\n  " + "\n  ".join(missed),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def _axe() -> Axe:
    return Axe()


@pytest.fixture
def axe_check(_axe: Axe, axe_tracker: AxeTracker) -> Callable[[Page, str], None]:
    """axe_check(page, name): screenshot the page, then fail on serious/critical issues."""

    def _check(page: Page, name: str) -> None:
        page.wait_for_load_state("load")
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        # Screenshot first: when axe fails, the picture of the page is what one looks at.
        page.screenshot(path=str(SCREENSHOTS_DIR / f"{name}.png"), full_page=True)
        results = _axe.run(page)
        axe_tracker.checked.add(normalise(page.url))
        blocking = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in BLOCKING_IMPACTS
        ]
        if blocking:
            pytest.fail(
                f"axe found {len(blocking)} serious or critical accessibility violation(s) "
                f"on {name} ({page.url}):\n\n{format_violations(blocking)}",
                pytrace=False,
            )

    return _check


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}")
            lines.append(f"       {node['html'][:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)


def current_code(device, *, after_used: bool = True) -> str:
    """The app's code now; if this device already accepted the current one (a second
    sign-in within 30 seconds), the next step's, which django-otp also accepts."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if after_used and totp.t() <= device.last_t:
        totp.drift = device.last_t - totp.t() + 1 + device.drift
    return f"{totp.token():0{device.digits}d}"


def authenticator_app(user):
    """The person's confirmed authenticator app, set up as enrolment would."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def enter_password(page: Page, live_server, axe_check, user, password: str = PASSWORD) -> None:
    """The first step of signing in: the login form, axe-checked, filled and sent."""
    page.goto(f"{live_server.url}/login/")
    axe_check(page, "login")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def sign_in(axe_check) -> Callable[..., None]:
    """sign_in(page, live_server, user, password): sign in through the real login form
    and the real second step, with a code computed from the person's app (one is set
    up for them if they have none).

    A callable rather than a plain fixture, so that a test can sign in as several people
    in turn. The login and code pages are axe-checked on the way, since the test visited
    them; the page is left wherever the app sent the user.
    """

    def _sign_in(page: Page, live_server, user, password: str) -> None:
        device = authenticator_app(user)
        enter_password(page, live_server, axe_check, user, password)
        axe_check(page, "login-code")
        device.refresh_from_db()
        page.locator("input[name=code]").fill(current_code(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()

    return _sign_in


@pytest.fixture
def signed_in_page(make_page, live_server, sign_in, axe_check) -> Callable[..., Page]:
    """signed_in_page(user, name): a fresh desktop page signed in as `user`, the page the
    app lands them on axe-checked as `name`: how most journeys bring a person in."""

    def _open(user, name: str) -> Page:
        page = make_page()
        sign_in(page, live_server, user, PASSWORD)
        axe_check(page, name)
        return page

    return _open


def deliver_outbox() -> None:
    """The worker's part: deliver what the saves so far put in the outbox. (The broker and
    a real worker are covered by the notifications integration test.)"""
    from crc.notifications.models import OutboxMessage
    from crc.notifications.services import outbox_deliver

    for message in OutboxMessage.objects.filter(delivered_at__isnull=True):
        outbox_deliver(message_id=message.pk)


def fill_date(page: Page, name: str, day) -> None:
    """Type `day` into the GOV.UK date input whose boxes are named {name}_day, _month, _year."""
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def fill_date_by_label(within, day) -> None:
    """Type `day` into the Day, Month and Year boxes labelled so within `within` (a page,
    or the date input's group when the form has more than one date)."""
    within.get_by_label("Day").fill(str(day.day))
    within.get_by_label("Month").fill(str(day.month))
    within.get_by_label("Year").fill(str(day.year))


def supervised_case(officer, team, **fields):
    """A case of the officer's on a community order with a RAR requirement, its tier
    worked out, as a journey through the case pages needs it."""
    from cases.risk import services as risk_services
    from tests.factories import CaseFactory, OrderFactory, RequirementFactory

    case = CaseFactory(team=team, responsible_officer=officer, **fields)
    RequirementFactory(order=OrderFactory(case=case), requirement_type="rar")
    risk_services.tier_recalculate(case=case, by=officer)
    return case


# --- Personas the journeys sign in as ------------------------------------------------------
# Real passwords (the journeys use the login form), so not the root conftest's personas.


@pytest.fixture
def team():
    from tests.factories import AreaFactory, OfficeFactory, TeamFactory

    return TeamFactory(
        office=OfficeFactory(area=AreaFactory(name="North", code="north")), name="Islington A"
    )


@pytest.fixture
def officer(team):
    return journey_staff("olu", "Olu", "Officer", Role.PROBATION_OFFICER, team=team)


@pytest.fixture
def spo(team):
    person = journey_staff("sam", "Sam", "Senior", Role.SENIOR_PROBATION_OFFICER, team=team)
    person.managed_teams.add(team)
    return person


@pytest.fixture
def service_centre():
    return journey_staff("sol", "Sol", "Centre", Role.SERVICE_CENTRE)
