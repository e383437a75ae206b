"""The bases of the service centre's admin over the case record: CaseRecordAdmin for
case data, PolicyAdmin for policy tables. Each wing registers its models with them in
its own admin.py (cases/admin.py imports them all).

Three rules shape everything here:

- One access policy. Every queryset goes through crc.access.policy.visible_cases, so a
  case hidden from someone by an exclusion or restriction list is absent from their
  lists, counts, filters and history, and its URLs are 404 (Django's admin would
  otherwise redirect with "doesn't exist", and simple-history would fall back to the
  history rows of an object the queryset does not return).
- Every page that shows one case writes one access-log row (DPA 2018 s.62).
- The admin never bypasses the services: tier, allocation, risk and status change only
  through the case pages; person details are saved through case_update_person so that a
  corrected sex still recalculates the tier. History is the record, so nothing is deleted.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from cases.models import Case
from crc.access.policy import visible_cases
from crc.access.services import case_use_record


def _visible_case_ids(request) -> QuerySet:
    # A subquery, not a list: the scoped queryset stays one query however many cases.
    return visible_cases(request.user, Case.objects.all()).values("pk")


class CaseRecordAdmin(SimpleHistoryAdmin):
    """Scoped, logged and read-only unless a subclass says otherwise.

    case_path is the lookup from the model to its case ("case", "order__case");
    subclasses that are editable override the has_*_permission methods.
    """

    case_path = "case"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.filter(**{f"{self.case_path}__in": _visible_case_ids(request)})

    def case_of(self, obj) -> Case:
        for name in self.case_path.split("__"):
            obj = getattr(obj, name)
        return obj

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # A real 404, never the admin's redirect with a message: out of scope and
            # nonexistent must look the same, so nobody can probe which ids exist.
            raise Http404
        return obj

    def log_case_access(self, request, obj, page: str) -> None:
        case_use_record(
            staff=request.user, case=self.case_of(obj), page=page, method=request.method
        )

    def _page(self, view: str) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{view}"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if self.has_view_or_change_permission(request, obj):
                self.log_case_access(request, obj, self._page("change"))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks the object up in its history table when the scoped
        # queryset does not return it, which would show a hidden case's past values.
        obj = self.get_object(request, unquote(object_id))
        if self.has_view_or_change_permission(request, obj):
            self.log_case_access(request, obj, self._page("history"))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history fetches the historical row with no queryset at all, and saves
        # a POST as a revert without asking for change permission: scope it and refuse
        # reverts here (they would rewrite derived and service-owned fields).
        obj = self.get_object(request, unquote(object_id))
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        if self.has_view_or_change_permission(request, obj):
            self.log_case_access(request, obj, self._page("simple_history"))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        # Records are created by the case pages through the services.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Policy as data: administrators edit, the service centre reads --------------------


class PolicyAdmin(SimpleHistoryAdmin):
    """Policy tables: not case data, so not scoped; every change kept by simple-history.

    Rows are seeded by migration and read by key from the code, so they are edited in
    place, never added or deleted unless a subclass allows it. Reverting to an earlier
    version is a change like any other and needs change permission.
    """

    key_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return self.key_fields if obj is not None else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
