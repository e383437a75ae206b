"""The UI shell: signing in and out, the layout every page shares, home, error pages."""

import re

import pytest
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from crc import navigation, views
from crc.forms_adapter import GovukDateField
from tests import conftest
from tests.factories import NotificationFactory

PASSWORD = "correct-horse-battery"  # tests.factories.StaffFactory's password

ALL_PERSONAS = [
    "officer",
    "pso",
    "spo",
    "area_manager",
    "qpm",
    "service_centre",
    "administrator",
]
ADMIN_PERSONAS = {"service_centre", "administrator"}


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def internal_links(html: str) -> set[str]:
    """Every same-site page the HTML links to (not the static assets)."""
    return {
        href for href in re.findall(r'href="(/[^"]*)"', html) if not href.startswith("/assets/")
    }


# --- Signing in ---------------------------------------------------------------------


def test_a_wrong_password_shows_the_error_summary_and_signs_nobody_in(client, officer):
    response = sign_in(client, "officer", "not-the-password")

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'data-module="govuk-error-summary"' in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html
    assert signed_in_user_id(client) is None


def test_an_unknown_username_gets_the_same_message_as_a_wrong_password(client, officer):
    wrong_password = sign_in(client, "officer", "not-the-password").content.decode()
    unknown_user = sign_in(client, "nobody-by-this-name", "not-the-password").content.decode()

    def errors(html):
        return re.findall(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)

    assert errors(wrong_password) == errors(unknown_user)
    assert errors(unknown_user)


def test_empty_fields_are_named_in_the_error_summary(client, db):
    html = sign_in(client, "", "").content.decode()

    assert 'href="#id_username"' in html
    assert "Enter your username" in html
    assert "Enter your password" in html


def test_the_right_password_leads_to_the_second_factor_step(client, officer):
    response = sign_in(client, "officer")

    assert response.status_code == 302
    assert response.url == "/login/two-factor/set-up/"
    assert signed_in_user_id(client) == str(officer.pk)


def test_it_carries_next_within_the_service_to_the_second_factor_step(client, officer):
    response = sign_in(client, "officer", next="/accessibility/")

    assert response.url == "/login/two-factor/set-up/?next=%2Faccessibility%2F"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_it_never_follows_next_to_another_site(client, officer, target):
    response = sign_in(client, "officer", next=target)

    assert response.status_code == 302
    assert response.url == "/login/two-factor/set-up/"


def test_the_login_page_keeps_next_in_the_form(client, db):
    html = client.get("/login/?next=/accessibility/").content.decode()

    assert '<input type="hidden" name="next" value="/accessibility/">' in html


def test_six_failed_attempts_lock_the_account_out(client, officer, settings):
    for _ in range(6):
        response = sign_in(client, "officer", "not-the-password")

    assert response.status_code == 429
    html = response.content.decode()
    assert "You cannot sign in at the moment" in html
    assert f"try again in {int(settings.AXES_COOLOFF_TIME * 60)} minutes" in html
    # Locked means locked: even the right password is refused now.
    assert sign_in(client, "officer").status_code == 429
    assert signed_in_user_id(client) is None


def test_a_signed_in_person_visiting_login_goes_home(client, officer):
    conftest.sign_in(client, officer)

    response = client.get("/login/")

    assert response.status_code == 302
    assert response.url == "/"


# --- Signing out ---------------------------------------------------------------------


def test_signing_out_by_get_is_refused(client, officer):
    conftest.sign_in(client, officer)

    response = client.get("/logout/")

    assert response.status_code == 405
    assert signed_in_user_id(client) == str(officer.pk)


def test_signing_out_by_post_ends_the_session_and_says_so(client, officer):
    conftest.sign_in(client, officer)

    response = client.post("/logout/", follow=True)

    assert response.redirect_chain == [("/login/", 302)]
    assert signed_in_user_id(client) is None
    html = response.content.decode()
    assert "govuk-notification-banner--success" in html
    assert "You have signed out" in html


def test_the_timeout_sign_out_says_why(client, officer):
    conftest.sign_in(client, officer)

    response = client.post("/logout/", {"reason": "timeout"}, follow=True)

    html = response.content.decode()
    assert "You were signed out because you had not done anything for a while" in html
    assert "You have signed out" not in html


def test_signing_out_an_expired_session_still_lands_on_login(client, db):
    response = client.post("/logout/", {"reason": "timeout"})

    assert response.status_code == 302
    assert response.url == "/login/"


# --- Home -------------------------------------------------------------------------


