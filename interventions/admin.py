"""The directory for administrators (edited through intervention_service_save) and the
referrals for the service centre: scoped to visible cases, logged, read-only; the one
action concludes what is due through the service."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from cases.admin_base import CaseRecordAdmin
from crc.admin_base import ViewOnlyInline
from crc.domain import DomainError
from interventions import services
from interventions.models import (
    ActionPlan,
    DesiredOutcome,
    InterventionService,
    ProviderAppointment,
    RarCredit,
    Referral,
)


@admin.register(InterventionService)
class InterventionServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "provider", "kind", "sessions", "price", "capacity", "available"]
    list_filter = ["kind", "provider", "available"]
    search_fields = ["name", "description"]

    def save_model(self, request, obj, form, change):
        try:
            services.intervention_service_save(service=obj, by=request.user)
        except (DomainError, ValidationError) as error:
            # The form validated; a rule the service adds is reported, nothing saved.
            self.message_user(request, str(error), level=messages.ERROR)

    def has_delete_permission(self, request, obj=None):
        # Referrals point at services; a service is made unavailable, never deleted.
        return False


class OutcomeInline(ViewOnlyInline):
    model = DesiredOutcome
    fields = ["description", "objective"]


class PlanInline(ViewOnlyInline):
    model = ActionPlan
    fields = ["number_of_sessions", "activities", "submitted_at", "approved_at", "approved_by"]


class AppointmentInline(ViewOnlyInline):
    model = ProviderAppointment
    fields = ["kind", "number", "starts_at", "attendance", "summary", "concerns"]


@admin.register(Referral)
class ReferralAdmin(CaseRecordAdmin):
    search_by_crn = False  # search_fields matches part of a CRN too
    list_display = ["case", "service", "status", "sent_at", "caseworker"]
    list_filter = ["status", "service__kind", "service"]
    search_fields = ["case__crn", "service__name"]
    inlines = [OutcomeInline, PlanInline, AppointmentInline]
    actions = ["conclude_due"]

    @admin.action(description="Conclude the chosen referrals that are due to conclude")
    def conclude_due(self, request, queryset):
        concluded = 0
        for referral in queryset:
            after = services.referral_conclude(referral=referral, by=request.user)
            concluded += after.status != referral.status
        self.message_user(request, f"{concluded} referral(s) concluded.")


@admin.register(RarCredit)
class RarCreditAdmin(CaseRecordAdmin):
    case_path = "requirement__order__case"
    search_by_crn = False
    list_display = ["requirement", "day", "activity", "credited_by"]
