"""Workload policy and the key questions, edited by administrators with history.

Audits name cases, so their admin waits for the access module's admin scoping (part 2);
audits are written through crc.dashboards.services.
"""

from django.contrib import admin

from crc.admin_base import SeededPolicyAdmin
from crc.dashboards.models import KeyQuestion, WorkloadCapacity, WorkloadPoints


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
