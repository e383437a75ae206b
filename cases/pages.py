"""What every case page shares: opening the case named in the URL through crc.access
(`case_page`), the tabs and context every case page renders with, pagination links,
and the helpers the forms that change the case use to call a service and show its
refusal on the form."""

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

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


def page_links(request: HttpRequest, page_obj) -> dict:
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
            "text": "cases",
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


def render_edit(request, template: str, opened, **extra) -> HttpResponse:
    # No tab is marked current: a form is not the tab page, and aria-current would say so.
    return render(request, f"cases/edit/{template}", case_context(request, opened, "", **extra))


def tab_url(name: str, case) -> str:
    return reverse(name, args=[case.crn])
