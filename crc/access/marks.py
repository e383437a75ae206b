"""Every URL pattern is bound to a policy check, and says which.

The decorators here both enforce and mark: `page_view(Page.X)` refuses (404) anyone the
page table does not admit; `mark_case_view` is applied by the case pages' own decorator
(cases.pages.case_page, which opens the case through crc.access.services.case_open);
`public_view` marks the few pages anyone may reach (sign-in, health, accessibility);
`partner_endpoint` marks API views that go through crc.api's partner allow-list.

URLs handled entirely by another policy layer are listed once, in DELEGATED_PREFIXES.
`unmarked_patterns()` walks a URL conf and names every pattern that is neither marked
nor delegated; a test runs it over the project's URL conf, so a new unmarked URL fails
the build.
"""

import functools
from dataclasses import dataclass

from django.http import Http404
from django.urls import URLPattern, URLResolver, get_resolver

from crc.access.pages import Page, may_use

MARK = "crc_access_policy"

# Whole URL subtrees that answer to their own policy layer, not to these decorators.
DELEGATED_PREFIXES: dict[str, str] = {
    "admin/": (
        "Django admin: staff-only site (ADMIN_SITE_ROLES set is_staff), model permissions "
        "per role, and case querysets scoped through crc.access in cases/admin_base.py"
    ),
    "o/": "django-oauth-toolkit: client-credentials token and revoke, client secret checked",
}


@dataclass(frozen=True)
class Policy:
    kind: str  # "public" | "page" | "case" | "partner"
    detail: str = ""


def _mark(target, policy: Policy):
    setattr(target, MARK, policy)
    return target


def public_view(view):
    """Anyone may reach it, signed in or not (sign-in steps, health, accessibility)."""
    return _mark(view, Policy("public"))


def page_view(page: Page):
    """Only people the page table admits; anyone else gets 404."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may_use(request.user, page):
                raise Http404
            return view(request, *args, **kwargs)

        return _mark(wrapper, Policy("page", str(page)))

    return decorator


def mark_case_view(view, action) -> object:
    """For the case pages' decorator, which opens the case through case_open."""
    return _mark(view, Policy("case", str(action)))


def case_view(action):
    """Mark a view that finds its case through visible_cases itself (not case_page)."""

    def decorator(view):
        return mark_case_view(view, action)

    return decorator


def partner_endpoint(view_class):
    """A DRF view (or mixin) that authenticates a partner and checks crc.api's allow-list."""
    return _mark(view_class, Policy("partner"))


def policy_of(callback) -> Policy | None:
    for target in (callback, getattr(callback, "cls", None), getattr(callback, "view_class", None)):
        policy = getattr(target, MARK, None) if target is not None else None
        if policy is not None:
            return policy
    return None


def walk(resolver=None, prefix: str = ""):
    """Yield (route, pattern) for every URL pattern, with its full route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def delegated(route: str) -> bool:
    return any(route.startswith(prefix) for prefix in DELEGATED_PREFIXES)


def unmarked_patterns(resolver=None) -> list[str]:
    """Routes whose view carries no policy mark and sit under no delegated prefix."""
    return [
        route
        for route, pattern in walk(resolver)
        if not delegated(route) and policy_of(pattern.callback) is None
    ]
