"""Admin for the service centre's work queue and the deadlines it works to."""

from django.contrib import admin, messages
from django.utils import timezone

from cases.admin_base import CaseRecordAdmin, PolicyAdmin
from cases.models import DeadlinePolicy, ServiceCentreTask, TaskStatus
from cases.service_centre import services as service_centre_services
from crc.domain import DomainError

# --- Service-centre work -------------------------------------------------------------


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        overdue = {"status": TaskStatus.OPEN, "due_date__lt": timezone.localdate()}
        if self.value() == "yes":
            return queryset.filter(**overdue)
        if self.value() == "no":
            return queryset.exclude(**overdue)
        return queryset


@admin.register(ServiceCentreTask)
class ServiceCentreTaskAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "description", "due_date", "is_overdue", "status"]
    # Actions rather than list_editable: the admin's inline selects carry no label
    # (axe: select-name, critical), and a bulk "done" is what the service centre does.
    actions = ["mark_done"]
    list_filter = ["kind", "status", "due_date", OverdueFilter]
    search_fields = ["description"]
    date_hierarchy = "due_date"
    fields = [
        "case",
        "kind",
        "description",
        "due_date",
        "status",
        "source_key",
        "created_at",
        "completed_at",
        "completed_by",
    ]
    # Only the status is the service centre's to change; the rest came from the event
    # that created the task (source_key keeps that idempotent).
    readonly_fields = [name for name in fields if name != "status"]

    @admin.display(description="Overdue", boolean=True)
    def is_overdue(self, obj: ServiceCentreTask) -> bool:
        return obj.status == TaskStatus.OPEN and obj.due_date < timezone.localdate()

    def has_change_permission(self, request, obj=None):
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    @admin.action(description="Mark selected tasks as done", permissions=["change"])
    def mark_done(self, request, queryset):
        # Through the service, one task at a time: each completion closes its warning
        # and writes its history, and each case touched gets its access-log row.
        updated = 0
        for task in queryset.filter(status=TaskStatus.OPEN).select_related("case"):
            self.log_case_access(request, task, self._page("changelist"))
            service_centre_services.service_centre_task_complete(task=task, by=request.user)
            updated += 1
        self.message_user(request, f"{updated} task(s) marked as done.")

    def save_model(self, request, obj, form, change):
        # Status is the only editable field (readonly_fields above).
        if "status" in form.changed_data:
            try:
                service_centre_services.service_centre_task_status_set(
                    task=obj, by=request.user, status=form.cleaned_data["status"]
                )
            except DomainError as error:
                self.message_user(request, error.message, level=messages.ERROR)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(PolicyAdmin):
    key_fields = ["key"]
    fields = ["key", "description", "working_days"]
    list_display = ["description", "key", "working_days"]
    search_fields = ["key", "description"]