def test_signed_out_home_redirects_to_login(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/login/?next=/"


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_each_role_sees_their_name_and_role_and_only_links_they_may_follow(
    client, request, persona
):
    person = request.getfixturevalue(persona)
    conftest.sign_in(client, person)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert person.get_full_name() in html
    assert person.get_role_display() in html
    # Whether a page is theirs is crc.access's page table (navigation.visible_items); the
    # home page and the header must show exactly those, never another role's.
    allowed = {reverse(item.url_name) for item in navigation.visible_items(person)}
    shell = {"/", "/accessibility/", reverse("notifications:inbox"), "/account/password/"}
    if persona in ADMIN_PERSONAS:
        shell.add("/admin/")
    assert internal_links(html) == allowed | shell
    hidden = {reverse(item.url_name) for item in navigation.all_items()} - allowed
    assert not internal_links(html) & hidden
    # The shell's own links must open for them.
    for href in shell:
        assert client.get(href).status_code == 200, f"{persona} was shown {href}"


def test_an_officer_is_greeted_with_their_team_and_area(client, officer):
    conftest.sign_in(client, officer)

    html = client.get("/").content.decode()

    assert "Hello, Olu Officer" in html
    assert "Islington A, Islington" in html
    assert "North" in html
    assert "Your appointments and what is waiting on your cases." in html


def test_service_centre_staff_are_pointed_at_the_admin(client, service_centre):
    conftest.sign_in(client, service_centre)

    html = client.get("/").content.decode()

    assert "You manage staff accounts, teams and partner organisations in the admin." in html
    assert 'href="/admin/">Admin</a>' in html


def test_the_header_shows_the_person_the_inbox_count_and_a_sign_out_form(client, officer):
    for n in range(3):
        NotificationFactory(recipient=officer, subject=f"Notification {n}")
    conftest.sign_in(client, officer)

    html = client.get("/").content.decode()

    assert "Olu Officer" in html
    assert "(Probation officer)" in html
    inbox = reverse("notifications:inbox")
    assert f'href="{inbox}"' in html
    assert re.search(r'moj-notification-badge.*?<span aria-hidden="true">3</span>', html, re.S)
    assert "(3 unread)" in html
    assert re.search(r'<form[^>]*method="post" action="/logout/">', html)


def test_no_unread_notifications_shows_no_count(client, officer):
    conftest.sign_in(client, officer)

    html = client.get("/").content.decode()

    assert "moj-notification-badge" not in html


def test_signed_in_pages_carry_the_timeout_warning(client, officer, settings):
    conftest.sign_in(client, officer)

    html = client.get("/").content.decode()

    assert 'data-module="crc-timeout-warning"' in html
    assert f'data-timeout-seconds="{settings.SESSION_COOKIE_AGE}"' in html
    assert 'data-warning-seconds="120"' in html


def test_signed_out_pages_have_no_timeout_warning(client, db):
    html = client.get("/login/").content.decode()

    assert "crc-timeout-warning" not in html


def test_the_keep_alive_answers_with_no_content(officer):
    request = RequestFactory().get("/session/keep-alive/")
    request.user = officer
    request.session = SessionStore()

    response = views.session_keep_alive(request)

    assert response.status_code == 204
    assert "no-cache" in response["Cache-Control"]
    # Saved whatever the once-a-minute refresh rule would do.
    assert request.session.modified is True


# --- Public and error pages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "expected"),
    [
        pytest.param(
            "/login/",
            200,
            [
                "<title>Sign in - Manage a probation case</title>",
                'class="govuk-input',
                'name="username"',
                'name="password"',
                "govuk-password-input",
                'class="govuk-button"',
                "Sign in",
                "csrfmiddlewaretoken",
            ],
            id="the login page is a GOV.UK form",
        ),
        pytest.param(
            "/accessibility/",
            200,
            [
                "Accessibility statement for Manage a probation case",
                "WCAG",
                "2.2",
                "Enforcement procedure",
                "axe-core",
            ],
            id="the accessibility statement",
        ),
        pytest.param(
            "/no-such-page/",
            404,
            [
                "<title>Page not found - Manage a probation case</title>",
                '<h1 class="govuk-heading-l">Page not found</h1>',
                "govuk-template",
            ],
            id="an unknown address is our 404 page",
        ),
    ],
)
def test_a_public_page_answers_anyone_with_our_own_page(
    client, db, settings, url, status, expected
):
    assert settings.DEBUG is False  # Django's debug pages are not ours

    response = client.get(url)

    assert response.status_code == status
    html = response.content.decode()
    for text in expected:
        assert text in html


def test_every_page_links_to_the_accessibility_statement(client, db):
    html = client.get("/login/").content.decode()

    assert 'href="/accessibility/">Accessibility statement</a>' in html


