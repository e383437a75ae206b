"""Admin for administrators and the service centre. Records about a person (the order's
unpaid work record and what hangs on it) use the case admin's scoped, logged, read-only
base: they are written by the unpaid work services. Projects are edited here through
project_create / project_update; the policy row is policy as data, with history."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin_base import CaseRecordAdmin, PolicyAdmin
from crc.admin_base import ViewOnlyAdminMixin
from unpaidwork import services
from unpaidwork.models import (
    Attendance,
    EteReferral,
    Extension,
    Induction,
    KnownTension,
    Nomination,
    Placement,
    Project,
    ProjectSession,
    UnpaidWorkOrder,
    UnpaidWorkPolicy,
)


@admin.register(UnpaidWorkOrder)
class UnpaidWorkOrderAdmin(CaseRecordAdmin):
    list_display = ["case", "hours_ordered", "start_date", "deadline", "status"]
    list_filter = ["status"]


@admin.register(Extension)
class ExtensionAdmin(CaseRecordAdmin):
    case_path = "order__case"
    search_by_crn = False
    list_display = ["order", "months", "new_deadline", "granted_by", "granted_at"]


@admin.register(Induction)
class InductionAdmin(CaseRecordAdmin):
    case_path = "order__case"
    list_display = ["order", "starts_at", "status", "understanding_checked"]
    list_filter = ["status", "understanding_checked"]


@admin.register(EteReferral)
class EteReferralAdmin(CaseRecordAdmin):
    case_path = "order__case"
    search_by_crn = False
    list_display = ["order", "automatic", "created_at"]


@admin.register(Placement)
class PlacementAdmin(CaseRecordAdmin):
    case_path = "order__case"
    list_display = ["order", "project", "allocated_at", "ended_at"]


@admin.register(Attendance)
class AttendanceAdmin(CaseRecordAdmin):
    case_path = "order__case"
    list_display = ["order", "session", "outcome", "worked_minutes", "recorded_by"]
    list_filter = ["outcome"]
    list_select_related = ["order__case", "session__project", "recorded_by"]


@admin.register(KnownTension)
class KnownTensionAdmin(CaseRecordAdmin):
    search_by_crn = False
    list_display = ["case", "other", "created_at"]


class ProjectForm(forms.ModelForm):
    # The version the administrator started from: a stale save is refused, not merged.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = sorted(services.PROJECT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            saved = Project.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if cleaned.get("expected_version") != saved.first():
                raise forms.ValidationError(
                    "Someone else saved a change to this project since you opened it; "
                    "nothing was saved. Reload to see their change."
                )
        return cleaned


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    form = ProjectForm
    list_display = ["name", "borough", "project_type", "kind", "capacity_per_session", "status"]
    list_filter = ["status", "project_type", "kind", "women_only", "area"]
    search_fields = ["name", "borough"]
    list_select_related = ["area"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.PROJECT_FIELDS}
        if change:
            saved = services.project_update(
                project=obj,
                by=request.user,
                expected_version=form.cleaned_data["expected_version"],
                **{name: fields[name] for name in form.changed_data if name in fields},
            )
        else:
            saved = services.project_create(by=request.user, **fields)
        obj.pk, obj.version = saved.pk, saved.version

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnlyAdminMixin, SimpleHistoryAdmin):
    """Read here with their history; written through the unpaid work pages and services."""


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["borough", "nominator_name", "submitted_at", "status"]
    list_filter = ["status", "borough"]


@admin.register(ProjectSession)
class ProjectSessionAdmin(ReadOnlyAdmin):
    list_display = ["project", "date", "starts_at", "capacity", "supervisor", "stood_down"]
    list_filter = ["stood_down"]
    list_select_related = ["project", "supervisor"]
    date_hierarchy = "date"


@admin.register(UnpaidWorkPolicy)
class UnpaidWorkPolicyAdmin(PolicyAdmin):
    # One row, made by migration 0002 and edited in place (PolicyAdmin: no add or delete).
    list_display = ["__str__", "s37_enabled", "s37_commencement", "session_minutes"]
