"""Every URL pattern is bound to a crc.access policy check (issue 8, "Done when")."""

from django.http import HttpResponse
from django.urls import path

from crc.access.marks import DELEGATED_PREFIXES, page_view, public_view, unmarked_patterns, walk
from crc.access.pages import Page


def test_every_url_pattern_in_the_project_is_marked_or_delegated():
    unmarked = unmarked_patterns()
    assert unmarked == [], (
        "These URL patterns are bound to no crc.access check; decorate the view with "
        f"page_view/public_view/case_page/partner_endpoint: {unmarked}"
    )


def test_the_walk_reaches_case_pages_api_admin_and_oauth():
    routes = [route for route, _ in walk()]
    assert "cases/<str:crn>/" in routes
    assert "api/v1/information-requests/" in routes
    assert "o/token/" in routes
    assert any(route.startswith("admin/") for route in routes)


def test_the_delegated_layers_are_only_the_admin_and_oauth():
    assert set(DELEGATED_PREFIXES) == {"admin/", "o/"}


class _ExtraUrls:
    """A URL conf with one marked, one public and one unmarked pattern."""

    urlpatterns = [
        path("marked/", page_view(Page.HOME)(lambda request: HttpResponse())),
        path("public/", public_view(lambda request: HttpResponse())),
        path("forgotten/", lambda request: HttpResponse()),
    ]


def test_adding_a_url_with_no_policy_check_fails_the_check():
    from django.urls import URLResolver
    from django.urls.resolvers import RegexPattern

    resolver = URLResolver(RegexPattern(r"^/"), _ExtraUrls)
    assert unmarked_patterns(resolver) == ["forgotten/"]
