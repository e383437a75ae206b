"""Forms for the case pages. Filters are GET forms; every form shows GOV.UK errors."""

from django import forms

from cases import selectors
from cases.models import OrderType, RegistrationType

TIER_CHOICES = [
    (f"{band}{change}", f"{band}{change}") for band in "ABCD" for change in (3, 2, 1, 0)
]
CONTACT_PERIOD_CHOICES = [
    ("7", "Weekly or more"),
    ("14", "Fortnightly"),
    ("28", "Every 4 weeks"),
    ("42", "Every 6 weeks"),
]


class CaseloadFilterForm(forms.Form):
    tier = forms.MultipleChoiceField(
        label="Tier", choices=TIER_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    contact = forms.MultipleChoiceField(
        label="Contact level",
        choices=CONTACT_PERIOD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    flag = forms.MultipleChoiceField(
        label="Risk flags",
        choices=RegistrationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    order_type = forms.MultipleChoiceField(
        label="Order type",
        choices=OrderType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    review_due = forms.BooleanField(
        label="Registration review due in the next 14 days", required=False
    )
    officer = forms.TypedChoiceField(label="Officer", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is None:
            del self.fields["officer"]
        else:
            self.fields["officer"].choices = [("", "All officers")] + [
                (officer.pk, officer.get_full_name()) for officer in officers
            ]
            self.fields["officer"].widget = forms.Select()
            self.fields["officer"].widget.choices = self.fields["officer"].choices

    def filters(self) -> selectors.CaseloadFilters:
        data = self.cleaned_data
        return selectors.CaseloadFilters(
            tiers=data.get("tier") or [],
            contact_periods=[int(p) for p in data.get("contact") or []],
            registrations=data.get("flag") or [],
            order_types=data.get("order_type") or [],
            review_due=bool(data.get("review_due")),
            officer_id=data.get("officer"),
        )


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by CRN or name",
        max_length=100,
        min_length=2,
        help_text="For example X123456 or Smith",
        error_messages={
            "required": "Enter a CRN or a name to search for",
            "min_length": "Enter at least 2 characters",
        },
    )


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this case?",
        help_text=(
            "This is recorded in the access log with every view of the case for the next "
            "30 minutes."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=500,
        error_messages={
            "required": "Enter why you need to open this case",
            "min_length": "Give a reason of at least 10 characters",
        },
    )
