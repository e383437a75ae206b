"""The public community nomination form: no sign-in. A honeypot field and a per-address
rate limit (in the cache) keep spam out; a spam submission stores nothing and looks, to
the bot, like success. Staff review what is stored (unpaidwork.coordination)."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cases.pages import attempt
from crc.access.marks import public_view
from crc.organisation.client_ip import client_ip
from crc.organisation.middleware import two_factor_not_required
from unpaidwork import services
from unpaidwork.coordination_forms import PublicNominationForm

# At most this many nominations from one address per window (a community group may send
# a few; a script may not send hundreds).
NOMINATIONS_PER_WINDOW = 5
WINDOW_SECONDS = 60 * 60
TOO_MANY = (
    "You have sent a lot of nominations from this connection in the last hour. "
    "Try again later, or email the unpaid work team."
)


def _over_limit(request: HttpRequest) -> bool:
    """Count this submission against the address; True when it is over the limit."""
    key = f"uw-nominate:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > NOMINATIONS_PER_WINDOW


@public_view
@login_not_required
@two_factor_not_required
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest) -> HttpResponse:
    form = PublicNominationForm()
    status = 200
    if request.method == "POST":
        form = PublicNominationForm(request.POST)
        if _over_limit(request):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.spam():
            # Nothing stored; the bot is told nothing useful.
            return redirect("unpaidwork:nominate_thanks")
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            if attempt(form, lambda: services.nomination_submit(**data)):
                return redirect("unpaidwork:nominate_thanks")
    return render(request, "unpaidwork/public/nominate.html", {"form": form}, status=status)


@public_view
@login_not_required
@two_factor_not_required
@require_GET
def nominate_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "unpaidwork/public/thanks.html")
