"""The inbox: thin views over the notifications selectors and services."""

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from crc.access.marks import page_view
from crc.access.pages import Page as AccessPage
from crc.notifications import selectors, services
from crc.notifications.models import Notification, is_relative_path

PAGE_SIZE = 25


def _pagination(page: Page, base: str) -> dict:
    """govukPagination parameters: numbered links with ellipses around the current page."""
    if page.paginator.num_pages <= 1:
        return {}
    params: dict = {"items": []}
    if page.has_previous():
        params["previous"] = {"href": f"{base}?page={page.previous_page_number()}"}
    if page.has_next():
        params["next"] = {"href": f"{base}?page={page.next_page_number()}"}
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            params["items"].append({"ellipsis": True})
        else:
            params["items"].append(
                {
                    "number": number,
                    "href": f"{base}?page={number}",
                    "current": number == page.number,
                }
            )
    return params


@require_GET
@page_view(AccessPage.INBOX)
def inbox(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.notifications_for_user(user=request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "notifications": selectors.notifications_for_display(
                user=request.user, notifications=list(page.object_list)
            ),
            "pagination": _pagination(page, reverse("notifications:inbox")),
        },
    )


def _notification_or_404(request: HttpRequest, notification_id: int) -> Notification:
    """The reader's own notification. Someone else's, or one about a case the reader may
    no longer see, is 404 alike, never 403: nobody learns which notification ids exist."""
    try:
        return selectors.notification_get_for_user(
            user=request.user, notification_id=notification_id
        )
    except Notification.DoesNotExist:
        raise Http404 from None


@require_GET
@page_view(AccessPage.INBOX)
def notification_detail(request: HttpRequest, notification_id: int) -> HttpResponse:
    """One notification: where the e-mail's link leads (the e-mail itself says nothing)."""
    notification = _notification_or_404(request, notification_id)
    selectors.notifications_for_display(user=request.user, notifications=[notification])
    return render(request, "notifications/detail.html", {"notification": notification})


@require_POST
@page_view(AccessPage.INBOX)
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _notification_or_404(request, notification_id)
    services.notification_mark_read(notification=notification, user=request.user)
    # Checked again here, not only at save time: the redirect must never leave the site.
    if notification.url and is_relative_path(notification.url):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
@page_view(AccessPage.INBOX)
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    return redirect("notifications:inbox")
