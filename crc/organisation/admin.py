"""Admin for organisation and staff: the service centre's hub.

Privilege rule: only an administrator may create, change or grant the administrator
role; service-centre staff manage everyone else. Admin access itself follows the role
(Staff.save), so the permission checkboxes and staff/superuser flags are not shown.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from crc.organisation.models import Area, Office, PartnerOrganisation, Role, Staff, Team


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history saves a POST to an old version's page as a revert without asking
    for change permission; only people who may change the object may revert it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Area)
class AreaAdmin(GuardedHistoryAdmin):
    list_display = ["name", "code", "office_count"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_office_count=Count("offices"))

    @admin.display(description="Offices", ordering="_office_count")
    def office_count(self, obj: Area) -> int:
        return obj._office_count


@admin.register(Office)
class OfficeAdmin(GuardedHistoryAdmin):
    list_display = ["name", "code", "area", "team_count"]
    list_filter = ["area"]
    search_fields = ["name", "code"]
    list_select_related = ["area"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_team_count=Count("teams"))

    @admin.display(description="Teams", ordering="_team_count")
    def team_count(self, obj: Office) -> int:
        return obj._team_count


@admin.register(Team)
class TeamAdmin(GuardedHistoryAdmin):
    list_display = ["name", "code", "office", "area", "member_count"]
    list_filter = ["office__area", "office"]
    search_fields = ["name", "code", "office__name"]
    list_select_related = ["office__area"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description="Area", ordering="office__area__name")
    def area(self, obj: Team) -> Area:
        return obj.office.area

    @admin.display(description="Members", ordering="_member_count")
    def member_count(self, obj: Team) -> int:
        return obj._member_count


@admin.register(Staff)
class StaffAdmin(UserAdmin, GuardedHistoryAdmin):
    list_display = [
        "username",
        "last_name",
        "first_name",
        "role",
        "team",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "is_active", "team__office__area", "team__office"]
    search_fields = ["username", "first_name", "last_name", "email", "staff_number"]
    list_select_related = ["team__office"]
    ordering = ["last_name", "first_name"]
    autocomplete_fields = ["team"]
    filter_horizontal = ["managed_teams"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email", "staff_number"]}),
        ("Role", {"fields": ["role", "team", "managed_teams", "managed_area", "is_active"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        ("Person", {"fields": ["first_name", "last_name", "email", "staff_number"]}),
        ("Role", {"fields": ["role", "team", "managed_area"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def _is_administrator(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.role == Role.ADMINISTRATOR
            and not self._is_administrator(request)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Staff are deactivated, never deleted: their names stay on case history.
        return False

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not self._is_administrator(request):
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.ADMINISTRATOR]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.role == Role.ADMINISTRATOR and not self._is_administrator(request):
            # Belt and braces behind the filtered choices: a forged POST gains nothing.
            raise PermissionError("Only an administrator can grant the administrator role.")
        super().save_model(request, obj, form, change)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(GuardedHistoryAdmin):
    list_display = ["name", "partner_type", "contact_email", "active"]
    list_filter = ["partner_type", "active"]
    search_fields = ["name", "contact_email"]
    filter_horizontal = ["areas_served"]
