"""The coordinator's forms (induction, allocation, the schedule, nominations) and the
public nomination form. They validate input only; the services decide the rest."""

from django import forms

from cases.form_base import (
    GovukForm,
    optional_choice,
    radios,
    reason_text,
    required_error,
    textarea,
)
from crc.forms_adapter import GovukDateField
from crc.organisation.models import Area
from unpaidwork.models import PlacementKind, Project, ProjectStatus, ProjectType

YES_NO = [("yes", "Yes"), ("no", "No")]


class OrderVersionForm(GovukForm):
    """A form acting on an unpaid work order: it carries the order's version the page was
    read at, so a change someone else saved since is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class InductionBookForm(GovukForm):
    on = GovukDateField(label="Date of the induction")
    starts_at = forms.TimeField(
        label="Time (HH:MM)", error_messages=required_error("Enter the time, like 10:30")
    )
    location = forms.CharField(label="Where", max_length=200, required=False)


class InductionRecordForm(OrderVersionForm):
    attended = radios(
        "Did the person attend the induction?", YES_NO, "Say whether the person attended"
    )
    understanding_checked = forms.BooleanField(
        label="I checked the person understands what is expected of them", required=False
    )
    understanding_notes = forms.CharField(
        label="How did the person show they understood?",
        help_text="For example, they explained the rules on absence back in their own words.",
        required=False,
        widget=textarea(3),
    )


class AllocateForm(OrderVersionForm):
    project = forms.ModelChoiceField(
        label="Project",
        queryset=Project.objects.filter(status=ProjectStatus.ACTIVE).order_by("borough", "name"),
        empty_label="Choose a project",
        error_messages=required_error("Choose a project"),
    )
    reason = reason_text("Why does this placement suit the person?", "Say why it suits them")


class ScheduleForm(GovukForm):
    session = forms.ModelChoiceField(
        label="Session",
        queryset=None,
        empty_label="Choose a session",
        error_messages=required_error("Choose a session"),
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        field.queryset = sessions
        field.label_from_instance = lambda s: (
            f"{s.date:%a %d %b %Y}, {s.starts_at:%H:%M} to {s.ends_at:%H:%M} "
            f"({s.taken} of {s.capacity} places taken)"
        )


class NominationReviewForm(GovukForm):
    """A review carries the nomination's version token (crc.stale): a nomination someone
    else reviewed since the page was read is refused with their decision shown."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


class NominationRejectForm(NominationReviewForm):
    reason = reason_text("Why is the nomination rejected?", "Say why it is rejected")


class NominationAcceptForm(NominationReviewForm):
    name = forms.CharField(label="Project name", max_length=150)
    kind = forms.ChoiceField(label="Placement", choices=PlacementKind.choices)
    project_type = forms.ChoiceField(label="Type of work", choices=ProjectType.choices)
    area = forms.ModelChoiceField(
        label="Area", queryset=Area.objects.order_by("name"), empty_label="Choose an area"
    )
    capacity_per_session = forms.IntegerField(label="Places per session", min_value=1, max_value=50)
    women_only = forms.BooleanField(label="Women only", required=False)
    near_children = forms.BooleanField(label="The work is near children", required=False)
    near_vulnerable_adults = forms.BooleanField(
        label="The work is near vulnerable adults", required=False
    )
    reason = forms.CharField(label="Notes on the decision", required=False, widget=textarea(2))


class PublicNominationForm(GovukForm):
    """A member of the public suggests work. `website` is a honeypot: hidden from people
    (and assistive technology), filled in by bots; a filled one stores nothing."""

    nominator_name = forms.CharField(
        label="Your name", max_length=120, error_messages=required_error("Enter your name")
    )
    nominator_email = forms.EmailField(
        label="Your email address",
        error_messages={
            **required_error("Enter your email address"),
            "invalid": "Enter an email address like name@example.com",
        },
    )
    nominator_phone = forms.CharField(
        label="Phone number (optional)", max_length=30, required=False
    )
    organisation = forms.CharField(
        label="Organisation, if you are nominating for one (optional)",
        max_length=150,
        required=False,
    )
    borough = forms.CharField(
        label="London borough",
        max_length=60,
        error_messages=required_error("Enter the London borough the work is in"),
    )
    location = forms.CharField(
        label="Where is the work?",
        help_text="An address or a description of the place, like 'the alley behind the shops'.",
        widget=textarea(2),
        max_length=1000,
        error_messages=required_error("Enter where the work is"),
    )
    description = forms.CharField(label="What needs doing?", widget=textarea(4), max_length=5000)
    suggested_type = optional_choice("Type of work (optional)", "Not sure", ProjectType.choices)
    website = forms.CharField(label="Leave this empty", required=False)

    def spam(self) -> bool:
        return bool(self.data.get("website", "").strip())
