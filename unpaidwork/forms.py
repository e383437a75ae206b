"""The forms of the unpaid work pages: a register row, a stand-down."""

from django import forms

from unpaidwork.models import Outcome

# The supervisor records these; a stand-down is the whole session's, never one row's.
RECORDABLE = [
    (o.value, o.label) for o in Outcome if o not in (Outcome.EXPECTED, Outcome.STOOD_DOWN)
]


class AttendanceForm(forms.Form):
    attendance = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="What happened", choices=RECORDABLE, widget=forms.RadioSelect)
    started_at = forms.TimeField(label="Started (HH:MM)", required=False)
    ended_at = forms.TimeField(label="Finished (HH:MM)", required=False)
    penalty_minutes = forms.IntegerField(
        label="Penalty minutes (late, long breaks)", min_value=0, initial=0, required=False
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StandDownForm(forms.Form):
    reason = forms.CharField(
        label="Why is the session stood down?", widget=forms.Textarea(attrs={"rows": 3})
    )
