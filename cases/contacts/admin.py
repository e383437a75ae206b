"""Admin for appointments, contacts, enforcement and significant change (imported by
cases/admin.py). Read-only and scoped: the records are written by the case pages
through cases.contacts.services, and history is the record, so nothing is deleted here.

The scoped base is cases.admin_base.CaseRecordAdmin (visible_cases on every queryset, 404
for out-of-scope ids, one access-log row per object page, history scoped, reverts
refused). It lives apart from cases/admin.py, so the import is safe in either order (a
test imports it both ways).
"""

from django.contrib import admin

from cases.admin_base import CaseRecordAdmin
from cases.contacts.sensitivity import SENSITIVE_FIELDS, may_read_sensitive_detail
from cases.models import Appointment, Contact, EnforcementAction, SignificantChange


@admin.register(Appointment)
class AppointmentAdmin(CaseRecordAdmin):
    list_display = ["case", "contact_type", "starts_at", "with_staff", "status"]
    list_filter = ["status", "contact_type"]
    date_hierarchy = "starts_at"


@admin.register(Contact)
class ContactAdmin(CaseRecordAdmin):
    list_display = ["case", "contact_type", "happened_at", "outcome", "sensitive", "recorded_by"]
    list_filter = ["outcome", "contact_type", "sensitive"]
    date_hierarchy = "happened_at"

    def get_fields(self, request, obj=None):
        # The one rule for sensitive contacts, on the server: the admin (and its history
        # pages, which pass the historical row as obj) leaves the text out entirely.
        fields = super().get_fields(request, obj)
        if (
            obj is not None
            and obj.sensitive
            and not may_read_sensitive_detail(request.user, obj.case)
        ):
            return [name for name in fields if name not in SENSITIVE_FIELDS]
        return fields


@admin.register(EnforcementAction)
class EnforcementActionAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "status", "decided_at", "decided_by"]
    list_filter = ["kind", "status"]
    date_hierarchy = "decided_at"


@admin.register(SignificantChange)
class SignificantChangeAdmin(CaseRecordAdmin):
    list_display = ["case", "category", "occurred_on", "source", "recorded_by"]
    list_filter = ["category", "source"]
    date_hierarchy = "occurred_on"
