"""Personal data never lands in a browser's or a proxy's cache.

Case pages, the API and the admin carry special-category data; a shared terminal's
back button or disk cache must not show it to the next person. Every response our
views produce is `Cache-Control: no-store` (directives a view set are kept). Static
assets never reach this middleware: whitenoise answers them further out, with its own
long-lived caching.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response


class AdminInlineStyleMiddleware:
    """Lets the Django admin's own inline styles through the Content Security Policy.

    The admin's widgets (the related-object wrappers, the two-box team picker, the
    date shortcuts) write `style` attributes that `style-src 'self'` blocks, which
    broke their layout (found by the crawl's console check). Inline *styles* cannot run
    code, and the admin is staff-only behind two-factor sign-in, so the allowance is
    made there alone; our own pages keep the strict policy. It must sit after
    CSPMiddleware in MIDDLEWARE, so that its response runs first and CSPMiddleware
    reads the update (django-csp 4's `_csp_update`, as its `csp_update` decorator sets).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response


ADMIN_PREFIX = "/admin/"
