"""The service centre's admin over the case record.

Three rules shape everything here:

- One access policy. Every queryset goes through crc.access.policy.visible_cases, so a
  case hidden from someone by an exclusion or restriction list is absent from their
  lists, counts, filters and history, and its URLs are 404 (Django's admin would
  otherwise redirect with "doesn't exist", and simple-history would fall back to the
  history rows of an object the queryset does not return).
- Every page that shows one case writes one access-log row (DPA 2018 s.62).
- The admin never bypasses cases.services: tier, allocation, risk and status change only
  through the case pages; person details are saved through case_update_person so that a
  corrected sex still recalculates the tier. History is the record, so nothing is deleted.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    CriminogenicNeed,
    DeadlinePolicy,
    Escalation,
    GridRule,
    InterventionSuggestion,
    LicenceCondition,
    Order,
    Registration,
    RegistrationPolicy,
    Requirement,
    ServiceCentreTask,
    TaskStatus,
)
from cases.record import services as record_services
from cases.risk import services as risk_services
from crc.access.models import AccessKind
from crc.access.policy import Action, can, relationship_for_action, visible_cases
from crc.access.services import access_log_record

# What the service centre corrects in the admin. Everything else on a case is derived
# (tier), decided in the case pages with its own checks (allocation, risk, status) or
# identity (CRN).
PERSON_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "disability",
    "disability_details",
    "reasonable_adjustments",
    "religion",
    "first_language",
    "interpreter_required",
    "caring_responsibilities",
    "address",
    "postcode",
    "accommodation_status",
    "employment_status",
    "phone",
    "email",
]


def _visible_case_ids(request) -> QuerySet:
    # A subquery, not a list: the scoped queryset stays one query however many cases.
    return visible_cases(request.user, Case.objects.all()).values("pk")


class CaseRecordAdmin(SimpleHistoryAdmin):
    """Scoped, logged and read-only unless a subclass says otherwise.

    case_path is the lookup from the model to its case ("case", "order__case");
    subclasses that are editable override the has_*_permission methods.
    """

    case_path = "case"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.filter(**{f"{self.case_path}__in": _visible_case_ids(request)})

    def case_of(self, obj) -> Case:
        for name in self.case_path.split("__"):
            obj = getattr(obj, name)
        return obj

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # A real 404, never the admin's redirect with a message: out of scope and
            # nonexistent must look the same, so nobody can probe which ids exist.
            raise Http404
        return obj

    def log_case_access(self, request, obj, page: str) -> None:
        case = self.case_of(obj)
        relationship = relationship_for_action(request.user, case)
        access_log_record(
            kind=AccessKind.VIEW if request.method in ("GET", "HEAD") else AccessKind.CHANGE,
            page=page,
            staff=request.user,
            case=case,
            relationship=relationship.value if relationship else "",
            method=request.method,
        )

    def _page(self, view: str) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{view}"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if self.has_view_or_change_permission(request, obj):
                self.log_case_access(request, obj, self._page("change"))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks the object up in its history table when the scoped
        # queryset does not return it, which would show a hidden case's past values.
        obj = self.get_object(request, unquote(object_id))
        if self.has_view_or_change_permission(request, obj):
            self.log_case_access(request, obj, self._page("history"))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history fetches the historical row with no queryset at all, and saves
        # a POST as a revert without asking for change permission: scope it and refuse
        # reverts here (they would rewrite derived and service-owned fields).
        obj = self.get_object(request, unquote(object_id))
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        if self.has_view_or_change_permission(request, obj):
            self.log_case_access(request, obj, self._page("simple_history"))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        # Records are created by the case pages through cases.services.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- The case ------------------------------------------------------------------------


class OrderInline(admin.TabularInline):
    model = Order
    fields = ["order_type", "court", "start_date", "expected_end_date", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(CaseRecordAdmin):
    list_display = [
        "crn",
        "name",
        "tier",
        "rosh_overall",
        "responsible_officer",
        "team",
        "status",
    ]
    list_filter = ["status", "tier", "team__office__area", "rosh_overall", "sex"]
    # "=crn" is an exact, case-insensitive match: CRNs are looked up whole.
    search_fields = ["=crn", "first_name", "last_name", "preferred_name"]
    list_select_related = ["responsible_officer", "team__office"]
    ordering = ["last_name", "first_name"]
    inlines = [OrderInline]
    fieldsets = [
        ("Record", {"fields": ["crn", "status", "created_at", "updated_at"]}),
        ("Person", {"fields": PERSON_FIELDS}),
        (
            "Allocation (change it from the case page)",
            {"fields": ["responsible_officer", "team"]},
        ),
        (
            "Risk (recorded from the case page)",
            {"fields": [*risk_services.RISK_FIELDS, "needs_assessed_on", "strengths"]},
        ),
        ("Tier (calculated)", {"fields": ["tier", "tier_working", "tier_calculated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        editable = set(PERSON_FIELDS)
        return [f.name for f in Case._meta.concrete_fields if f.name not in editable]

    def get_queryset(self, request):
        return visible_cases(request.user, SimpleHistoryAdmin.get_queryset(self, request))

    def case_of(self, obj) -> Case:
        return obj

    @admin.display(description="Name", ordering="last_name")
    def name(self, obj: Case) -> str:
        return obj.full_name

    def has_change_permission(self, request, obj=None):
        if not admin.ModelAdmin.has_change_permission(self, request, obj):
            return False
        # The policy has the last word on one case: administrators and the service
        # centre may edit person details, case workers do so from the case page.
        return obj is None or can(request.user, Action.EDIT_PERSON, obj)

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            record_services.case_update_person(case=obj, by=request.user, **changes)


# --- On the case, read-only ----------------------------------------------------------


@admin.register(Order)
class OrderAdmin(CaseRecordAdmin):
    list_display = ["case", "order_type", "court", "start_date", "expected_end_date", "status"]
    list_filter = ["order_type", "status"]
    search_fields = ["=case__crn", "court", "index_offence"]
    list_select_related = ["case"]
    date_hierarchy = "start_date"


@admin.register(Requirement)
class RequirementAdmin(CaseRecordAdmin):
    case_path = "order__case"
    list_display = ["__str__", "crn", "order"]
    list_filter = ["requirement_type"]
    search_fields = ["=order__case__crn"]
    list_select_related = ["order__case"]

    @admin.display(description="CRN", ordering="order__case__crn")
    def crn(self, obj: Requirement) -> str:
        return obj.order.case.crn


@admin.register(LicenceCondition)
class LicenceConditionAdmin(CaseRecordAdmin):
    case_path = "order__case"
    list_display = ["condition", "crn", "order"]
    search_fields = ["=order__case__crn", "condition"]
    list_select_related = ["order__case"]

    @admin.display(description="CRN", ordering="order__case__crn")
    def crn(self, obj: LicenceCondition) -> str:
        return obj.order.case.crn


@admin.register(Allocation)
class AllocationAdmin(CaseRecordAdmin):
    list_display = ["case", "officer", "team", "started_at", "ended_at", "allocated_by"]
    list_filter = ["team__office__area"]
    search_fields = ["=case__crn", "officer__username", "officer__last_name"]
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


@admin.register(Registration)
class RegistrationAdmin(CaseRecordAdmin):
    list_display = ["case", "registration_type", "registered_on", "next_review_date", "ended_on"]
    list_filter = ["registration_type", ("ended_on", admin.EmptyFieldListFilter)]
    search_fields = ["=case__crn"]
    list_select_related = ["case"]
    date_hierarchy = "next_review_date"


@admin.register(CriminogenicNeed)
class CriminogenicNeedAdmin(CaseRecordAdmin):
    list_display = ["case", "need", "severity"]
    list_filter = ["need", "severity"]
    search_fields = ["=case__crn"]
    list_select_related = ["case"]


@admin.register(ContactLevelDecision)
class ContactLevelDecisionAdmin(CaseRecordAdmin):
    list_display = ["case", "describe", "source", "status", "requested_by", "requested_at"]
    list_filter = ["status", "source", "is_reduction"]
    search_fields = ["=case__crn"]
    list_select_related = ["case", "requested_by"]
    date_hierarchy = "requested_at"

    @admin.display(description="Contact level")
    def describe(self, obj: ContactLevelDecision) -> str:
        return obj.describe()


@admin.register(Escalation)
class EscalationAdmin(CaseRecordAdmin):
    list_display = ["case", "status", "raised_at", "raised_by", "referred_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["=case__crn"]
    list_select_related = ["case", "raised_by"]
    date_hierarchy = "raised_at"


@admin.register(CaseAccessEntry)
class CaseAccessEntryAdmin(CaseRecordAdmin):
    list_display = ["case", "staff", "kind", "added_by", "added_at"]
    list_filter = ["kind"]
    search_fields = ["=case__crn", "staff__username", "staff__last_name"]
    list_select_related = ["case", "staff", "added_by"]


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
    search_fields = ["=case__crn", "description"]
    list_select_related = ["case"]
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
        # Saved one by one, not with update(): each change needs its history row.
        updated = 0
        for task in queryset.filter(status=TaskStatus.OPEN):
            task.status = TaskStatus.DONE
            task.completed_at = timezone.now()
            task.completed_by = request.user
            task.save(update_fields=["status", "completed_at", "completed_by"])
            updated += 1
        self.message_user(request, f"{updated} task(s) marked as done.")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            done = obj.status == TaskStatus.DONE
            obj.completed_at = timezone.now() if done else None
            obj.completed_by = request.user if done else None
        super().save_model(request, obj, form, change)


# --- Policy as data: administrators edit, the service centre reads --------------------


class PolicyAdmin(SimpleHistoryAdmin):
    """Policy tables: not case data, so not scoped; every change kept by simple-history.

    Rows are seeded by migration and read by key from the code, so they are edited in
    place, never added or deleted unless a subclass allows it. Reverting to an earlier
    version is a change like any other and needs change permission.
    """

    key_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return self.key_fields if obj is not None else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(PolicyAdmin):
    key_fields = ["key"]
    fields = ["key", "description", "working_days"]
    list_display = ["description", "key", "working_days"]
    search_fields = ["key", "description"]


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


# The supervision sub-packages register their own models.
from cases.contacts import admin as contacts_admin  # noqa: E402,F401
from cases.planning import admin as planning_admin  # noqa: E402,F401
from cases.reviews import admin as reviews_admin  # noqa: E402,F401
