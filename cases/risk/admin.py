"""Admin for registrations, needs, contact levels and escalations (read-only), and
the risk policy tables administrators edit: the Grid, registration review periods and
intervention suggestions."""

from django import forms
from django.contrib import admin

from cases.admin_base import CaseRecordAdmin, PolicyAdmin
from cases.models import (
    ContactLevelDecision,
    CriminogenicNeed,
    Escalation,
    GridRule,
    InterventionSuggestion,
    Registration,
    RegistrationPolicy,
)


@admin.register(Registration)
class RegistrationAdmin(CaseRecordAdmin):
    list_display = ["case", "registration_type", "registered_on", "next_review_date", "ended_on"]
    list_filter = ["registration_type", ("ended_on", admin.EmptyFieldListFilter)]
    date_hierarchy = "next_review_date"


@admin.register(CriminogenicNeed)
class CriminogenicNeedAdmin(CaseRecordAdmin):
    list_display = ["case", "need", "severity"]
    list_filter = ["need", "severity"]


@admin.register(ContactLevelDecision)
class ContactLevelDecisionAdmin(CaseRecordAdmin):
    list_display = ["case", "describe", "source", "status", "requested_by", "requested_at"]
    list_filter = ["status", "source", "is_reduction"]
    date_hierarchy = "requested_at"

    @admin.display(description="Contact level")
    def describe(self, obj: ContactLevelDecision) -> str:
        return obj.describe()


@admin.register(Escalation)
class EscalationAdmin(CaseRecordAdmin):
    list_display = ["case", "status", "raised_at", "raised_by", "referred_at", "closed_at"]
    list_filter = ["status"]
    date_hierarchy = "raised_at"


class GridRuleForm(forms.ModelForm):
    class Meta:
        model = GridRule
        fields = ["contacts", "period_days", "face_to_face"]

    def clean(self):
        cleaned = super().clean()
        contacts, face_to_face = cleaned.get("contacts"), cleaned.get("face_to_face")
        if contacts is not None and face_to_face is not None and face_to_face > contacts:
            # Said here in words: the database constraint would only name itself.
            self.add_error(
                "face_to_face",
                f"Face-to-face contacts must be no more than the contacts in the period "
                f"({contacts})",
            )
        return cleaned


@admin.register(GridRule)
class GridRuleAdmin(PolicyAdmin):
    form = GridRuleForm
    key_fields = ["tier", "phase"]
    fields = ["tier", "phase", "contacts", "period_days", "face_to_face"]
    list_display = ["tier", "phase", "contacts", "period_days", "face_to_face"]
    list_filter = ["phase"]
    ordering = ["tier", "phase"]
    # All 26 cells of the Grid on one page.
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        # The cells are fixed (tier by phase); a new cell could never be looked up.
        return self.key_fields


@admin.register(RegistrationPolicy)
class RegistrationPolicyAdmin(PolicyAdmin):
    key_fields = ["registration_type"]
    list_display = ["registration_type", "review_months"]

    def has_add_permission(self, request):
        # A type without a row uses the default period; an administrator may set one.
        return admin.ModelAdmin.has_add_permission(self, request)


@admin.register(InterventionSuggestion)
class InterventionSuggestionAdmin(PolicyAdmin):
    list_display = ["trigger", "value", "intervention"]
    list_filter = ["trigger"]
    search_fields = ["value", "intervention"]

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)

    def has_delete_permission(self, request, obj=None):
        # A withdrawn programme may go from the list; its history stays.
        return admin.ModelAdmin.has_delete_permission(self, request, obj)
