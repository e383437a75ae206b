"""Workload policy and the key questions, edited by administrators with history.

Audits name cases, so their admin waits for the access module's admin scoping (part 2);
audits are written through crc.dashboards.services.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from crc.dashboards.models import KeyQuestion, WorkloadCapacity, WorkloadPoints


class SeededPolicyAdmin(SimpleHistoryAdmin):
    """Rows are seeded by migration and read by key, so they are edited in place: never
    added or deleted here, and their key never changes."""

    key_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return self.key_fields if obj is not None else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkloadPoints)
class WorkloadPointsAdmin(SeededPolicyAdmin):
    list_display = ["tier", "points"]
    key_fields = ["tier"]


@admin.register(WorkloadCapacity)
class WorkloadCapacityAdmin(SeededPolicyAdmin):
    list_display = ["role", "points"]
    key_fields = ["role"]


@admin.register(KeyQuestion)
class KeyQuestionAdmin(SeededPolicyAdmin):
    list_display = ["code", "text", "allows_not_applicable"]
    key_fields = ["code", "standard"]
