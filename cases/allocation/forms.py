"""Forms for allocating a case and for its exclusion and restriction lists."""

from django import forms
from django.db.models import QuerySet

from cases.form_base import VersionedForm, radios, reason_text, required_error
from cases.models import AccessListKind
from crc.access import allocation as access_allocation
from crc.organisation.models import Staff

# --- Allocation ------------------------------------------------------------------------


# Whom a user may pick is crc.access's decision; kept importable from here.
allocatable_officers = access_allocation.allocatable_officers


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        grade = access_allocation.officer_grade(obj)
        team = obj.team.name if obj.team_id else "no team"
        return f"{obj.get_full_name()} ({grade}, {team})"


class AllocateForm(VersionedForm):
    officer = OfficerChoiceField(
        label="Responsible officer",
        queryset=Staff.objects.none(),
        empty_label="Choose an officer",
        error_messages=required_error("Select the officer to allocate the case to"),
    )
    reason = reason_text(
        "Why are you allocating the case to this officer?",
        "Enter a reason for the allocation",
    )

    def __init__(self, *args, officers: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


# --- Limited access ------------------------------------------------------------------


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        where = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()}{where})"


class AccessEntryForm(VersionedForm):
    staff = StaffChoiceField(
        label="Member of staff",
        queryset=Staff.objects.none(),
        empty_label="Choose a member of staff",
        error_messages=required_error("Select the member of staff"),
    )
    kind = radios("Which list", AccessListKind.choices, "Select which list")
    reason = reason_text(
        "Why is access limited?",
        "Enter why access is limited",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            Staff.objects.filter(access_allocation.may_be_named_on_access_lists_q())
            .select_related("team")
            .order_by("last_name", "first_name", "pk")
        )
