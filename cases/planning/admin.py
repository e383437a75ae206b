"""Admin for the assessment, information requests and sentence plan: read-only, scoped
through crc.access and logged, like the rest of the case record's admin.

These records are written only through the case pages (versioned, with their checks),
so the admin is for the service centre to look, not to change.
"""

from django.contrib import admin

from cases.admin_base import CaseRecordAdmin
from cases.models import (
    Assessment,
    InformationRequest,
    PlanAction,
    PlanObjective,
    SentencePlan,
)
from cases.planning.services import ASSESSMENT_FIELDS
from crc.admin_base import ViewOnlyInline


class ReadOnlyInline(ViewOnlyInline):
    def get_readonly_fields(self, request, obj=None):
        return self.fields


@admin.register(Assessment)
class AssessmentAdmin(CaseRecordAdmin):
    list_display = ["case", "status", "version", "updated_at", "updated_by"]
    list_filter = ["status"]
    readonly_fields = [
        "case",
        "status",
        "version",
        "updated_at",
        "updated_by",
        "completed_at",
        "completed_by",
        *ASSESSMENT_FIELDS,
    ]
    fields = readonly_fields


@admin.register(InformationRequest)
class InformationRequestAdmin(CaseRecordAdmin):
    list_display = ["case", "agency", "partner_organisation", "status", "sent_on", "chase_due_on"]
    list_filter = ["agency", "status"]
    date_hierarchy = "sent_on"
    readonly_fields = [
        "case",
        "agency",
        "partner_organisation",
        "question",
        "status",
        "sent_on",
        "chase_due_on",
        "escalate_due_on",
        "chased_on",
        "escalated_on",
        "answered_at",
        "answer",
        "answered_by_staff",
        "answered_by_partner",
        "withdrawal_reason",
        "requested_by",
    ]
    fields = readonly_fields


class PlanObjectiveInline(ReadOnlyInline):
    model = PlanObjective
    fields = ["description", "need", "addresses_risk_of_harm", "position"]


@admin.register(SentencePlan)
class SentencePlanAdmin(CaseRecordAdmin):
    list_display = ["case", "version", "person_took_part", "updated_at", "updated_by"]
    list_filter = ["person_took_part"]
    inlines = [PlanObjectiveInline]
    readonly_fields = [
        "case",
        "version",
        "updated_at",
        "updated_by",
        "person_took_part",
        "own_words",
        "constructive_measures",
        "restrictive_measures",
        "contingency_plan",
        "agency_links",
    ]
    fields = readonly_fields


# Actions are shown through their objective's plan; registered so their history is
# reachable, scoped through the plan's case.
@admin.register(PlanAction)
class PlanActionAdmin(CaseRecordAdmin):
    case_path = "objective__plan__case"
    search_by_crn = False
    list_display = ["description", "owner", "due_on", "done_on"]
    readonly_fields = ["objective", "description", "owner", "due_on", "done_on"]
    fields = readonly_fields