def test_the_403_page_is_ours(officer):
    request = RequestFactory().get("/somewhere/")
    request.user = officer

    response = views.permission_denied(request)

    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_the_500_page_renders_without_touching_the_database(django_assert_num_queries, db):
    request = RequestFactory().get("/broken/")

    with django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Manage a probation case" in html


# --- Security headers and the page template ----------------------------------------


def test_the_inline_script_carries_the_nonce_and_assets_are_external(client, officer):
    conftest.sign_in(client, officer)

    response = client.get("/")

    assert response.has_header("Content-Security-Policy")
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the GOV.UK js-enabled snippet is missing"
    for attributes in inline:
        assert re.search(r'nonce="[A-Za-z0-9+/=]{16,}"', attributes)
    assert '<script type="module" src="/assets/js/app.mjs"></script>' in html
    assert 'href="/assets/govuk/govuk-frontend.min.css"' in html
    assert 'href="/assets/moj/moj-frontend.min.css"' in html
    assert " style=" not in html


def test_the_csp_header_allows_exactly_the_nonce_on_the_page(client, officer):
    conftest.sign_in(client, officer)

    response = client.get("/")

    nonce = re.search(r'<script nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_static_assets_the_layout_loads_exist(client, db):
    for path in [
        "/assets/govuk/govuk-frontend.min.css",
        "/assets/moj/moj-frontend.min.css",
        "/assets/css/app.css",
        "/assets/js/app.mjs",
        "/assets/js/timeout-warning.mjs",
        "/assets/govuk/govuk-frontend.min.js",
        "/assets/moj/moj-frontend.min.js",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith((".js", ".mjs")):
            # Browsers refuse module scripts served with any other type.
            assert response["Content-Type"].startswith("text/javascript"), path


# --- Macros -------------------------------------------------------------------------


class EveryKindForm(forms.Form):
    name = forms.CharField(help_text="As on their passport")
    notes = forms.CharField(widget=forms.Textarea)
    tier = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    outcome = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(
        choices=[("housing", "Housing"), ("work", "Work")], widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField()
    start = GovukDateField(label="Start date")
    secret = forms.CharField(widget=forms.PasswordInput)


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("name", 'class="govuk-input"'),
        ("notes", 'class="govuk-textarea'),
        ("tier", 'class="govuk-select'),
        ("outcome", 'class="govuk-radios'),
        ("needs", 'class="govuk-checkboxes'),
        ("consent", 'class="govuk-checkboxes'),
        ("start", 'class="govuk-date-input'),
        ("secret", 'data-module="govuk-password-input"'),
    ],
)
def test_the_field_macro_picks_the_govuk_component_for_each_kind(name, marker):
    html = render(
        '{% from "macros/forms.html" import field %}{{ field(form[name]) }}',
        form=EveryKindForm(),
        name=name,
    )

    assert marker in html
    assert "kind" not in html


def test_choices_are_grouped_under_a_legend_and_errors_are_shown():
    form = EveryKindForm(data={})
    form.is_valid()

    html = render(
        '{% from "macros/forms.html" import field, error_summary %}'
        '{{ error_summary(form) }}{{ field(form["outcome"]) }}',
        form=form,
    )

    assert "govuk-fieldset__legend" in html
    assert ">\n      Outcome\n" in html or "Outcome</legend>" in html or "Outcome" in html
    assert "govuk-error-summary" in html
    assert "govuk-error-message" in html


def test_no_error_summary_for_a_valid_or_unbound_form():
    html = render(
        '{% from "macros/forms.html" import error_summary %}[{{ error_summary(form) }}]',
        form=EveryKindForm(),
    )

    assert html == "[]"


def test_the_moj_macros_render_moj_markup():
    html = render(
        '{% from "macros/moj.html" import mojBadge, mojSubNavigation, mojSortableTable,'
        " mojPageHeaderActions %}"
        '{{ mojBadge({"text": "High RoSH", "classes": "moj-badge--red"}) }}'
        '{{ mojSubNavigation({"label": "Case", "items": [{"text": "Overview", "href": "/c/",'
        ' "active": true}]}) }}'
        '{{ mojSortableTable({"head": [{"text": "Name", "attributes": {"aria-sort": "none"}}],'
        ' "rows": [[{"text": "Ann"}]]}) }}'
        '{{ mojPageHeaderActions({"heading": {"text": "Case"}, "items": [{"text": "Add"}]}) }}'
    )

    assert 'class="moj-badge moj-badge--red"' in html
    assert 'aria-current="page"' in html
    assert 'data-module="moj-sortable-table"' in html
    assert 'aria-sort="none"' in html
    assert "moj-page-header-actions" in html
