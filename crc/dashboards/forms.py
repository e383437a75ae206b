"""Forms for the quality-audit pages. None saves anything: the views hand
`cleaned_data` to crc.dashboards.services, which decides; a DomainError comes back as
a form error. Edit forms carry the version token they were opened at (crc.stale)."""

from django import forms

from crc.dashboards.models import KeyQuestion
from crc.dashboards.rules import BAND_LABELS, Answer, Band
from crc.organisation.models import Area, Team

ANSWER_LABELS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_APPLICABLE: "Not applicable"}


class _Versioned(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, version: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.initial["version"] = version

    def version_sent(self) -> str | None:
        return self.cleaned_data.get("version") or None

    def show_stale(self, message: str, version: str | None) -> None:
        """Keep the user's answers, say why, and move the token on: saving again is a
        choice made after reading what is saved now."""
        self.add_error(None, message)
        if version is not None:
            data = self.data.copy()
            data[self.add_prefix("version")] = version
            self.data = data


class DrawSampleForm(forms.Form):
    title = forms.CharField(
        label="Title of the audit",
        max_length=120,
        error_messages={"required": "Enter a title for the audit"},
    )
    area = forms.ModelChoiceField(
        label="Area (optional)",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="Every case you can see",
    )
    team = forms.ModelChoiceField(
        label="Team (optional)",
        help_text="A team narrows the sample further than an area.",
        queryset=Team.objects.select_related("office").order_by("name"),
        required=False,
        empty_label="Every team",
    )


def field_name(question: KeyQuestion) -> str:
    return "q_" + question.code.replace(".", "_")


def notes_name(question: KeyQuestion) -> str:
    return "n_" + question.code.replace(".", "_")


class CaseAnswersForm(_Versioned):
    """One radio group (and optional notes) per key question. Unanswered questions may
    stay blank: an auditor can save part of a case and come back."""

    def __init__(self, *args, questions: list[KeyQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(Answer.YES, "Yes"), (Answer.NO, "No")]
            if question.allows_not_applicable:
                choices.append((Answer.NOT_APPLICABLE, "Not applicable"))
            self.fields[field_name(question)] = forms.ChoiceField(
                label=f"{question.code} {question.text}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[notes_name(question)] = forms.CharField(
                label=f"Notes on {question.code} (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=2000,
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            q.code: (
                self.cleaned_data.get(field_name(q)) or "",
                self.cleaned_data.get(notes_name(q)) or "",
            )
            for q in self.questions
        }

    def rows(self):
        """(question, its answer field, its notes field) in the order of the framework."""
        return [(q, self[field_name(q)], self[notes_name(q)]) for q in self.questions]


class OverrideForm(_Versioned):
    rating = forms.ChoiceField(
        label="Rating after professional discretion",
        choices=[(band.value, BAND_LABELS[band]) for band in Band],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the rating"},
    )
    reason = forms.CharField(
        label="Why the rating differs from the computed one",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Say why the rating differs from the computed one"},
    )
