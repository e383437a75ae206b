"""Admin for the person (the service centre corrects details through the service),
their orders, requirements and licence conditions."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin_base import CaseRecordAdmin
from cases.models import Case, LicenceCondition, Order, Requirement
from cases.record import services as record_services
from cases.risk import services as risk_services
from crc.access.policy import Action, can, visible_cases
from crc.admin_base import ViewOnlyInline
from crc.domain import StaleVersionError
from crc.stale import plain, version_check, version_token

# What the service centre corrects in the admin. Everything else on a case is derived
# (tier), decided in the case pages with its own checks (allocation, risk, status) or
# identity (CRN).
PERSON_FIELDS = list(record_services.PERSON_FIELDS)


class CaseAdminForm(forms.ModelForm):
    """The admin's change form with the same stale-save check as the case pages
    (crc.stale): a save from a page opened before someone else's is refused, with what
    is saved now listed, and the version moved on so that saving again is deliberate."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Case
        fields = PERSON_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = version_token(record_services.person_state(self.instance))

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin validates and saves in one transaction: the lock holds until the save.
        saved = Case.objects.select_for_update().get(pk=self.instance.pk)
        try:
            version_check(
                cleaned.get("version") or None,
                record_services.person_state(saved),
                what="person's details",
            )
        except StaleVersionError as error:
            data = self.data.copy()
            data[self.add_prefix("version")] = error.version
            self.data = data
            differ = [
                f"{Case._meta.get_field(name).verbose_name.capitalize()} is now: "
                f"{value if value not in (None, '') else 'not recorded'}"
                for name, value in error.current.items()
                if name in cleaned and plain(value) != plain(cleaned[name])
            ]
            raise forms.ValidationError([error.message, *differ]) from error
        return cleaned


# --- The case ------------------------------------------------------------------------


class OrderInline(ViewOnlyInline):
    model = Order
    fields = ["order_type", "court", "start_date", "expected_end_date", "status"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Case)
class CaseAdmin(CaseRecordAdmin):
    form = CaseAdminForm
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
        ("Person", {"fields": [*PERSON_FIELDS, "version"]}),
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
        queryset = visible_cases(request.user, SimpleHistoryAdmin.get_queryset(self, request))
        return self.reasoned_only(request, queryset)

    def case_of(self, obj) -> Case:
        return obj

    def case_pk_lookup(self) -> str:
        return "pk__in"

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
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in PERSON_FIELDS
        }
        if changes:
            record_services.case_update_person(
                case=obj,
                by=request.user,
                version=form.cleaned_data.get("version") or None,
                **changes,
            )


# --- On the case, read-only ----------------------------------------------------------


@admin.register(Order)
class OrderAdmin(CaseRecordAdmin):
    list_display = ["case", "order_type", "court", "start_date", "expected_end_date", "status"]
    list_filter = ["order_type", "status"]
    search_fields = ["court", "index_offence"]
    date_hierarchy = "start_date"


class OrderPartAdmin(CaseRecordAdmin):
    """A part of an order (a requirement, a licence condition): scoped through the
    order's case, and listed with that case's CRN."""

    case_path = "order__case"

    @admin.display(description="CRN", ordering="order__case__crn")
    def crn(self, obj: Requirement | LicenceCondition) -> str:
        return obj.order.case.crn


@admin.register(Requirement)
class RequirementAdmin(OrderPartAdmin):
    list_display = ["__str__", "crn", "order"]
    list_filter = ["requirement_type"]


@admin.register(LicenceCondition)
class LicenceConditionAdmin(OrderPartAdmin):
    list_display = ["condition", "crn", "order"]
    search_fields = ["condition"]
