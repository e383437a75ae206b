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
