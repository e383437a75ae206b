"""The Unpaid work tab of a case: what the officer (and anyone who reads the case) sees of
the unpaid work order's progress. Read-only; the record is kept by the unpaid work team."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.pages import case_context, case_page
from unpaidwork import rules, selectors
from unpaidwork.models import UnpaidWorkOrder
from unpaidwork.policy import current


@require_GET
@case_page("unpaidwork:case_unpaid_work")
def case_unpaid_work(request: HttpRequest, opened) -> HttpResponse:
    orders = list(UnpaidWorkOrder.objects.filter(case=opened.case).order_by("-start_date", "-pk"))
    progress = selectors.progress_for_orders(orders)
    recent = selectors.recent_sessions_for_orders(orders)
    today = timezone.localdate()
    per_week = current().sessions_per_week
    rows = []
    for order in orders:
        made = progress[order.pk]
        rows.append(
            {
                "order": order,
                "progress": made,
                "projected": rules.projected_completion(
                    made.remaining_minutes, today, sessions_per_week=per_week
                )
                if not made.complete
                else None,
                "sessions": recent[order.pk],
            }
        )
    return render(
        request,
        "unpaidwork/case_unpaid_work.html",
        case_context(request, opened, "unpaidwork:case_unpaid_work", rows=rows),
    )
