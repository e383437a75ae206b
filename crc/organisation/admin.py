"""Admin for organisation and staff: the service centre's hub.

Privilege rules: only an administrator changes anyone's role, the teams an SPO manages,
the area an area manager runs or a partner's type; the service centre opens officer
accounts and keeps people's details up to date, but never changes an administrator.
Nobody edits their own role or grants, and nobody sets another person's password: an
administrator sends a one-time link instead. Admin access itself follows the role
(Staff.save), so the permission checkboxes and staff/superuser flags are not shown.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from crc.access import accounts as accounts_policy
from crc.admin_base import GuardedHistoryAdmin, ViewOnlyAdminMixin
from crc.organisation import accounts, two_factor
from crc.organisation.models import (
    Area,
    Office,
    PartnerOrganisation,
    Role,
    SecurityEvent,
    Staff,
    Team,
)

# Role groups are code (crc/organisation/roles.py), not edited by hand; second factors
# are set up by their owner and only ever reset by an administrator (never added for
# someone else, which would let the adder sign in as them).
for model in (Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class CountedAdmin(GuardedHistoryAdmin):
    """A level of the organisation listed with how many it holds of the level below."""

    counted: str  # the reverse relation whose rows are counted

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_count=Count(self.counted))


def count_column(heading: str):
    @admin.display(description=heading, ordering="_count")
    def column(self, obj) -> int:
        return obj._count

    return column


@admin.register(Area)
class AreaAdmin(CountedAdmin):
    list_display = ["name", "code", "office_count"]
    search_fields = ["name", "code"]
    counted = "offices"
    office_count = count_column("Offices")


@admin.register(Office)
class OfficeAdmin(CountedAdmin):
    list_display = ["name", "code", "area", "team_count"]
    list_filter = ["area"]
    search_fields = ["name", "code"]
    list_select_related = ["area"]
    counted = "teams"
    team_count = count_column("Teams")


@admin.register(Team)
class TeamAdmin(CountedAdmin):
    list_display = ["name", "code", "office", "area", "member_count"]
    list_filter = ["office__area", "office"]
    search_fields = ["name", "code", "office__name"]
    list_select_related = ["office__area"]
    counted = "members"
    member_count = count_column("Members")

    @admin.display(description="Area", ordering="office__area__name")
    def area(self, obj: Team) -> Area:
        return obj.office.area


# Who the person is, as the add and change pages show and save it.
PERSON_FIELDS = ["first_name", "last_name", "email", "staff_number"]


class StaffChangeForm(forms.ModelForm):
    """The change form without a password field: nobody sets another person's password
    (they get a one-time reset link instead)."""

    class Meta:
        model = Staff
        fields = [
            "username",
            *PERSON_FIELDS,
            "role",
            "team",
            "managed_teams",
            "managed_area",
            "is_active",
        ]


class StaffCreationForm(forms.ModelForm):
    """A new account has no usable password until the person sets one from a link."""

    class Meta:
        model = Staff
        fields = ["username", *PERSON_FIELDS, "role", "team", "managed_area"]

    def save(self, commit=True):
        staff = super().save(commit=False)
        staff.set_unusable_password()
        if commit:
            staff.save()
        return staff


@admin.register(Staff)
class StaffAdmin(UserAdmin, GuardedHistoryAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
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
    # A plain select, not autocomplete_fields: select2's box has no accessible name
    # (axe "aria-input-field-name", serious; found by the crawl), and even a national
    # deployment's few hundred teams make a short enough list.
    filter_horizontal = ["managed_teams"]
    fieldsets = [
        (None, {"fields": ["username", "sign_in_status"]}),
        ("Person", {"fields": PERSON_FIELDS}),
        ("Role", {"fields": ["role", "team", "managed_teams", "managed_area", "is_active"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username"]}),
        ("Person", {"fields": PERSON_FIELDS}),
        ("Role", {"fields": ["role", "team", "managed_area"]}),
    ]
    actions = ["send_password_link", "reset_two_factor"]

    def _is_administrator(self, request) -> bool:
        return accounts_policy.may_grant_every_role(request.user)

    def has_administer_permission(self, request) -> bool:
        return self._is_administrator(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["sign_in_status", "last_login", "date_joined"]
        if obj is None:
            # Creating: the service centre may open officer accounts, nothing more
            # (formfield_for_choice_field limits the roles), and manages no areas.
            return readonly + ([] if self._is_administrator(request) else ["managed_area"])
        if obj.pk == request.user.pk:
            # Nobody edits their own role, grants or standing, administrators included.
            return readonly + ["role", "team", "managed_teams", "managed_area", "is_active"]
        if not self._is_administrator(request):
            # Role and team management decide what cases someone reaches.
            return readonly + ["role", "managed_teams", "managed_area"]
        return readonly

    @admin.display(description="Sign-in")
    def sign_in_status(self, obj: Staff) -> str:
        if obj.pk is None:
            return ""
        password = "password set" if obj.has_usable_password() else "no password yet"
        app = TOTPDevice.objects.filter(user=obj, confirmed=True).exists()
        return f"{password}; two-factor {'set up' if app else 'not set up'}"

    def has_change_permission(self, request, obj=None):
        if obj is not None and not accounts_policy.may_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Staff are deactivated, never deleted: their names stay on case history.
        return False

    def user_change_password(self, request, id, form_url=""):
        # Nobody sets another person's password; people change their own at
        # /account/password/ and an administrator sends a reset link.
        raise PermissionDenied

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not self._is_administrator(request):
            grantable = accounts_policy.grantable_roles(request.user)
            kwargs["choices"] = [c for c in Role.choices if c[0] in grantable]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Belt and braces behind the read-only fields and the filtered choices.
        role_granted = (
            obj.role not in accounts_policy.grantable_roles(request.user)
            if not change
            else ("role" in form.changed_data)
        )
        if role_granted and not self._is_administrator(request):
            raise PermissionDenied("Only an administrator can grant that role.")
        if change and obj.pk == request.user.pk and "role" in form.changed_data:
            raise PermissionDenied("Nobody changes their own role.")
        super().save_model(request, obj, form, change)

    @admin.action(description="Send a one-time password link", permissions=["administer"])
    def send_password_link(self, request, queryset):
        sent = []
        for staff in queryset:
            if staff.pk == request.user.pk or not staff.email:
                continue
            accounts.password_link_send(staff=staff, actor=request.user, request=request)
            sent.append(staff.get_username())
        if sent:
            self.message_user(
                request,
                f"Password links sent to {', '.join(sent)}. Their old passwords no longer work.",
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                "No link sent (not to yourself, and only to staff with an e-mail).",
                messages.WARNING,
            )

    @admin.action(description="Reset two-factor sign-in", permissions=["administer"])
    def reset_two_factor(self, request, queryset):
        names = []
        for staff in queryset:
            two_factor.two_factor_reset(staff=staff, actor=request.user, request=request)
            names.append(staff.get_username())
        self.message_user(
            request,
            f"Two-factor sign-in reset for {', '.join(names)}. They have been signed out "
            "and will set up their app again the next time they sign in.",
            messages.SUCCESS,
        )


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(GuardedHistoryAdmin):
    list_display = ["name", "partner_type", "contact_email", "active"]
    list_filter = ["partner_type", "active"]
    search_fields = ["name", "contact_email"]
    filter_horizontal = ["areas_served"]

    def get_readonly_fields(self, request, obj=None):
        # The type decides what the partner's tokens may read: an administrator's call.
        if obj is not None and not request.user.is_superuser:
            return ["partner_type"]
        return []

    def has_add_permission(self, request):
        # Every new organisation needs a type, so only administrators add them.
        return request.user.is_superuser and super().has_add_permission(request)


@admin.register(SecurityEvent)
class SecurityEventAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Lockouts, throttles, second-factor resets and password links: read-only."""

    list_display = ["at", "kind", "username", "ip_address", "actor", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
