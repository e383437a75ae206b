"""The bases of the service centre's admin over the case record: CaseRecordAdmin for
case data, PolicyAdmin for policy tables. Each wing registers its models with them in
its own admin.py (cases/admin.py imports them all).

Three rules shape everything here:

- One access policy. Every queryset goes through crc.access.policy.visible_cases, so a
  case hidden from someone by an exclusion or restriction list is absent from their
  lists, counts, filters and history, and its URLs are 404 (Django's admin would
  otherwise redirect with "doesn't exist", and simple-history would fall back to the
  history rows of an object the queryset does not return).
- Every page that shows one case writes one access-log row (DPA 2018 s.62), and so does
  every refusal (an id out of scope or missing, an action on rows the user cannot see).
- Relationship or reason, as on the case pages. Someone with no working relationship to
  a case (an administrator) states a reason before its page opens; the reason is logged
  with every view of the case for 30 minutes (crc.access.services). Lists and searches
  show such a person no case data until they have given a reason for that case: a list
  shows only the cases with a current reason, and a search for a CRN asks for the reason
  first. (A reason per row shown would have meant either no list at all or an
  unlogged glimpse of every case; a CRN is what support work starts from anyway.)
- The admin never bypasses the services: tier, allocation, risk and status change only
  through the case pages; person details are saved through case_update_person so that a
  corrected sex still recalculates the tier. History is the record, so nothing is deleted.
"""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from simple_history.admin import SimpleHistoryAdmin

from cases.forms import AccessReasonForm
from cases.models import Case
from crc.access.models import AccessKind
from crc.access.policy import (
    case_access,
    must_state_reason,
    visible_cases,
)
from crc.access.services import (
    access_log_record,
    case_use_record,
    case_use_record_many,
    reason_state,
    reasoned_case_ids,
    stated_reason,
)
from crc.admin_base import GuardedHistoryAdmin, SeededPolicyAdmin, ViewOnlyAdminMixin

CRN_SEARCH = re.compile(r"[A-Za-z][0-9]{6}")


def _visible_case_ids(request) -> QuerySet:
    # A subquery, not a list: the scoped queryset stays one query however many cases.
    return visible_cases(request.user, Case.objects.all()).values("pk")


class CaseRecordAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    """Scoped, logged and read-only unless a subclass says otherwise (records are created
    by the case pages through the services).

    case_path is the lookup from the model to its case ("case", "order__case"); it also
    gives the CRN search and the joins (list_select_related defaults to the case and
    the other foreign keys of list_display). Subclasses that are editable override the
    has_*_permission methods.
    """

    case_path = "case"
    # Every list is searched by its case's CRN, ahead of any search_fields: support work
    # starts from a CRN, and a reason-bound list asks for one (changelist_view).
    search_by_crn = True

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        if not self.search_by_crn or self.model is Case:
            return fields
        return [f"={self.case_path}__crn", *fields]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        queryset = queryset.filter(**{f"{self.case_path}__in": _visible_case_ids(request)})
        return self.reasoned_only(request, queryset)

    def get_list_select_related(self, request):
        # The case of each row is read for the access log: joined, not one query a row.
        # (A select_related in get_queryset would make the changelist skip this list.)
        related = super().get_list_select_related(request)
        if related is True or self.model is Case:
            return related
        if not related:
            related = [
                name
                for name in self.get_list_display(request)
                if isinstance(name, str)
                and any(f.name == name and f.many_to_one for f in self.model._meta.fields)
            ]
        return list(dict.fromkeys([*related, self.case_path]))

    def case_of(self, obj) -> Case:
        for name in self.case_path.split("__"):
            obj = getattr(obj, name)
        return obj

    def case_pk_lookup(self) -> str:
        return f"{self.case_path}__pk__in"

    # --- Relationship or reason ----------------------------------------------------------

    def lists_need_reasons(self, request) -> bool:
        # Those whose views always need a reason (crc.access.policy): no relationship to
        # any case, so no row of a list may show before they say why.
        return must_state_reason(request.user)

    def reasoned_only(self, request, queryset: QuerySet) -> QuerySet:
        if getattr(request, "_crc_list_needs_reasons", False):
            return queryset.filter(**{self.case_pk_lookup(): reasoned_case_ids(request)})
        return queryset

    def reason_for(self, request, case) -> str | None:
        """The reason to log with a view of this case: "" with a relationship, the stated
        reason without one, or None when the user must state it first."""
        if not case_access(request.user, case).needs_reason:
            return ""
        return stated_reason(request, case)

    def ask_reason(self, request, case):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_reason", args=[case.pk])
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")

    def get_urls(self):
        opts = self.model._meta
        reason = path(
            "reason/<int:case_id>/",
            self.admin_site.admin_view(self.reason_view),
            name=f"{opts.app_label}_{opts.model_name}_reason",
        )
        # Before the admin's own patterns: "<path:object_id>/" would swallow it.
        return [reason, *super().get_urls()]

    def reason_view(self, request, case_id: int):
        """Ask why, as the case pages do (the same form, the same session record)."""
        case = visible_cases(request.user, Case.objects.all()).filter(pk=case_id).first()
        if case is None:
            self.log_denied(request, case=Case.objects.filter(pk=case_id).first())
            raise Http404
        opts = self.model._meta
        fallback = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        next_url = request.POST.get("next") or request.GET.get("next") or fallback
        safe = url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        if not safe or not next_url.startswith(reverse("admin:index")):
            next_url = fallback
        form = AccessReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reason_state(request=request, case=case, reason=form.cleaned_data["reason"])
            messages.info(
                request,
                "Your reason is recorded with every view of this case for the next 30 minutes.",
            )
            return redirect(next_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Why do you need to open {case.crn}?",
            "opts": opts,
            "form": form,
            "crn": case.crn,
            "next": next_url,
        }
        return TemplateResponse(request, "admin/case_access_reason.html", context)

    # --- Logging -------------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # A real 404, never the admin's redirect with a message: out of scope and
            # nonexistent must look the same, so nobody can probe which ids exist. The
            # attempt is logged either way.
            self.log_denied(request, case=self.unscoped_case(object_id))
            raise Http404
        return obj

    def unscoped_case(self, object_id) -> Case | None:
        """The case behind an id the user may not see, for the log only."""
        try:
            obj = self.model._default_manager.filter(pk=unquote(str(object_id))).first()
        except (ValueError, TypeError, ValidationError):
            return None
        return self.case_of(obj) if obj is not None else None

    def log_denied(self, request, *, case=None, crn: str = "") -> None:
        match = request.resolver_match
        access_log_record(
            kind=AccessKind.DENIED,
            page=f"admin:{match.url_name}" if match else request.path,
            staff=request.user,
            case=case,
            case_crn=crn,
            method=request.method,
        )

    def log_case_access(self, request, obj, page: str, reason: str = "") -> None:
        case_use_record(
            staff=request.user,
            case=self.case_of(obj),
            page=page,
            method=request.method,
            reason=reason,
        )

    def _page(self, view: str) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{view}"

    def open_logged(self, request, obj, view: str):
        """Log a view of obj's case, or return the redirect that asks why first."""
        case = self.case_of(obj)
        reason = self.reason_for(request, case)
        if reason is None:
            return self.ask_reason(request, case)
        self.log_case_access(request, obj, self._page(view), reason)
        return None

    # --- Pages -----------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if self.lists_need_reasons(request):
            query = request.GET.get("q", "").strip()
            if CRN_SEARCH.fullmatch(query):
                case = (
                    visible_cases(request.user, Case.objects.all())
                    .filter(crn=query.upper())
                    .first()
                )
                if case is None:
                    self.log_denied(request, crn=query.upper())
                elif self.reason_for(request, case) is None:
                    return self.ask_reason(request, case)
            request._crc_list_needs_reasons = True
            if request.method == "GET":
                messages.info(
                    request,
                    "Only cases you have given a reason for in the last 30 minutes are "
                    "listed. Search for a CRN to give a reason and see its records.",
                )
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if getattr(request, "_crc_list_needs_reasons", False):
            # Every case a reason-bound list shows is a view of that case, with the reason.
            seen = {}
            for obj in changelist.result_list:
                case = self.case_of(obj)
                seen.setdefault(case.pk, (obj, case))
            # One INSERT for the page, however many cases it lists.
            case_use_record_many(
                staff=request.user,
                uses=[(case, stated_reason(request, case) or "") for _, case in seen.values()],
                page=self._page("changelist"),
                method=request.method,
            )
        return changelist

    def response_action(self, request, queryset):
        # Rows picked that the user may not see are dropped by the scoped queryset; the
        # attempt on each is logged.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if selected:
            allowed = {
                str(pk) for pk in queryset.filter(pk__in=selected).values_list("pk", flat=True)
            }
            for object_id in selected:
                if object_id not in allowed:
                    self.log_denied(request, case=self.unscoped_case(object_id))
        return super().response_action(request, queryset)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if self.has_view_or_change_permission(request, obj):
                asked = self.open_logged(request, obj, "change")
                if asked is not None:
                    return asked
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks the object up in its history table when the scoped
        # queryset does not return it, which would show a hidden case's past values.
        obj = self.get_object(request, unquote(object_id))
        if self.has_view_or_change_permission(request, obj):
            asked = self.open_logged(request, obj, "history")
            if asked is not None:
                return asked
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history fetches the historical row with no queryset at all, and saves
        # a POST as a revert without asking for change permission: scope it and refuse
        # reverts here (they would rewrite derived and service-owned fields).
        obj = self.get_object(request, unquote(object_id))
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        if self.has_view_or_change_permission(request, obj):
            asked = self.open_logged(request, obj, "simple_history")
            if asked is not None:
                return asked
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


# --- Policy as data: administrators edit, the service centre reads --------------------


class PolicyAdmin(SeededPolicyAdmin, GuardedHistoryAdmin):
    """Policy tables: not case data, so not scoped; every change kept by simple-history.

    Rows are seeded by migration and read by key from the code, so they are edited in
    place, never added or deleted unless a subclass allows it. Reverting to an earlier
    version is a change like any other and needs change permission.
    """
