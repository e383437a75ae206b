"""Every role's journeys in a real browser: sign in with two-factor as each demo role and
follow every link reachable in two clicks from the home page.

Each page must answer without an error status (a link the product shows must work for
the person it is shown to), log no console error, and have no serious or critical axe
violation; every page is screenshotted under test-results/crawl/<role>/.

To stay within CI's budget, pages are deduplicated by what they are, not by address:
one visit per URL pattern and set of query-string names per role (the caseload sorted
by name and by tier are one page; two different cases' overviews are one page), and at
most MAX_PAGES_PER_ROLE pages per role, breadth first, so every page one click from
home is always visited. Only links are followed (GET); no form is submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlparse

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import BLOCKING_IMPACTS, DESKTOP, RESULTS_DIR, TIMEOUT_MS
from tests.e2e.demo_site import DemoAccount, DemoSite, start_demo_site, stop_demo_site

MAX_PAGES_PER_ROLE = 30
# axe takes about a second a page: each kind of page is axe-checked once in the run
# (the first role to reach it), and every role's home page, whose content is the
# role's own. Status and console errors are checked on every visit.
AXE_CHECKED_KINDS: set[str] = set()
CRAWL_DIR = RESULTS_DIR / "crawl"
# Links a crawl must not follow: signing out ends the journey; the rest are files, not
# pages, or leave the site.
NOT_FOLLOWED = re.compile(r"/(logout|sign-out)/|^/(static|assets|media)/|/api/schema")
# The demo's roles, one account each; a role the demo gains later is crawled too (the
# list is read from the demo's own credentials), and one it loses fails here.
EXPECTED_ROLES = {
    "po",
    "pso",
    "spo",
    "area_manager",
    "qpm",
    "service_centre",
    "administrator",
    "uw_coordinator",
    "uw_supervisor",
    "resettlement_worker",
    "provider_caseworker",
}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> DemoSite:
    site = start_demo_site(tmp_path_factory.mktemp("crawl-site"))
    yield site
    stop_demo_site(site)


def page_kind(path: str, query: str) -> str:
    """What a page is: its URL pattern and the names of its query parameters."""
    try:
        match = resolve(path)
        name = match.view_name or match.route
    except Resolver404:
        name = f"unresolved:{path}"
    names = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True)})
    return f"{name}?{'&'.join(names)}" if names else name


def is_download(kind: str, path: str) -> bool:
    return "export" in kind or "csv" in kind or path.endswith(".csv")


@dataclass
class Crawl:
    site: DemoSite
    account: DemoAccount
    page: Page
    axe: object
    problems: list[str] = field(default_factory=list)
    visited_kinds: set[str] = field(default_factory=set)
    console_errors: list[str] = field(default_factory=list)
    pages_seen: int = 0

    def sign_in(self) -> str:
        self.page.goto(f"{self.site.url}/login/")
        self.page.locator("input[name=username]").fill(self.account.username)
        self.page.locator("input[name=password]").fill(self.account.password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()
        self.page.locator("input[name=code]").fill(self.account.code())
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Continue").click()
        if urlparse(self.page.url).path.startswith("/login"):
            pytest.fail(f"{self.account.role}: could not sign in ({self.page.url})")
        return self.page.url

    def follow(self, href: str) -> str | None:
        """The same-site page a link leads to, or None if the crawl does not follow it."""
        url, _ = urldefrag(href)
        parsed = urlparse(url)
        if not url.startswith(self.site.url) or NOT_FOLLOWED.search(parsed.path):
            return None
        return url

    def visit(self, url: str, came_from: str) -> list[str]:
        parsed = urlparse(url)
        kind = page_kind(parsed.path, parsed.query)
        if kind in self.visited_kinds or self.pages_seen >= MAX_PAGES_PER_ROLE:
            return []
        self.visited_kinds.add(kind)
        self.pages_seen += 1
        self.console_errors.clear()
        where = f"{parsed.path}{'?' + parsed.query if parsed.query else ''} (from {came_from})"
        if is_download(kind, parsed.path):
            # A CSV export: the browser downloads it rather than showing a page, so its
            # answer is checked with the signed-in context's own request.
            answer = self.page.context.request.get(url)
            if answer.status >= 400:
                self.problems.append(f"{answer.status} at {where}")
            return []
        response = self.page.goto(url)
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            self.problems.append(f"{status} at {where}")
            return []
        if "text/html" not in (response.headers.get("content-type") or ""):
            return []
        self.page.wait_for_load_state("load")
        self.screenshot(kind)
        if came_from == "sign-in" or kind not in AXE_CHECKED_KINDS:
            AXE_CHECKED_KINDS.add(kind)
            self.check_accessibility(where)
        for message in self.console_errors:
            self.problems.append(f"console error at {where}: {message}")
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return [link for href in hrefs if (link := self.follow(href))]

    def screenshot(self, kind: str) -> None:
        folder = CRAWL_DIR / self.account.role
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", kind)[:120]
        self.page.screenshot(path=str(folder / f"{self.pages_seen:02d}-{name}.png"), full_page=True)

    def check_accessibility(self, where: str) -> None:
        results = self.axe.run(self.page)
        for violation in results.response["violations"]:
            if violation.get("impact") in BLOCKING_IMPACTS:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                self.problems.append(
                    f"axe {violation['impact']} {violation['id']} at {where}: {targets}"
                )


def crawl_two_clicks(crawl: Crawl) -> None:
    home = crawl.sign_in()
    first_clicks = crawl.visit(home, "sign-in")
    second_clicks: list[tuple[str, str]] = []
    for url in dict.fromkeys(first_clicks):
        path = urlparse(url).path
        second_clicks.extend((link, path) for link in crawl.visit(url, "home"))
    for url, came_from in dict.fromkeys(second_clicks):
        crawl.visit(url, came_from)


def test_the_demo_has_the_roles_the_crawl_expects(demo_site):
    assert set(demo_site.one_account_per_role()) == EXPECTED_ROLES


@pytest.mark.parametrize("role", sorted(EXPECTED_ROLES))
def test_every_page_two_clicks_from_home_works(role, demo_site, browser: Browser, _axe):
    account = demo_site.one_account_per_role()[role]
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    crawl = Crawl(site=demo_site, account=account, page=page, axe=_axe)
    page.on(
        "console",
        lambda message: (
            crawl.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: crawl.console_errors.append(str(error)))
    try:
        crawl_two_clicks(crawl)
    finally:
        context.close()
    assert crawl.pages_seen > 1, f"{role}: the home page had no links to follow"
    report = "\n".join(crawl.problems)
    (CRAWL_DIR / role).mkdir(parents=True, exist_ok=True)
    (CRAWL_DIR / role / "problems.txt").write_text(report)
    if crawl.problems:
        pytest.fail(
            f"{role} ({account.username}): {len(crawl.problems)} problem(s) in "
            f"{crawl.pages_seen} pages; screenshots in {CRAWL_DIR / role}:\n  "
            + "\n  ".join(crawl.problems)
            + "\n\nserver errors:\n"
            + demo_site.server_errors(),
            pytrace=False,
        )
