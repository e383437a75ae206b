"""Forms that change the case (placeholder: each view is being built)."""

from django.http import Http404


def case_create(request, *args, **kwargs):
    raise Http404


def person_edit(request, *args, **kwargs):
    raise Http404


def order_add(request, *args, **kwargs):
    raise Http404


def requirement_add(request, *args, **kwargs):
    raise Http404


def allocate(request, *args, **kwargs):
    raise Http404


def risk_edit(request, *args, **kwargs):
    raise Http404


def registration_add(request, *args, **kwargs):
    raise Http404


def registration_review(request, *args, **kwargs):
    raise Http404


def registration_end(request, *args, **kwargs):
    raise Http404


def needs_edit(request, *args, **kwargs):
    raise Http404


def contact_level_change(request, *args, **kwargs):
    raise Http404


def contact_level_apply_grid(request, *args, **kwargs):
    raise Http404


def contact_level_decide(request, *args, **kwargs):
    raise Http404


def escalation_raise(request, *args, **kwargs):
    raise Http404


def escalation_progress(request, *args, **kwargs):
    raise Http404


def access_lists(request, *args, **kwargs):
    raise Http404
