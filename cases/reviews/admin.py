"""Admin for reviews and oversight (imported by cases/admin.py): read-only, scoped
through crc.access and logged like the rest of the case record. Reviews are written only
through the case pages (versioned, with the what-changed checks)."""

from django.contrib import admin

from cases.admin_base import CaseRecordAdmin
from cases.models import OversightEntry, Review


@admin.register(Review)
class ReviewAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "due_on", "status", "completed_at"]
    list_filter = ["kind", "status"]
    date_hierarchy = "due_on"


@admin.register(OversightEntry)
class OversightEntryAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "author", "created_at"]
    list_filter = ["kind"]
