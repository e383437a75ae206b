"""What every case page shares: opening the case named in the URL through crc.access
(`case_page`), the tabs and context every case page renders with, pagination links,
and the helpers the forms that change the case use to call a service and show its
refusal on the form.

Every form page has one shape. It opens the case through `case_page` (or
`case_form_page`) with the action it performs, so a user out of scope, or in scope but
not permitted, gets 404 and one access-log row. GET shows the form; POST validates it
and calls one service (`submitted`). A refusal from the service goes back on the form
(status 200, nothing saved); success redirects to the tab that shows the change
(`success`: post/redirect/get).
"""

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from cases import selectors
from crc.access.marks import mark_case_view
from crc.access.policy import Action
from crc.access.services import ReasonRequired, case_open
from crc.domain import DomainError, StaleVersionError

# Tabs in order. A tab whose URL is not wired (a sub-package still being built) is left out.
CASE_TABS = [
    ("cases:overview", "Overview"),
    ("cases:risk", "Risk and tier"),
    ("cases:assessment", "Assessment and plan"),
    ("cases:contacts", "Contacts"),
    ("cases:reviews", "Reviews"),
    ("cases:timeline", "Timeline"),
    ("cases:sentence", "Sentence"),
    ("unpaidwork:case_unpaid_work", "Unpaid work"),
    ("interventions:case_interventions", "Interventions"),
    ("cases:history", "History"),
]


def case_page(page: str, action: Action = Action.READ):
    """Open the case named in the URL for this user, or 404 (logged either way).

    A user who may see the case but has no relationship to it is sent to say why first.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, crn: str, *args, **kwargs) -> HttpResponse:
            try:
                opened = case_open(
                    request=request,
                    queryset=selectors.case_detail_queryset(),
                    crn=crn,
                    page=page,
                    action=action,
                )
            except ReasonRequired as needed:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('cases:reason', args=[needed.case.crn])}?{query}")
            return view(request, opened, *args, **kwargs)

        return mark_case_view(wrapper, action)

    return decorator


def case_form_page(page: str, action: Action):
    """A case page with a form (GET shows it, POST saves it): the two decorators every
    such page carries, written once."""

    def decorator(view):
        return require_http_methods(["GET", "POST"])(case_page(page, action)(view))

    return decorator


def case_tabs(case, active: str, access=None) -> list[dict]:
    """The tabs this user may open (crc.access decides which case pages, for who)."""
    tabs = []
    for name, text in CASE_TABS:
        if access is not None and not access.may_open(name):
            continue
        try:
            href = reverse(name, args=[case.crn])
        except NoReverseMatch:
            continue
        tabs.append({"href": href, "text": text, "active": name == active})
    return tabs


def case_context(request: HttpRequest, opened, tab: str, **extra) -> dict:
    case = opened.case
    return {
        "case": case,
        "access": opened.access,
        "Action": Action,
        "tabs": case_tabs(case, tab, opened.access),
        **extra,
    }


def paginate(request: HttpRequest, rows, per_page: int, text: str) -> tuple:
    """The page of ``rows`` the query string asks for, and its mojPagination links
    counting ``text`` ("3 of 40 contacts")."""
    page_obj = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return page_obj, page_links(request, page_obj, text)


def page_links(request: HttpRequest, page_obj, text: str = "cases") -> dict:
    """Parameters for mojPagination, keeping the filters in the links."""

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    items = []
    for number in page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    ):
        if number == page_obj.paginator.ELLIPSIS:
            items.append({"type": "dots"})
        else:
            items.append(
                {"text": number, "href": href(number), "selected": number == page_obj.number}
            )
    return {
        "items": items,
        "previous": {"href": href(page_obj.previous_page_number())}
        if page_obj.has_previous()
        else None,
        "next": {"href": href(page_obj.next_page_number())} if page_obj.has_next() else None,
        "results": {
            "from": page_obj.start_index(),
            "to": page_obj.end_index(),
            "count": page_obj.paginator.count,
            "text": text,
        },
    }


def form_error(form, error: Exception, field_map: dict[str, str] | None = None) -> None:
    """Put a refusal from a service on the form: on its field when the form has that
    field, otherwise at the top of the error summary."""
    field_map = field_map or {}

    def add(field: str | None, message: str) -> None:
        field = field_map.get(field, field)
        form.add_error(field if field in form.fields else None, message)

    if isinstance(error, DomainError):
        add(error.field, error.message)
    elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        # Model validation (full_clean) behind the service: the form should have caught
        # it, so this is a safety net that still changes nothing and says why.
        for field, errors in error.message_dict.items():
            for message in errors:
                add(None if field == "__all__" else field, message)
    else:
        for message in getattr(error, "messages", [str(error)]):
            add(None, message)


def attempt(form, call: Callable[[], object], field_map: dict[str, str] | None = None):
    """Run a service call; on refusal record the error on the form and return None.

    A stale save (crc.stale) is shown by the form itself when it is a VersionedForm:
    what is saved now beside the user's answers, and the version moved on."""
    try:
        return call()
    except StaleVersionError as error:
        if hasattr(form, "show_stale"):
            form.show_stale(error)
        else:
            form_error(form, error, field_map)
        return None
    except (DomainError, ValidationError) as error:
        form_error(form, error, field_map)
        return None


def submitted(form, call: Callable[[], object], field_map: dict[str, str] | None = None):
    """The POST half every form page shares: a valid form (bound only to a POST) runs the
    service call through `attempt`. What the service returned, or None (a GET, an invalid
    form, or a refusal now shown on the form), when the page shows the form again."""
    if form.is_valid():
        return attempt(form, call, field_map)
    return None


def save_answers(form, save: Callable[..., object], field_map: dict[str, str] | None = None):
    """`submitted` for a service whose other keyword arguments are the form's fields:
    ``save`` (the service with the record and the user bound, functools.partial) is
    called with the form's answers."""
    return submitted(form, lambda: save(**form.cleaned_data), field_map)


def success(request, message: str, *to) -> HttpResponse:
    """Saved: say so on the page the user is sent back to (post/redirect/get); ``to`` is
    what `redirect` takes."""
    messages.success(request, message)
    return redirect(*to)


def act(request, call: Callable[[], object], done: str, refused=messages.error) -> None:
    """A button that changes something without a form: the service's refusal, or
    ``done``, shows as a banner on the page the view then redirects to."""
    try:
        call()
    except DomainError as error:
        refused(request, error.message)
    else:
        messages.success(request, done)


def render_edit(request, template: str, opened, **extra) -> HttpResponse:
    # No tab is marked current: a form is not the tab page, and aria-current would say so.
    return render(request, f"cases/edit/{template}", case_context(request, opened, "", **extra))


def tab_url(name: str, case) -> str:
    return reverse(name, args=[case.crn])
