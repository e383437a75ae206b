"""Admin for allocations and the exclusion and restriction lists: read-only."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from cases.admin_base import CaseRecordAdmin
from cases.models import Allocation, CaseAccessEntry


@admin.register(Allocation)
class AllocationAdmin(CaseRecordAdmin):
    list_display = ["case", "officer", "team", "started_at", "ended_at", "allocated_by"]
    list_filter = ["team__office__area"]
    search_fields = ["officer__username", "officer__last_name"]
    list_select_related = ["case", "officer", "team__office", "allocated_by"]
    date_hierarchy = "started_at"

    # Allocation keeps no simple-history table (its rows are themselves the history), so
    # its history page is Django's own, still behind the scoped get_object.
    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if self.has_view_or_change_permission(request, obj):
            self.log_case_access(request, obj, self._page("history"))
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise Http404


@admin.register(CaseAccessEntry)
class CaseAccessEntryAdmin(CaseRecordAdmin):
    list_display = ["case", "staff", "kind", "added_by", "added_at"]
    list_filter = ["kind"]
    search_fields = ["staff__username", "staff__last_name"]
